//! Telling systems that a person signed out (OpenID Connect Back-Channel Logout 1.0): the job
//! enqueued by `store::sso::end_oidc_session` in the transaction that ends the session POSTs
//! a signed logout token to each system's registered endpoint, retried with backoff until the
//! system answers.

use std::time::Duration;

use futures_util::future::BoxFuture;
use serde_json::json;
use yiwang_domain::Timestamp;
use yiwang_jobs::{Handler, JobError};
use yiwang_kit::state::AppState;
use yiwang_store::Store;

use crate::services::flow;

/// Posts logout tokens.
pub struct BackchannelLogout {
    app: AppState,
    http: reqwest::Client,
}

impl BackchannelLogout {
    /// A handler with its own HTTP client (no redirects followed, short timeouts).
    pub fn new(app: AppState) -> Result<BackchannelLogout, String> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| format!("back-channel logout client: {e}"))?;
        Ok(BackchannelLogout { app, http })
    }
}

impl Handler for BackchannelLogout {
    fn run<'a>(
        &'a self,
        store: &'a Store,
        payload: &'a str,
    ) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(async move {
            let p: serde_json::Value =
                serde_json::from_str(payload).map_err(JobError::permanent)?;
            let field = |k: &str| {
                p[k].as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| JobError::permanent(format!("no {k} in the payload")))
            };
            let (client_id, session, issuer) =
                (field("client")?, field("session")?, field("issuer")?);
            let account = field("account")?
                .parse()
                .map_err(|_| JobError::permanent("a malformed account"))?;
            let Some(client) = store
                .oidc_client(&client_id)
                .await
                .map_err(JobError::retry)?
            else {
                return Err(JobError::permanent("the client is gone"));
            };
            let Some(uri) = client.backchannel_uri.filter(|_| !client.disabled) else {
                // Removed or disabled since: nobody to tell.
                return Ok(());
            };
            let key = store.oidc_signing_key().await.map_err(JobError::retry)?;
            let now = Timestamp::now().secs();
            let claims = json!({
                "iss": issuer,
                "aud": client.id,
                "iat": now,
                "exp": now + 120,
                "jti": yiwang_crypto::random::token().map_err(JobError::retry)?,
                "sub": flow::subject(&self.app, &client.id, account),
                "sid": flow::sid(&client.id, &session),
                "events": {"http://schemas.openid.net/event/backchannel-logout": {}},
            });
            let token = key.sign("logout+jwt", &claims).map_err(JobError::retry)?;
            let res = self
                .http
                .post(&uri)
                .header(
                    http::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                // A compact JWS is base64url and dots: nothing to escape in a form.
                .body(format!("logout_token={token}"))
                .send()
                .await
                .map_err(|e| JobError::retry(format!("{}: {e}", client.id)))?;
            match res.status().as_u16() {
                200..=299 => Ok(()),
                400..=499 => Err(JobError::permanent(format!(
                    "{} refused the logout token: {}",
                    client.id,
                    res.status()
                ))),
                _ => Err(JobError::retry(format!(
                    "{} answered {}",
                    client.id,
                    res.status()
                ))),
            }
        })
    }
}
