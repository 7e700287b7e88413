//! Citizen accounts: SMS codes, registration, login with lockout, password reset, password
//! change and real-name verification (PRODUCT.md ACC-1).

use std::time::Duration;

use yiwang_domain::account::{CodePurpose, check_new_password, check_sms_code};
use yiwang_domain::identity::Mobile;
use yiwang_domain::ids::AccountId;
use yiwang_domain::notification::Notice;
use yiwang_domain::throttle::{self, RateRule};
use yiwang_domain::{Error as DomainError, ErrorCode, FieldCode, FieldErrors, Timestamp};
use yiwang_store::clients::TokenOwner;
use yiwang_store::notify::Recipient;
use yiwang_store::sessions::{Session, Stage};

use super::hashing::hashing;
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_kit::throttle::rate_limit;

/// Sends a one-time code for registering a number or resetting its password. The outcome
/// the caller sees is the same whether or not the number has an account.
pub async fn request_code(
    app: &AppState,
    caller: &Caller,
    phone: &str,
    purpose: CodePurpose,
) -> Result<(), Error> {
    let phone = Mobile::parse(phone).map_err(|c| Error::field("phone", c))?;
    let s = &app.store;
    rate_limit(
        &app.store,
        &[
            (
                s.rate_key("sms:ip", &caller.client_ip.to_string()),
                throttle::SMS_PER_CLIENT,
            ),
            (
                s.rate_key("sms:phone:min", phone.expose()),
                throttle::SMS_PER_PHONE_MINUTE,
            ),
            (
                s.rate_key("sms:phone:day", phone.expose()),
                throttle::SMS_PER_PHONE_DAY,
            ),
        ],
    )
    .await?;
    let mut tx = s.begin().await?;
    s.request_sms_code(&mut tx, &phone, purpose, caller.lang)
        .await?;
    yiwang_store::commit(tx).await?;
    app.wake_jobs.notify_one();
    Ok(())
}

/// What the registration and the password-reset forms both send: a mobile number, the SMS
/// code sent to it, and a new password twice.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct CodeAndPassword {
    /// Mobile number.
    #[serde(default)]
    pub phone: String,
    /// The SMS code.
    #[serde(default)]
    pub code: String,
    /// The new password.
    #[serde(default)]
    pub password: String,
    /// The password again.
    #[serde(default)]
    pub confirm: String,
}

impl CodeAndPassword {
    /// Checks every field at once; returns the number and the code.
    fn check(&self) -> Result<(Mobile, String), Error> {
        let mut e = FieldErrors::new();
        let phone = e.check("phone", Mobile::parse(&self.phone));
        let code = e.check("code", check_sms_code(&self.code));
        check_new_password(
            &mut e,
            "password",
            "confirm",
            &self.password,
            &self.confirm,
            phone.as_ref().map(Mobile::expose),
        );
        match (phone, code) {
            (Some(phone), Some(code)) if e.is_empty() => Ok((phone, code)),
            _ => Err(DomainError::invalid(e).into()),
        }
    }
}

/// Hashes a password (see [`hashing`]).
pub async fn hash_password(password: &str) -> Result<String, Error> {
    let password = password.to_owned();
    hashing(move || yiwang_crypto::password::hash(&password))
        .await?
        .map_err(Error::from)
}

/// A new browser session: the cookie token and the session.
pub struct NewSession {
    /// The token for the cookie.
    pub token: String,
    /// The session.
    pub session: Session,
}

/// Creates a citizen account from a verified number and logs it in.
pub async fn register(
    app: &AppState,
    caller: &Caller,
    input: &CodeAndPassword,
) -> Result<(AccountId, NewSession), Error> {
    let (phone, code) = input.check()?;
    let s = &app.store;
    rate_limit(
        &app.store,
        &[(
            s.rate_key("signup:ip", &caller.client_ip.to_string()),
            throttle::SIGNUP_PER_CLIENT,
        )],
    )
    .await?;
    let hash = hash_password(&input.password).await?;
    let mut tx = s.begin().await?;
    if !s
        .consume_sms_code(&mut tx, &phone, CodePurpose::Register, &code)
        .await?
    {
        // Commit, so the wrong guess counts against the code.
        yiwang_store::commit(tx).await?;
        return Err(Error::field("code", FieldCode::CodeInvalid));
    }
    let account = match s.create_citizen(&mut tx, &phone, &hash, caller.lang).await {
        Ok(a) => a,
        // Registered by a concurrent request a moment ago: the code no longer applies.
        Err(yiwang_store::Error::Domain(d)) if d.code == ErrorCode::Conflict => {
            return Err(Error::field("code", FieldCode::CodeInvalid));
        }
        Err(e) => return Err(e.into()),
    };
    s.notify(&mut tx, &Recipient::Account(account), &Notice::Welcome)
        .await?;
    let (token, session) = s
        .create_session(
            &mut tx,
            account,
            yiwang_domain::account::AccountKind::Citizen,
            Stage::Full,
        )
        .await?;
    yiwang_store::commit(tx).await?;
    app.wake_jobs.notify_one();
    Ok((account, NewSession { token, session }))
}

/// Checks a citizen's number and password. Wrong input of any kind gives the same answer;
/// five failures in 15 minutes lock the number, thirty from one address block the address.
pub async fn authenticate(
    app: &AppState,
    caller: &Caller,
    phone: &str,
    password: &str,
) -> Result<AccountId, Error> {
    let s = &app.store;
    let ip_key = s.rate_key("login:ip", &caller.client_ip.to_string());
    let Ok(phone) = Mobile::parse(phone) else {
        // Whether a string is a mobile number is no secret: no need to spend a hash on it (that
        // would let anyone burn CPU without an account). It still counts against the address.
        if let Some(wait) = s.rate_blocked(&ip_key, Timestamp::now()).await? {
            return Err(DomainError::retry_after(ErrorCode::RateLimited, wait.as_secs()).into());
        }
        s.rate_hit(&ip_key, throttle::LOGIN_PER_CLIENT, Timestamp::now())
            .await?;
        return Err(Error::code(ErrorCode::InvalidCredentials));
    };
    let account_key = s.rate_key("login:phone", phone.expose());
    let now = Timestamp::now();
    if let Some(wait) = s.rate_blocked(&account_key, now).await? {
        return Err(DomainError::retry_after(ErrorCode::AccountLocked, wait.as_secs()).into());
    }
    if let Some(wait) = s.rate_blocked(&ip_key, now).await? {
        return Err(DomainError::retry_after(ErrorCode::RateLimited, wait.as_secs()).into());
    }
    let record = s.citizen_login(&phone).await?;
    let ok = check_password(record.as_ref().map(|r| r.password_hash.clone()), password).await?;
    match record {
        Some(r) if ok && r.active => {
            s.rate_reset(&account_key).await?;
            Ok(r.id)
        }
        _ => Err(login_failed(app, &account_key, &ip_key, throttle::LOGIN_PER_ACCOUNT).await?),
    }
}

/// Verifies a password against a hash, or burns the same time when there is no account.
pub async fn check_password(hash: Option<String>, password: &str) -> Result<bool, Error> {
    let p = password.to_owned();
    hashing(move || match hash {
        Some(h) => yiwang_crypto::password::verify(&p, &h),
        None => {
            yiwang_crypto::password::verify_dummy(&p);
            false
        }
    })
    .await
}

/// Counts a failed login and chooses the answer: locked if this failure reached the limit.
pub async fn login_failed(
    app: &AppState,
    account_key: &str,
    ip_key: &str,
    rule: RateRule,
) -> Result<Error, Error> {
    let now = Timestamp::now();
    let s = &app.store;
    s.rate_hit(ip_key, throttle::LOGIN_PER_CLIENT, now).await?;
    Ok(match s.rate_hit(account_key, rule, now).await? {
        Some(wait) => DomainError::retry_after(ErrorCode::AccountLocked, wait.as_secs()).into(),
        None => Error::code(ErrorCode::InvalidCredentials),
    })
}

/// Logs a citizen in: checks the credentials and opens a session.
pub async fn login(
    app: &AppState,
    caller: &Caller,
    phone: &str,
    password: &str,
) -> Result<NewSession, Error> {
    let account = authenticate(app, caller, phone, password).await?;
    let mut tx = app.store.begin().await?;
    let (token, session) = app
        .store
        .create_session(&mut tx, account, account_kind(), Stage::Full)
        .await?;
    yiwang_store::commit(tx).await?;
    Ok(NewSession { token, session })
}

fn account_kind() -> yiwang_domain::account::AccountKind {
    yiwang_domain::account::AccountKind::Citizen
}

/// Resets a forgotten password with an SMS code. Every session and token of the account ends.
pub async fn reset_password(
    app: &AppState,
    caller: &Caller,
    input: &CodeAndPassword,
) -> Result<(), Error> {
    let (phone, code) = input.check()?;
    let s = &app.store;
    rate_limit(
        &app.store,
        &[(
            s.rate_key("reset:ip", &caller.client_ip.to_string()),
            throttle::SIGNUP_PER_CLIENT,
        )],
    )
    .await?;
    let hash = hash_password(&input.password).await?;
    let mut tx = s.begin().await?;
    let valid = s
        .consume_sms_code(&mut tx, &phone, CodePurpose::ResetPassword, &code)
        .await?;
    let account = if valid {
        s.find_citizen_by_phone(&phone).await?
    } else {
        None
    };
    let Some(account) = account else {
        yiwang_store::commit(tx).await?;
        return Err(Error::field("code", FieldCode::CodeInvalid));
    };
    s.set_password(&mut tx, account, &hash, None).await?;
    s.notify(
        &mut tx,
        &Recipient::Account(account),
        &Notice::PasswordReset,
    )
    .await?;
    yiwang_store::commit(tx).await?;
    s.rate_reset(&s.rate_key("login:phone", phone.expose()))
        .await?;
    app.wake_jobs.notify_one();
    Ok(())
}

/// What a password-change form sends.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ChangePasswordInput {
    /// The current password.
    #[serde(default)]
    pub current: String,
    /// The new password.
    #[serde(default)]
    pub password: String,
    /// The new password again.
    #[serde(default)]
    pub confirm: String,
}

/// Changes the password of a logged-in account; other sessions and all tokens end. A staff
/// member's change is audited.
pub async fn change_password(
    app: &AppState,
    caller: &Caller,
    account: AccountId,
    keep_session: Option<&str>,
    input: &ChangePasswordInput,
) -> Result<(), Error> {
    let s = &app.store;
    let profile = s.profile(account).await?;
    let mut e = FieldErrors::new();
    if input.current.is_empty() {
        e.add("current", FieldCode::Required);
    }
    check_new_password(
        &mut e,
        "password",
        "confirm",
        &input.password,
        &input.confirm,
        profile.phone.as_deref(),
    );
    if !e.is_empty() {
        return Err(DomainError::invalid(e).into());
    }
    let key = s.rate_key("password:account", &account.to_string());
    if let Some(wait) = s.rate_blocked(&key, Timestamp::now()).await? {
        return Err(DomainError::retry_after(ErrorCode::AccountLocked, wait.as_secs()).into());
    }
    let record = s.login_record(account).await?;
    if !check_password(Some(record.password_hash), &input.current).await? {
        s.rate_hit(&key, throttle::LOGIN_PER_ACCOUNT, Timestamp::now())
            .await?;
        return Err(Error::field("current", FieldCode::PasswordWrong));
    }
    let hash = hash_password(&input.password).await?;
    let mut tx = s.begin().await?;
    s.set_password(&mut tx, account, &hash, keep_session)
        .await?;
    s.notify(
        &mut tx,
        &yiwang_store::notify::Recipient::Account(account),
        &Notice::PasswordChanged,
    )
    .await?;
    if profile.kind == yiwang_domain::account::AccountKind::Staff {
        let grants = s
            .grants(yiwang_store::staff::Holder::Account(account))
            .await?;
        let who = yiwang_kit::audit::actor(
            &app.store,
            &yiwang_domain::auth::Actor::Staff { account, grants },
        )
        .await?;
        let target = yiwang_kit::audit::Target {
            kind: Some("account"),
            id: Some(account.to_string()),
            ..Default::default()
        };
        yiwang_kit::audit::record_as(
            &app.store,
            &mut tx,
            who,
            yiwang_domain::audit::AuditAction::PasswordChanged,
            target,
            &caller.request_id,
        )
        .await?;
    }
    yiwang_store::commit(tx).await?;
    app.wake_jobs.notify_one();
    Ok(())
}

/// Issues an API bearer token for an account or a system client, valid for `ttl`. Only
/// its hash is stored; the token is returned once.
pub async fn issue_token(
    app: &AppState,
    owner: TokenOwner,
    label: &str,
    ttl: Duration,
) -> Result<(String, Timestamp), Error> {
    let expires = Timestamp::now().plus(ttl);
    let mut tx = app.store.begin().await?;
    let (_, token) = app
        .store
        .issue_token(&mut tx, owner, label, Some(expires))
        .await?;
    yiwang_store::commit(tx).await?;
    Ok((token, expires))
}
