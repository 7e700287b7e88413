//! The demo's relying party, so `../shared/checks/check-oidc.sh` can sign in against
//! `yiwang serve --demo`. A real deployment registers its systems in the console.

use std::collections::BTreeSet;

use yiwang_domain::oidc::{Claim, Scope};
use yiwang_store::Store;
use yiwang_store::sso::ClientInput;

/// The demo client's id (`../shared/checks/demo.env`).
pub const CLIENT_ID: &str = "yiwang-demo-rp";
/// Its secret; a real deployment's secrets are made by the console and shown once.
pub const CLIENT_SECRET: &str = "yiwang-demo-rp-secret";

/// Registers the demo's relying party once.
pub async fn ensure(store: &Store) -> Result<(), yiwang_store::Error> {
    if store.oidc_client(CLIENT_ID).await?.is_some() {
        return Ok(());
    }
    let input = ClientInput {
        name: "演示：区不动产登记系统".into(),
        logo_url: None,
        redirect_uris: vec![
            "http://127.0.0.1:9/cb".into(),
            "http://localhost:9/cb".into(),
        ],
        logout_uris: vec!["http://127.0.0.1:9/signed-out".into()],
        backchannel_uri: None,
        scopes: BTreeSet::from([
            Scope::Openid,
            Scope::Profile,
            Scope::Phone,
            Scope::OfflineAccess,
        ]),
        claims: BTreeSet::from([Claim::Name, Claim::Phone]),
        jwks: None,
    };
    let mut tx = store.begin().await?;
    store
        .create_oidc_client(
            &mut tx,
            CLIENT_ID,
            &yiwang_crypto::sha256_hex(CLIENT_SECRET.as_bytes()),
            &input,
        )
        .await?;
    yiwang_store::commit(tx).await
}
