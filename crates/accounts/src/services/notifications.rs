//! How a person is told (NOTIF-1): their choices of channels per kind of message and quiet
//! hours, the devices that take Web Push, a test message to those devices, and the signed
//! one-click unsubscribe link of emails.

use serde::Deserialize;
use utoipa::ToSchema;
use yiwang_crypto::webpush::DeviceKeys;
use yiwang_domain::identity::email;
use yiwang_domain::ids::{AccountId, PushDeviceId};
use yiwang_domain::notification::Channel;
use yiwang_domain::notification::Notice;
use yiwang_domain::notification::prefs::{Preferences, Topic};
use yiwang_domain::notification::push::endpoint_allowed;
use yiwang_domain::throttle;
use yiwang_domain::{ErrorCode, FieldCode};
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_kit::throttle::rate_limit;
use yiwang_store::notify::Recipient;

/// The deployment's Web Push settings, installed by the binary.
#[derive(Debug, Clone)]
pub struct PushSetup {
    /// The VAPID public key browsers subscribe with (base64url, 65-byte point).
    pub public_key: String,
    /// Whether `http://localhost` endpoints are accepted (tests and the demo).
    pub allow_local: bool,
}

/// A browser's `PushSubscription`, as `JSON.stringify(subscription)` gives it.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SubscriptionInput {
    /// The push service's URL for this device.
    pub endpoint: String,
    /// When the subscription expires (ignored; the push service says when it is gone).
    #[serde(default, rename = "expirationTime")]
    #[allow(dead_code)]
    pub expiration_time: Option<f64>,
    /// The device's keys.
    pub keys: SubscriptionKeys,
}

/// The keys of a `PushSubscription`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SubscriptionKeys {
    /// The device's P-256 public key, base64url.
    pub p256dh: String,
    /// The 16-byte authentication secret, base64url.
    pub auth: String,
}

/// Saves a person's choices from the settings form.
pub async fn save_preferences(
    app: &AppState,
    account: AccountId,
    on: &[String],
    quiet_from: Option<u8>,
    quiet_to: Option<u8>,
) -> Result<Preferences, Error> {
    let prefs = Preferences::from_form(on, quiet_from, quiet_to)?;
    let mut tx = app.store.begin().await?;
    app.store.set_notify_prefs(&mut tx, account, &prefs).await?;
    yiwang_store::commit(tx).await?;
    Ok(prefs)
}

/// Adds the caller's device. The endpoint must be a push service the platform may call and
/// the keys must be usable, or nothing is stored.
pub async fn add_device(
    app: &AppState,
    account: AccountId,
    sub: &SubscriptionInput,
    user_agent: &str,
) -> Result<PushDeviceId, Error> {
    let setup = app.part::<PushSetup>()?;
    let usable = endpoint_allowed(&sub.endpoint, setup.allow_local)
        && DeviceKeys::parse(&sub.keys.p256dh, &sub.keys.auth).is_ok();
    if !usable {
        return Err(
            yiwang_domain::Error::field("endpoint", FieldCode::InvalidPushSubscription).into(),
        );
    }
    Ok(app
        .store
        .add_push_device(
            account,
            &sub.endpoint,
            &sub.keys.p256dh,
            &sub.keys.auth,
            &device_label(user_agent),
        )
        .await?)
}

/// Starts confirming an address the person gave for notifications: a link goes to it, and
/// until it is opened nothing else does. At most a few a day per account.
pub async fn give_email(app: &AppState, account: AccountId, raw: &str) -> Result<(), Error> {
    let email = email::parse(raw).map_err(|c| Error::field("email", c))?;
    let s = &app.store;
    rate_limit(
        s,
        &[(
            s.rate_key("email:account", &account.to_string()),
            throttle::EMAIL_CONFIRMATIONS_PER_ACCOUNT,
        )],
    )
    .await?;
    let mut tx = s.begin().await?;
    let token = s
        .request_email_confirmation(&mut tx, account, &email)
        .await?;
    let link = format!(
        "{}/account/email/confirm/{token}",
        app.config.public_url.as_deref().unwrap_or("")
    );
    s.notify(
        &mut tx,
        &Recipient::Address(account, email),
        &Notice::EmailConfirm { link },
    )
    .await?;
    yiwang_store::commit(tx).await?;
    app.wake_jobs.notify_one();
    Ok(())
}

/// Sends the test message to the caller's own devices (at most ten an hour).
pub async fn send_test(app: &AppState, account: AccountId) -> Result<(), Error> {
    let s = &app.store;
    rate_limit(
        s,
        &[(
            s.rate_key("push_test:account", &account.to_string()),
            throttle::PUSH_TESTS_PER_ACCOUNT,
        )],
    )
    .await?;
    let mut tx = app.store.begin().await?;
    app.store
        .notify(&mut tx, &Recipient::Account(account), &Notice::PushTest)
        .await?;
    yiwang_store::commit(tx).await?;
    app.wake_jobs.notify_one();
    Ok(())
}

/// What an unsubscribe link names, checked against its signature.
pub fn check_link(
    app: &AppState,
    account: &str,
    topic: &str,
    channel: &str,
    mac: &str,
) -> Result<(AccountId, Topic, Channel), Error> {
    let parsed = (
        account.parse::<AccountId>().ok(),
        Topic::parse(topic),
        Channel::parse(channel),
    );
    match parsed {
        (Some(a), Some(t), Some(c))
            if (c != Channel::Inbox || t == Topic::Digest)
                && app.store.unsubscribe_valid(a, t, c, mac) =>
        {
            Ok((a, t, c))
        }
        _ => Err(Error::code(ErrorCode::LinkInvalid)),
    }
}

/// Follows a signed unsubscribe link: that channel is switched off for that kind of message;
/// the digest's own link (its inbox copy) stops the digest.
pub async fn unsubscribe(
    app: &AppState,
    account: AccountId,
    topic: Topic,
    channel: Channel,
) -> Result<(), Error> {
    if (topic, channel) == (Topic::Digest, Channel::Inbox) {
        return Ok(app.store.stop_digest(account).await?);
    }
    let mut prefs = app.store.notify_prefs(account).await?;
    prefs.switch_off(topic, channel);
    let mut tx = app.store.begin().await?;
    app.store.set_notify_prefs(&mut tx, account, &prefs).await?;
    yiwang_store::commit(tx).await?;
    Ok(())
}

/// A short name for a device from its browser's User-Agent: the browser and the system,
/// never the full string (which identifies a device more than the person needs to see).
pub fn device_label(ua: &str) -> String {
    let browser = [
        ("MicroMessenger", "微信"),
        ("EdgA/", "Edge"),
        ("Edg/", "Edge"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]
    .iter()
    .find(|(needle, _)| ua.contains(needle))
    .map_or("浏览器", |(_, name)| name);
    let system = [
        ("HarmonyOS", "HarmonyOS"),
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ]
    .iter()
    .find(|(needle, _)| ua.contains(needle))
    .map(|(_, name)| *name);
    match system {
        Some(s) => format!("{browser} · {s}"),
        None => browser.to_owned(),
    }
}
