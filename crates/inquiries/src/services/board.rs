//! Publishing to the public board (INQ-4): the handler reads the question and the answer
//! with personal data masked by rule (names to 张**, phone, ID and house numbers removed),
//! corrects what the rule missed, and confirms; only then does it appear.

use yiwang_domain::FieldErrors;
use yiwang_domain::audit::AuditAction;
use yiwang_domain::ids::InquiryId;
use yiwang_domain::inquiry::mask::mask;
use yiwang_domain::inquiry::{EventKind, InquiryState};
use yiwang_store::inquiries::InquiryRow;
use yiwang_store::inquiries::history::{EventActor, NewEvent};

use super::read;
use yiwang_kit::audit::{self, Target};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

/// The texts as the board would show them.
#[derive(Debug, Clone, Default)]
pub struct Masked {
    /// The title.
    pub title: String,
    /// The question.
    pub body: String,
    /// The answer.
    pub reply: String,
}

/// The inquiry, if the caller may publish it: answered, public by the asker's choice (which
/// the kind and category allowed), and handled by the caller's department.
async fn publishable(app: &AppState, caller: &Caller, id: InquiryId) -> Result<InquiryRow, Error> {
    let (row, actors) = read::for_staff(app, caller, id).await?;
    if !actors.iter().any(|a| a.handles()) {
        return Err(Error::forbidden());
    }
    if !row.wants_public || !matches!(row.state, InquiryState::Replied | InquiryState::Closed) {
        return Err(Error::code(yiwang_domain::ErrorCode::InvalidTransition));
    }
    Ok(row)
}

/// The names of the people on the case, to mask wherever they appear.
async fn names(app: &AppState, row: &InquiryRow) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    if let Some(a) = row.account_id
        && let Some(n) = app.store.profile(a).await?.real_name
    {
        out.push(n);
    }
    if row.has_contact
        && let Some(c) = app.store.inquiry_contact(row.id).await?
        && !c.name.is_empty()
    {
        out.push(c.name);
    }
    Ok(out)
}

/// What the rule makes of the texts, for the handler to confirm.
pub async fn preview(
    app: &AppState,
    caller: &Caller,
    id: InquiryId,
) -> Result<(InquiryRow, Masked), Error> {
    let row = publishable(app, caller, id).await?;
    let names = names(app, &row).await?;
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let masked = Masked {
        title: mask(&row.title, &names),
        body: mask(&row.body, &names),
        reply: mask(row.reply.as_deref().unwrap_or(""), &names),
    };
    Ok((row, masked))
}

/// Publishes the confirmed texts (masked once more by rule, so a number typed back in is
/// removed again).
pub async fn publish(
    app: &AppState,
    caller: &Caller,
    id: InquiryId,
    m: &Masked,
) -> Result<(), Error> {
    let row = publishable(app, caller, id).await?;
    let names = names(app, &row).await?;
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut e = FieldErrors::new();
    let title = e.check(
        "title",
        yiwang_domain::account::check_plain_text(&m.title, 2, 60),
    );
    let body = e.check("body", yiwang_domain::inquiry::clean_text(&m.body, 5, 2000));
    let reply = e.check(
        "reply",
        yiwang_domain::inquiry::clean_text(&m.reply, 2, 5000),
    );
    let (Some(title), Some(body), Some(reply)) = (title, body, reply) else {
        return Err(yiwang_domain::Error::invalid(e).into());
    };
    let s = &app.store;
    let mut tx = s.begin().await?;
    s.publish_inquiry(
        &mut tx,
        row.id,
        &mask(&title, &names),
        &mask(&body, &names),
        &mask(&reply, &names),
    )
    .await?;
    let (account, _) = caller.principal.staff().ok_or_else(Error::forbidden)?;
    s.add_inquiry_event(
        &mut tx,
        &NewEvent {
            inquiry: row.id,
            kind: EventKind::Published,
            actor: EventActor::Staff(account),
            department: row.department_id,
            note: "",
            detail: None,
        },
    )
    .await?;
    audit::record(
        s,
        caller,
        &mut tx,
        AuditAction::InquiryPublished,
        Target {
            kind: Some("inquiry"),
            id: Some(row.id.to_string()),
            department: row.department_id,
            ..Target::default()
        },
    )
    .await?;
    yiwang_store::commit(tx).await?;
    Ok(())
}
