//! Staff login with password and authenticator code (RFC 6238), and authenticator enrolment
//! (PRODUCT.md ACC-2).

use yiwang_domain::account::{AccountKind, check_totp_code};
use yiwang_domain::audit::AuditAction;
use yiwang_domain::ids::AccountId;
use yiwang_domain::throttle;
use yiwang_domain::{Error as DomainError, ErrorCode, Timestamp};
use yiwang_store::sessions::{Session, Stage};

use super::accounts::{NewSession, check_password, login_failed};
use yiwang_kit::audit::{Target, actor, record_as};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

/// How a staff login ended.
pub enum StaffLogin {
    /// Fully logged in.
    LoggedIn(NewSession),
    /// Password right, but an authenticator must be linked first.
    MustEnrol(NewSession),
}

/// Logs a staff member in. Enrolled staff need the current authenticator code; each code
/// works once. Until the password and the code are both right the answer is the same
/// `invalid_credentials`, so nobody learns that a password is right without the second
/// factor; and every such failure — a wrong password, a missing, malformed, wrong or replayed
/// code — counts towards the same lockout as citizens'.
pub async fn login(
    app: &AppState,
    caller: &Caller,
    username: &str,
    password: &str,
    code: &str,
) -> Result<StaffLogin, Error> {
    let s = &app.store;
    let username = username.trim().to_ascii_lowercase();
    let ip_key = s.rate_key("login:ip", &caller.client_ip.to_string());
    let account_key = s.rate_key("login:staff", &username);
    let now = Timestamp::now();
    if let Some(wait) = s.rate_blocked(&account_key, now).await? {
        return Err(DomainError::retry_after(ErrorCode::AccountLocked, wait.as_secs()).into());
    }
    if let Some(wait) = s.rate_blocked(&ip_key, now).await? {
        return Err(DomainError::retry_after(ErrorCode::RateLimited, wait.as_secs()).into());
    }
    let failed = || login_failed(app, &account_key, &ip_key, throttle::LOGIN_PER_ACCOUNT);
    let record = if username.is_empty() {
        None
    } else {
        s.staff_login(&username).await?
    };
    let ok = check_password(record.as_ref().map(|r| r.password_hash.clone()), password).await?;
    let record = match record {
        Some(r) if ok && r.active => r,
        _ => return Err(failed().await?),
    };
    if !record.totp_enrolled {
        let mut tx = s.begin().await?;
        let (token, session) = s
            .create_session(&mut tx, record.id, AccountKind::Staff, Stage::TotpEnrolment)
            .await?;
        yiwang_store::commit(tx).await?;
        return Ok(StaffLogin::MustEnrol(NewSession { token, session }));
    }
    let step = check_totp_code(code).and_then(|code| {
        record
            .totp_secret
            .as_deref()
            .and_then(|secret| yiwang_crypto::totp::check(secret, &code, now.secs() as u64))
    });
    let mut tx = s.begin().await?;
    let fresh = match step {
        Some(step) => s.use_totp_step(&mut tx, record.id, step).await?,
        None => false,
    };
    if !fresh {
        drop(tx);
        return Err(failed().await?);
    }
    let (token, session) = s
        .create_session(&mut tx, record.id, AccountKind::Staff, Stage::Full)
        .await?;
    let who = staff_actor(app, record.id).await?;
    record_as(
        &app.store,
        &mut tx,
        who,
        AuditAction::StaffLogin,
        Target::default(),
        &caller.request_id,
    )
    .await?;
    yiwang_store::commit(tx).await?;
    s.rate_reset(&account_key).await?;
    Ok(StaffLogin::LoggedIn(NewSession { token, session }))
}

async fn staff_actor(
    app: &AppState,
    account: AccountId,
) -> Result<yiwang_store::audit::AuditActor, Error> {
    let grants = app
        .store
        .grants(yiwang_store::staff::Holder::Account(account))
        .await?;
    actor(
        &app.store,
        &yiwang_domain::auth::Actor::Staff { account, grants },
    )
    .await
}

/// The secret being enrolled (created on first call, kept until confirmed) and its
/// `otpauth://` URL for the QR code.
pub async fn enrolment(app: &AppState, session: &Session) -> Result<(Vec<u8>, String), Error> {
    let s = &app.store;
    let record = s.staff_login_by_id(session.account).await?;
    let secret = match record.totp_secret {
        Some(secret) if !record.totp_enrolled => secret,
        _ => {
            let secret = yiwang_crypto::totp::new_secret()?;
            s.set_totp_secret(session.account, &secret).await?;
            secret
        }
    };
    let profile = s.profile(session.account).await?;
    let url = yiwang_crypto::totp::enrolment_url(
        &secret,
        &app.config.site_name,
        &profile.username.unwrap_or_default(),
    )?;
    Ok((secret, url))
}

/// Confirms enrolment with a first code; the session becomes a full login.
pub async fn confirm_enrolment(
    app: &AppState,
    caller: &Caller,
    session: &Session,
    code: &str,
) -> Result<(), Error> {
    let s = &app.store;
    let record = s.staff_login_by_id(session.account).await?;
    let (Some(secret), Some(code)) = (record.totp_secret, check_totp_code(code)) else {
        return Err(Error::code(ErrorCode::InvalidTotp));
    };
    let Some(step) = yiwang_crypto::totp::check(&secret, &code, Timestamp::now().secs() as u64)
    else {
        return Err(Error::code(ErrorCode::InvalidTotp));
    };
    let mut tx = s.begin().await?;
    if !s.use_totp_step(&mut tx, session.account, step).await? {
        return Err(Error::code(ErrorCode::InvalidTotp));
    }
    s.promote_session(&mut tx, &session.id_hash).await?;
    let who = staff_actor(app, session.account).await?;
    record_as(
        &app.store,
        &mut tx,
        who,
        AuditAction::TotpEnrolled,
        Target::default(),
        &caller.request_id,
    )
    .await?;
    yiwang_store::commit(tx).await?;
    Ok(())
}
