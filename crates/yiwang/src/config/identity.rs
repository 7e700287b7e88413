//! The `[identity]` table: which identity provider verifies names and ID numbers online
//! (ACC-1). `none` (the default): identities are verified at counters only. `sandbox`: the
//! built-in register of made-up people (demos; the demo uses it by default). `http`: a relay in
//! front of the real service (the public-security identity service, a bank-card four-factor
//! check, face verification), speaking the contract in `yiwang_accounts::provider`.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use yiwang_accounts::provider::{HttpProvider, Provider, Sandbox};

use super::{Config, ConfigError, bad, opt_text, text};

/// The sandbox register the demo uses when no other is named.
pub const DEMO_SANDBOX: &str = include_str!("../../../../seed/identity/sandbox.tsv");

/// Which identity provider. `Debug` hides the token.
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityConfig {
    /// `none`, `sandbox` or `http`.
    #[serde(deserialize_with = "text")]
    pub provider: String,
    /// The sandbox's register (`id_number<TAB>name<TAB>status` lines); the demo's own when not
    /// set.
    pub sandbox_file: Option<PathBuf>,
    /// The relay's URL, for `http` (`http://` only: the relay holds the TLS and credentials).
    #[serde(default, deserialize_with = "opt_text")]
    pub url: Option<String>,
    /// A bearer token the relay expects.
    #[serde(default, deserialize_with = "opt_text")]
    pub token: Option<String>,
    /// A file holding the token.
    pub token_file: Option<PathBuf>,
}

impl Default for IdentityConfig {
    fn default() -> Self {
        IdentityConfig {
            provider: "none".into(),
            sandbox_file: None,
            url: None,
            token: None,
            token_file: None,
        }
    }
}

impl fmt::Debug for IdentityConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IdentityConfig")
            .field("provider", &self.provider)
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

impl IdentityConfig {
    /// Checks the table.
    pub fn validate(&self) -> Result<(), ConfigError> {
        match self.provider.as_str() {
            "none" | "sandbox" => Ok(()),
            "http" => match self.url.as_deref() {
                Some(u) if u.starts_with("http://") => Ok(()),
                Some(_) => Err(bad(
                    "identity.url",
                    "must start with http:// (put a relay in front of an https service)",
                )),
                None => Err(bad("identity.url", "is required when the provider is http")),
            },
            other => Err(bad(
                "identity.provider",
                format!("unknown provider {other:?}; use \"none\", \"sandbox\" or \"http\""),
            )),
        }
    }
}

impl Config {
    /// The identity provider to install, if any. A demo without a provider gets the sandbox.
    pub fn identity_provider(&self, demo: bool) -> Result<Option<Provider>, ConfigError> {
        let sandbox = |file: &Option<PathBuf>| -> Result<Provider, ConfigError> {
            let text = match file {
                Some(p) => std::fs::read_to_string(p)
                    .map_err(|e| bad("identity.sandbox_file", e.to_string()))?,
                None => DEMO_SANDBOX.to_owned(),
            };
            let s = Sandbox::parse(&text).map_err(|e| bad("identity.sandbox_file", e))?;
            Ok(Provider(Arc::new(s)))
        };
        let i = &self.identity;
        Ok(match i.provider.as_str() {
            "none" if demo => Some(sandbox(&i.sandbox_file)?),
            "none" => None,
            "sandbox" => Some(sandbox(&i.sandbox_file)?),
            _ => {
                let token = match (&i.token, &i.token_file) {
                    (Some(t), _) => Some(t.clone()),
                    (None, Some(p)) => Some(
                        std::fs::read_to_string(p)
                            .map_err(|e| bad("identity.token_file", e.to_string()))?
                            .trim()
                            .to_owned(),
                    ),
                    (None, None) => None,
                };
                let url = i.url.as_deref().unwrap_or_default();
                Some(Provider(Arc::new(
                    HttpProvider::new(url, token).map_err(|e| bad("identity.url", e))?,
                )))
            }
        })
    }
}
