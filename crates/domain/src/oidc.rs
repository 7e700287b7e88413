//! Signing people in to other government systems (PRODUCT.md ACC-3): the rules of the OpenID
//! Connect provider, without I/O — what an authorization request must hold, which claims a
//! relying party may receive, how a refresh token is rotated, how long each thing lives.
//!
//! The protocol's own error codes (RFC 6749 §4.1.2.1 and §5.2, OpenID Connect Core §3.1.2.6)
//! are [`OidcError`]; they are answered to relying parties, never shown to people as they are.

use std::collections::BTreeSet;

use crate::Timestamp;

/// How long an authorization code may wait to be redeemed.
pub const CODE_LIFETIME_SECS: i64 = 60;
/// How long an access token (and the ID token issued with it) is good for.
pub const ACCESS_LIFETIME_SECS: i64 = 600;
/// How long a refresh token is good for if not used; each use gives a fresh one.
pub const REFRESH_LIFETIME_SECS: i64 = 30 * 24 * 3600;
/// How long a retired signing key stays published: longer than any ID token it signed.
pub const RETIRED_KEY_PUBLISHED_SECS: i64 = ACCESS_LIFETIME_SECS * 2;

crate::stable_names! {
    /// The protocol's error codes.
    pub enum OidcError {
        /// A required parameter is missing or malformed.
        InvalidRequest = "invalid_request",
        /// The client is unknown or its authentication failed.
        InvalidClient = "invalid_client",
        /// The code or refresh token is invalid, expired, used, or not this client's; or the
        /// PKCE verifier does not match.
        InvalidGrant = "invalid_grant",
        /// The client may not use this grant type.
        UnauthorizedClient = "unauthorized_client",
        /// The grant type is not one the provider supports.
        UnsupportedGrantType = "unsupported_grant_type",
        /// The response type is not `code`.
        UnsupportedResponseType = "unsupported_response_type",
        /// A scope is unknown or not allowed to this client.
        InvalidScope = "invalid_scope",
        /// The person declined.
        AccessDenied = "access_denied",
        /// `prompt=none` but nobody is signed in.
        LoginRequired = "login_required",
        /// `prompt=none` but the person has not agreed to share what is asked.
        ConsentRequired = "consent_required",
        /// The access token is missing, expired or revoked.
        InvalidToken = "invalid_token",
    }
}

crate::stable_names! {
    /// The scopes the provider knows. `openid` is required; the others ask for claims.
    pub enum Scope {
        /// An OpenID Connect request (the `sub` claim).
        Openid = "openid",
        /// The person's verified name and real-name status.
        Profile = "profile",
        /// The person's mobile number.
        Phone = "phone",
        /// The person's resident ID number (a claim of this platform).
        IdNumber = "id_number",
        /// A refresh token for use when the person is away.
        OfflineAccess = "offline_access",
    }
}

crate::stable_names! {
    /// The personal claims a client may be allowed, each shown on the consent page.
    pub enum Claim {
        /// `name` (the verified real name) and `real_name_verified`.
        Name = "name",
        /// `phone_number` and `phone_number_verified`.
        Phone = "phone",
        /// `id_number` (GB 11643), a platform claim.
        IdNumber = "id_number",
    }
}

impl Scope {
    /// The personal claim this scope asks for.
    pub fn claim(self) -> Option<Claim> {
        match self {
            Scope::Profile => Some(Claim::Name),
            Scope::Phone => Some(Claim::Phone),
            Scope::IdNumber => Some(Claim::IdNumber),
            Scope::Openid | Scope::OfflineAccess => None,
        }
    }
}

/// A parsed `scope` parameter: known scopes only, `openid` among them, each once.
pub fn parse_scope(input: &str) -> Result<BTreeSet<Scope>, OidcError> {
    if input.len() > 512 {
        return Err(OidcError::InvalidScope);
    }
    let mut out = BTreeSet::new();
    for word in input.split(' ').filter(|w| !w.is_empty()) {
        out.insert(Scope::parse(word).ok_or(OidcError::InvalidScope)?);
    }
    if !out.contains(&Scope::Openid) {
        return Err(OidcError::InvalidScope);
    }
    Ok(out)
}

/// A scope set written back as the parameter's spelling.
pub fn scope_string(scopes: &BTreeSet<Scope>) -> String {
    scopes
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What an authorization request asks for once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ask {
    /// The scopes, `openid` among them, only those the client is allowed.
    pub scopes: BTreeSet<Scope>,
    /// The personal claims those scopes ask for (a subset of the client's allowed claims).
    pub claims: BTreeSet<Claim>,
    /// The PKCE challenge (S256).
    pub challenge: String,
    /// The `nonce`, echoed in the ID token.
    pub nonce: Option<String>,
    /// `prompt=none`: answer at once, never show a page.
    pub no_prompt: bool,
    /// `prompt=login` (or `max_age=0`): sign in again even if signed in.
    pub fresh_login: bool,
    /// `prompt=consent`: ask again even if the person agreed before.
    pub force_consent: bool,
    /// `max_age`: a sign-in older than this many seconds must be done again.
    pub max_age: Option<u32>,
}

/// The raw parameters of an authorization request that matter after the client and its
/// redirect URI are known (those are checked first, by exact match, so errors can go back).
#[derive(Debug, Clone, Default)]
pub struct AskParams<'a> {
    /// `response_type`.
    pub response_type: &'a str,
    /// `scope`.
    pub scope: &'a str,
    /// `code_challenge`.
    pub code_challenge: &'a str,
    /// `code_challenge_method` (absent means `plain` per RFC 7636, which is refused).
    pub code_challenge_method: &'a str,
    /// `nonce`.
    pub nonce: &'a str,
    /// `prompt`.
    pub prompt: &'a str,
    /// `max_age`.
    pub max_age: &'a str,
}

/// Whether `s` is a PKCE challenge's shape: 43 base64url characters (a SHA-256).
fn is_challenge(s: &str) -> bool {
    s.len() == 43
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A PKCE verifier's shape (RFC 7636 §4.1): 43–128 unreserved characters.
pub fn is_verifier(s: &str) -> bool {
    (43..=128).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

/// Checks an authorization request against what the client is allowed: `code` only, PKCE
/// with S256 only (plain refused, a missing challenge refused), known scopes among the
/// client's, a nonce and state of sane length.
pub fn check_ask(
    p: &AskParams<'_>,
    allowed_scopes: &BTreeSet<Scope>,
    allowed_claims: &BTreeSet<Claim>,
) -> Result<Ask, OidcError> {
    if p.response_type != "code" {
        return Err(if p.response_type.is_empty() {
            OidcError::InvalidRequest
        } else {
            OidcError::UnsupportedResponseType
        });
    }
    let scopes = parse_scope(p.scope)?;
    if !scopes.is_subset(allowed_scopes) {
        return Err(OidcError::InvalidScope);
    }
    if p.code_challenge_method != "S256" || !is_challenge(p.code_challenge) {
        return Err(OidcError::InvalidRequest);
    }
    if p.nonce.len() > 256 {
        return Err(OidcError::InvalidRequest);
    }
    let claims: BTreeSet<Claim> = scopes
        .iter()
        .filter_map(|s| s.claim())
        .filter(|c| allowed_claims.contains(c))
        .collect();
    let prompts: Vec<&str> = p.prompt.split(' ').filter(|w| !w.is_empty()).collect();
    if prompts
        .iter()
        .any(|w| !matches!(*w, "none" | "login" | "consent" | "select_account"))
        || (prompts.contains(&"none") && prompts.len() > 1)
    {
        return Err(OidcError::InvalidRequest);
    }
    let max_age = match p.max_age {
        "" => None,
        s => Some(s.parse::<u32>().map_err(|_| OidcError::InvalidRequest)?),
    };
    Ok(Ask {
        scopes,
        claims,
        challenge: p.code_challenge.to_owned(),
        nonce: (!p.nonce.is_empty()).then(|| p.nonce.to_owned()),
        no_prompt: prompts.contains(&"none"),
        fresh_login: prompts.contains(&"login") || max_age == Some(0),
        force_consent: prompts.contains(&"consent"),
        max_age,
    })
}

/// Whether a redirect URI may be registered: an absolute `https` URI without a fragment, or
/// `http` on the loopback address for development and native apps (RFC 8252 §7.3).
pub fn redirect_uri_ok(uri: &str) -> bool {
    if uri.len() > 512
        || uri.contains('#')
        || uri.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return false;
    }
    let rest = if let Some(r) = uri.strip_prefix("https://") {
        r
    } else if let Some(r) = uri.strip_prefix("http://") {
        let host = r.split(['/', '?']).next().unwrap_or("");
        let host = host.rsplit_once(':').map_or(host, |(h, _)| h);
        if !matches!(host, "127.0.0.1" | "localhost" | "[::1]") {
            return false;
        }
        r
    } else {
        return false;
    };
    let host = rest.split(['/', '?']).next().unwrap_or("");
    !host.is_empty() && !host.contains('@')
}

/// Whether a sign-in at `auth_time` must be done again before answering: `prompt=login`,
/// `max_age=0`, or a sign-in older than `max_age`.
pub fn needs_fresh_login(ask: &Ask, auth_time: Timestamp, now: Timestamp) -> bool {
    ask.fresh_login
        || ask
            .max_age
            .is_some_and(|m| now.millis() - auth_time.millis() > i64::from(m) * 1000)
}

/// The claims given: those asked for that the person agreed to share. Asking again for what
/// was agreed before needs no new consent; anything more does.
pub fn needs_consent(asked: &BTreeSet<Claim>, agreed: Option<&BTreeSet<Claim>>) -> bool {
    match agreed {
        None => true,
        Some(a) => !asked.is_subset(a),
    }
}

/// What presenting a refresh token does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefreshOutcome {
    /// Good: issue a fresh pair and retire this token.
    Rotate,
    /// Expired or revoked: refuse.
    Refuse,
    /// Already used: someone else holds a copy — refuse and revoke the whole family (RFC 9700
    /// §4.14.2, refresh token reuse detection).
    RevokeFamily,
}

/// Decides a refresh token's use from its row.
pub fn refresh_outcome(
    used: bool,
    revoked: bool,
    expires_at: Timestamp,
    now: Timestamp,
) -> RefreshOutcome {
    if revoked {
        RefreshOutcome::Refuse
    } else if used {
        RefreshOutcome::RevokeFamily
    } else if now.millis() >= expires_at.millis() {
        RefreshOutcome::Refuse
    } else {
        RefreshOutcome::Rotate
    }
}

/// The authentication methods (`amr`, RFC 8176) and the level (`acr`) of a sign-in: staff
/// always pass a second factor; citizens sign in with a password or an SMS code.
pub fn amr_acr(staff: bool) -> (Vec<&'static str>, &'static str) {
    if staff {
        (vec!["pwd", "otp", "mfa"], "urn:yiwang:acr:mfa")
    } else {
        (vec!["pwd"], "urn:yiwang:acr:pwd")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_scopes() -> BTreeSet<Scope> {
        [
            Scope::Openid,
            Scope::Profile,
            Scope::Phone,
            Scope::OfflineAccess,
        ]
        .into_iter()
        .collect()
    }

    fn params<'a>(scope: &'a str, method: &'a str) -> AskParams<'a> {
        AskParams {
            response_type: "code",
            scope,
            code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            code_challenge_method: method,
            ..Default::default()
        }
    }

    #[test]
    fn pkce_is_required_and_plain_refused() {
        let claims = BTreeSet::from([Claim::Name]);
        assert!(check_ask(&params("openid", "S256"), &all_scopes(), &claims).is_ok());
        assert_eq!(
            check_ask(&params("openid", "plain"), &all_scopes(), &claims),
            Err(OidcError::InvalidRequest)
        );
        assert_eq!(
            check_ask(&params("openid", ""), &all_scopes(), &claims),
            Err(OidcError::InvalidRequest)
        );
        let mut p = params("openid", "S256");
        p.code_challenge = "";
        assert_eq!(
            check_ask(&p, &all_scopes(), &claims),
            Err(OidcError::InvalidRequest)
        );
    }

    #[test]
    fn scopes_must_be_known_allowed_and_include_openid() {
        let claims = BTreeSet::from([Claim::Name]);
        assert_eq!(
            check_ask(&params("profile", "S256"), &all_scopes(), &claims),
            Err(OidcError::InvalidScope)
        );
        assert_eq!(
            check_ask(&params("openid email", "S256"), &all_scopes(), &claims),
            Err(OidcError::InvalidScope)
        );
        assert_eq!(
            check_ask(&params("openid id_number", "S256"), &all_scopes(), &claims),
            Err(OidcError::InvalidScope)
        );
        // Phone is an allowed scope but not an allowed claim: the scope is accepted and the
        // claim simply not given.
        let ask = check_ask(
            &params("openid profile phone", "S256"),
            &all_scopes(),
            &claims,
        )
        .unwrap();
        assert_eq!(ask.claims, BTreeSet::from([Claim::Name]));
    }

    #[test]
    fn response_type_and_prompt() {
        let claims = BTreeSet::new();
        let mut p = params("openid", "S256");
        p.response_type = "token";
        assert_eq!(
            check_ask(&p, &all_scopes(), &claims),
            Err(OidcError::UnsupportedResponseType)
        );
        let mut p = params("openid", "S256");
        p.prompt = "none login";
        assert_eq!(
            check_ask(&p, &all_scopes(), &claims),
            Err(OidcError::InvalidRequest)
        );
        p.prompt = "login";
        assert!(check_ask(&p, &all_scopes(), &claims).unwrap().fresh_login);
        p.prompt = "";
        p.max_age = "abc";
        assert!(check_ask(&p, &all_scopes(), &claims).is_err());
    }

    #[test]
    fn fresh_login_by_prompt_or_age() {
        let claims = BTreeSet::new();
        let mut p = params("openid", "S256");
        let signed_in = Timestamp(1_000_000);
        p.max_age = "60";
        let ask = check_ask(&p, &all_scopes(), &claims).unwrap();
        assert!(!needs_fresh_login(&ask, signed_in, Timestamp(1_030_000)));
        assert!(needs_fresh_login(&ask, signed_in, Timestamp(1_070_000)));
        p.max_age = "0";
        let ask = check_ask(&p, &all_scopes(), &claims).unwrap();
        assert!(needs_fresh_login(&ask, signed_in, signed_in));
        p.max_age = "";
        p.prompt = "consent";
        let ask = check_ask(&p, &all_scopes(), &claims).unwrap();
        assert!(ask.force_consent && !needs_fresh_login(&ask, signed_in, Timestamp(9_000_000)));
    }

    #[test]
    fn redirect_uris() {
        assert!(redirect_uri_ok("https://gov.example.cn/cb"));
        assert!(redirect_uri_ok("http://127.0.0.1:9/cb"));
        assert!(redirect_uri_ok("http://localhost:8080/cb?x=1"));
        assert!(!redirect_uri_ok("http://gov.example.cn/cb"));
        assert!(!redirect_uri_ok("https://gov.example.cn/cb#frag"));
        assert!(!redirect_uri_ok("javascript:alert(1)"));
        assert!(!redirect_uri_ok("https://user@evil.example/"));
        assert!(!redirect_uri_ok("https:///cb"));
        assert!(!redirect_uri_ok("http://127.0.0.1.evil.example/cb"));
    }

    #[test]
    fn consent_is_needed_only_for_more() {
        let name = BTreeSet::from([Claim::Name]);
        let both = BTreeSet::from([Claim::Name, Claim::Phone]);
        assert!(needs_consent(&name, None));
        assert!(!needs_consent(&name, Some(&both)));
        assert!(needs_consent(&both, Some(&name)));
        assert!(!needs_consent(&BTreeSet::new(), Some(&BTreeSet::new())));
    }

    #[test]
    fn a_used_refresh_token_revokes_its_family() {
        let now = Timestamp(1_000_000);
        let later = Timestamp(2_000_000);
        assert_eq!(
            refresh_outcome(false, false, later, now),
            RefreshOutcome::Rotate
        );
        assert_eq!(
            refresh_outcome(true, false, later, now),
            RefreshOutcome::RevokeFamily
        );
        assert_eq!(
            refresh_outcome(false, true, later, now),
            RefreshOutcome::Refuse
        );
        assert_eq!(
            refresh_outcome(false, false, now, later),
            RefreshOutcome::Refuse
        );
    }

    #[test]
    fn verifiers() {
        assert!(is_verifier(&"a".repeat(43)));
        assert!(!is_verifier(&"a".repeat(42)));
        assert!(!is_verifier(&"a".repeat(129)));
        assert!(!is_verifier(&format!("{}+", "a".repeat(43))));
    }
}
