//! One account for every government system (PRODUCT.md ACC-3): Yiwang as an OpenID Connect
//! provider. Another system (a relying party, registered by a platform admin) sends the person
//! here; they sign in as usual, agree once to what the system may know, and go back with a
//! code the system exchanges for an ID token.
//!
//! - Discovery `/.well-known/openid-configuration`, keys `/oidc/jwks`.
//! - `/oidc/authorize`: the authorization-code flow with PKCE (S256 only), redirect URIs
//!   matched exactly, the consent page (`pages/authorize.rs`).
//! - `/oidc/token`: `client_secret_basic`, `client_secret_post` or `private_key_jwt`; codes
//!   are single use; refresh tokens rotate and a reused one revokes its family.
//! - `/oidc/userinfo`: the claims the person agreed to give.
//! - `/oidc/logout`: RP-initiated logout, confirmed by the person; every system signed in
//!   from the session that registered an endpoint is told (`jobs.rs`, Back-Channel Logout).
//! - `/account/connected`: the systems a person is connected to, when each last signed them
//!   in, and taking a consent back.
//! - `/console/sso`: registering systems, their secrets, rotating the signing key.
//!
//! Rules in `domain/oidc.rs`, rows in `store/sso.rs`, keys and tokens in `crypto/jose.rs`.

pub mod demo;
pub mod jobs;
pub mod pages;
pub mod services;
pub mod texts;

use yiwang_domain::auth::Permission as P;
use yiwang_domain::auth::{Scope, allows_somewhere};
use yiwang_kit::table::ConsoleSection;
use yiwang_kit::{Access, Table};

use crate::texts::SsoTexts;

/// Adds single sign-on's routes and console section to the table.
pub fn routes(t: Table) -> Table {
    use Access::*;
    use pages::{authorize, connected, console, protocol};
    t.get(
        "/.well-known/openid-configuration",
        Public,
        protocol::discovery,
    )
    .get("/oidc/jwks", Public, protocol::jwks)
    .get("/oidc/authorize", Public, authorize::start)
    .post("/oidc/authorize", Account, authorize::decide)
    .post("/oidc/token", Public, protocol::token)
    .get("/oidc/userinfo", Public, protocol::userinfo)
    .post("/oidc/userinfo", Public, protocol::userinfo_post)
    .get("/oidc/logout", Public, authorize::logout_page)
    .post("/oidc/logout", Public, authorize::logout)
    .get("/account/connected", Account, connected::list)
    .post(
        "/account/connected/{client}/revoke",
        Account,
        connected::revoke,
    )
    .get("/console/sso", Staff(P::ManageSso), console::clients)
    .post("/console/sso", Staff(P::ManageSso), console::create)
    .get(
        "/console/sso/clients/{client}",
        Staff(P::ManageSso),
        console::client,
    )
    .post(
        "/console/sso/clients/{client}",
        Staff(P::ManageSso),
        console::update,
    )
    .post(
        "/console/sso/clients/{client}/secret",
        Staff(P::ManageSso),
        console::new_secret,
    )
    .post(
        "/console/sso/clients/{client}/disable",
        Staff(P::ManageSso),
        console::disable,
    )
    .post(
        "/console/sso/keys",
        Staff(P::ManageSso),
        console::rotate_key,
    )
    .console_section(ConsoleSection {
        order: 95,
        label: |t| t.sso_console(),
        link: |app, p| {
            (allows_somewhere(p.actor(), P::ManageSso)
                && p.may(P::ManageSso, &Scope::region(app.config.root_region.clone())))
            .then_some("/console/sso")
        },
    })
}
