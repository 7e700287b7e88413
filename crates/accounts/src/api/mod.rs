//! The accounts' JSON API: registration, tokens and password reset (`auth`), the caller's own
//! account (`me`), Web Push devices (`push`), and reading a citizen's details as staff (`admin`).

pub mod admin;
pub mod auth;
pub mod me;
pub mod push;

/// This capability's part of the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    auth::request_code,
    auth::register,
    auth::issue_token,
    auth::revoke_current,
    auth::reset_password,
    me::me,
    me::change_password,
    me::verify_real_name,
    me::messages,
    me::read_message,
    me::access_log,
    me::enterprises,
    me::create_enterprise,
    admin::citizen,
    push::vapid_public_key,
    push::subscribe,
    push::unsubscribe,
    push::test,
))]
pub struct Api;
