//! 消息设置: which kinds of message reach the person on which channels, quiet hours, the
//! devices that take push messages (with a test message), and the page behind an email's
//! one-click unsubscribe link.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::ErrorCode;
use yiwang_domain::ids::PushDeviceId;
use yiwang_domain::notification::Channel;
use yiwang_domain::notification::prefs::{CHOOSABLE, Preferences, Topic};

use crate::services::notifications::{self, PushSetup};
use crate::texts::*;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path, Query};
use yiwang_kit::i18n::Tr as T;
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};

/// One kind of message with its channel boxes.
struct TopicRow {
    topic: &'static str,
    name: &'static str,
    hint: &'static str,
    /// (channel, its name, checked, available)
    boxes: Vec<(&'static str, &'static str, bool, bool)>,
}

/// One device.
struct DeviceRow {
    id: PushDeviceId,
    label: String,
    added: String,
    last_ok: String,
}

#[derive(Template)]
#[template(path = "account/notifications.html")]
struct NotificationsPage {
    l: Layout,
    topics: Vec<TopicRow>,
    hours: Vec<(u8, bool, bool)>,
    devices: Vec<DeviceRow>,
    has_email: bool,
    email: String,
    vapid_key: String,
    push_js: String,
    errors: FormErrors,
    notice: Option<&'static str>,
}

fn topic_words(t: T, topic: Topic) -> (&'static str, &'static str) {
    match topic {
        Topic::Cases => (t.topic_cases(), t.topic_cases_hint()),
        Topic::Inquiries => (t.topic_inquiries(), t.topic_inquiries_hint()),
        Topic::News => (t.topic_news(), t.topic_news_hint()),
        Topic::Digest => (t.topic_digest(), t.topic_digest_hint()),
        Topic::Alerts => (t.topic_alerts(), t.topic_alerts_hint()),
        Topic::Work => (t.topic_work(), t.topic_work_hint()),
        Topic::Account => (t.topic_account(), t.topic_account_hint()),
    }
}

fn channel_name(t: T, c: Channel) -> &'static str {
    match c {
        Channel::Push => t.channel_push(),
        Channel::Sms => t.channel_sms(),
        Channel::Email => t.channel_email(),
        Channel::Inbox => t.my_messages(),
    }
}

async fn page(
    app: &AppState,
    ctx: &Ctx,
    prefs: &Preferences,
    errors: FormErrors,
    notice: Option<&'static str>,
) -> Result<NotificationsPage, Error> {
    let t = ctx.t();
    let me = ctx.principal.account().ok_or_else(Error::forbidden)?;
    let email = app.store.account_email(me).await?;
    let has_email = email.is_some();
    let devices = app.store.push_devices(me).await?;
    let staff = ctx.principal.staff().is_some();
    let topics = Topic::ALL
        .iter()
        .filter(|topic| staff || **topic != Topic::Work)
        .map(|topic| {
            let (name, hint) = topic_words(t, *topic);
            let on = prefs.chosen(*topic);
            TopicRow {
                topic: topic.as_str(),
                name,
                hint,
                boxes: CHOOSABLE
                    .iter()
                    .map(|c| {
                        let available = match c {
                            Channel::Email => has_email,
                            Channel::Push => !devices.is_empty(),
                            _ => true,
                        };
                        (c.as_str(), channel_name(t, *c), on.contains(c), available)
                    })
                    .collect(),
            }
        })
        .collect();
    let quiet = prefs.quiet;
    let hours = (0..24)
        .map(|h| {
            (
                h,
                quiet.is_some_and(|q| q.from == h),
                quiet.is_some_and(|q| q.to == h),
            )
        })
        .collect();
    let vapid_key = app
        .part::<PushSetup>()
        .map(|s| s.public_key.clone())
        .unwrap_or_default();
    let l = Layout::new(app, ctx, t.notify_title(), Section::Mine).await;
    Ok(NotificationsPage {
        l,
        topics,
        hours,
        devices: devices
            .into_iter()
            .map(|d| DeviceRow {
                id: d.id,
                label: d.label,
                added: d.created_at.display_minutes(),
                last_ok: d
                    .last_ok_at
                    .map(|x| x.display_minutes())
                    .unwrap_or_default(),
            })
            .collect(),
        has_email,
        email: email
            .as_deref()
            .map(yiwang_domain::identity::email::mask)
            .unwrap_or_default(),
        vapid_key,
        push_js: app.assets.url("push.js").to_owned(),
        errors,
        notice,
    })
}

/// The page's notices after a change.
#[derive(Deserialize, Default)]
pub struct NoticeQuery {
    #[serde(default)]
    saved: Option<String>,
    #[serde(default)]
    tested: Option<String>,
    #[serde(default)]
    removed: Option<String>,
    #[serde(default)]
    added: Option<String>,
    #[serde(default)]
    email_sent: Option<String>,
    #[serde(default)]
    email_removed: Option<String>,
}

/// `GET /account/notifications`.
pub async fn form(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, Error> {
    let me = ctx.principal.account().ok_or_else(Error::forbidden)?;
    let t = ctx.t();
    let notice = if q.saved.is_some() {
        Some(t.notify_saved())
    } else if q.tested.is_some() {
        Some(t.notify_tested())
    } else if q.removed.is_some() {
        Some(t.notify_device_removed())
    } else if q.added.is_some() {
        Some(t.notify_device_added())
    } else if q.email_sent.is_some() {
        Some(t.email_sent())
    } else if q.email_removed.is_some() {
        Some(t.email_removed())
    } else {
        None
    };
    let prefs = app.store.notify_prefs(me).await?;
    html(&page(&app, &ctx, &prefs, FormErrors::default(), notice).await?)
}

/// `POST /account/notifications`: repeated `on` fields (`topic.channel`), `quiet_from` and
/// `quiet_to` (hours, or empty for none).
pub async fn save(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    let me = ctx.principal.account().ok_or_else(Error::forbidden)?;
    let mut on = Vec::new();
    let (mut from, mut to) = (None, None);
    for (k, v) in pairs {
        // An hour that is not a number is out of range (the domain says so).
        let hour = || (!v.is_empty()).then(|| v.parse().unwrap_or(u8::MAX));
        match k.as_str() {
            "on" => on.push(v.clone()),
            "quiet_from" => from = hour(),
            "quiet_to" => to = hour(),
            _ => {}
        }
    }
    match notifications::save_preferences(&app, me, &on, from, to).await {
        Ok(_) => Ok(see_other("/account/notifications?saved=1")),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let errors = FormErrors::from_error(&e, ctx.t());
            let sent = Preferences::as_sent(&on, from, to);
            html_invalid(&page(&app, &ctx, &sent, errors, None).await?)
        }
        Err(e) => Err(e),
    }
}

/// The address form.
#[derive(Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    email: String,
}

/// `POST /account/notifications/email`: sends a confirmation link to the address given.
pub async fn give_email(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<EmailForm>,
) -> Result<Response, Error> {
    let me = ctx.principal.account().ok_or_else(Error::forbidden)?;
    match notifications::give_email(&app, me, &f.email).await {
        Ok(()) => Ok(see_other("/account/notifications?email_sent=1#email")),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let errors = FormErrors::from_error(&e, ctx.t());
            let prefs = app.store.notify_prefs(me).await?;
            html_invalid(&page(&app, &ctx, &prefs, errors, None).await?)
        }
        Err(e) => Err(e),
    }
}

/// `POST /account/notifications/email/remove`.
pub async fn remove_email(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let me = ctx.principal.account().ok_or_else(Error::forbidden)?;
    app.store.remove_email(me).await?;
    Ok(see_other("/account/notifications?email_removed=1#email"))
}

#[derive(Template)]
#[template(path = "account/email_confirm.html")]
struct EmailConfirmPage {
    l: Layout,
    email: String,
    done: bool,
}

/// `GET /account/email/confirm/{token}`: one button confirms (a link opened by a mail
/// scanner changes nothing).
pub async fn confirm_email_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(_token): Path<String>,
) -> Result<Response, Error> {
    let l = Layout::new(&app, &ctx, ctx.t().email_confirm_title(), Section::Mine).await;
    html(&EmailConfirmPage {
        l,
        email: String::new(),
        done: false,
    })
}

/// `POST /account/email/confirm/{token}`: the address becomes the account's. An unknown,
/// used or expired link is "not found".
pub async fn confirm_email(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Result<Response, Error> {
    let (_, email) = app.store.confirm_email(&token).await?;
    let l = Layout::new(&app, &ctx, ctx.t().email_confirm_title(), Section::Mine).await;
    html(&EmailConfirmPage {
        l,
        email: yiwang_domain::identity::email::mask(&email),
        done: true,
    })
}

/// `POST /account/notifications/test`.
pub async fn test(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let me = ctx.principal.account().ok_or_else(Error::forbidden)?;
    notifications::send_test(&app, me).await?;
    Ok(see_other("/account/notifications?tested=1"))
}

/// `POST /account/notifications/devices/{id}/remove`.
pub async fn remove_device(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<PushDeviceId>,
) -> Result<Response, Error> {
    let me = ctx.principal.account().ok_or_else(Error::forbidden)?;
    app.store.remove_push_device(me, id).await?;
    Ok(see_other("/account/notifications?removed=1"))
}

#[derive(Template)]
#[template(path = "account/unsubscribe.html")]
struct UnsubscribePage {
    l: Layout,
    what: String,
    done: bool,
}

/// The signed parts of an unsubscribe link.
#[derive(Deserialize)]
pub struct LinkPath {
    account: String,
    topic: String,
    channel: String,
    mac: String,
}

async fn unsubscribe_page(
    app: &AppState,
    ctx: &Ctx,
    topic: Topic,
    channel: Channel,
    done: bool,
) -> Result<Response, Error> {
    let t = ctx.t();
    let what = format!("{} · {}", topic_words(t, topic).0, channel_name(t, channel));
    let l = Layout::new(app, ctx, t.unsubscribe_title(), Section::Mine).await;
    html(&UnsubscribePage { l, what, done })
}

/// `GET /unsubscribe/{account}/{topic}/{channel}/{mac}`: says what the link stops, with one
/// button (a link opened by a mail scanner changes nothing).
pub async fn unsubscribe_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(p): Path<LinkPath>,
) -> Result<Response, Error> {
    let (_, topic, channel) =
        notifications::check_link(&app, &p.account, &p.topic, &p.channel, &p.mac)?;
    unsubscribe_page(&app, &ctx, topic, channel, false).await
}

/// `POST /unsubscribe/{account}/{topic}/{channel}/{mac}`: the button, or a mail client's
/// one-click unsubscribe (RFC 8058), which carries no cookie: the signature is the authority.
pub async fn unsubscribe(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(p): Path<LinkPath>,
) -> Result<Response, Error> {
    let (account, topic, channel) =
        notifications::check_link(&app, &p.account, &p.topic, &p.channel, &p.mac)?;
    notifications::unsubscribe(&app, account, topic, channel).await?;
    unsubscribe_page(&app, &ctx, topic, channel, true).await
}
