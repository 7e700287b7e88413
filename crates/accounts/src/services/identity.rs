//! A person's identity at its level of assurance (ACC-1): declared by the person, verified by
//! the identity provider, or verified in person by a clerk who saw the ID card. One rule
//! decides every claim (`domain::identity::assurance`): a verified identity is locked, one ID
//! number is verified on one account only, and whoever typed a number first never blocks its
//! owner — conflicts go to a platform admin. No answer says whether a number is registered.
//! Each change, its history entry, its audit entry (shown to the person), the conflicts it opens
//! and the certificates it sends for review are one transaction.

use yiwang_domain::account::check_plain_text;
use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::{Permission, Scope, allows_somewhere};
use yiwang_domain::identity::assurance::{Claim, claim, may_replace};
use yiwang_domain::identity::{Assurance, PersonName, ProviderAnswer, ResidentId};
use yiwang_domain::ids::AccountId;
use yiwang_domain::notification::Notice;
use yiwang_domain::paging::Page;
use yiwang_domain::throttle::RateRule;
use yiwang_domain::{Error as DomainError, ErrorCode, FieldCode, FieldErrors, Timestamp};
use yiwang_kit::audit::{self, Target};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_kit::throttle::rate_limit;
use yiwang_store::identity::{Conflict, NewCheck};
use yiwang_store::notify::Recipient;

use crate::provider::Provider;

/// What a real-name form sends.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct RealNameInput {
    /// Name as on the ID card.
    #[serde(default)]
    pub name: String,
    /// The 18-character resident ID number.
    #[serde(default)]
    pub id_number: String,
}

impl RealNameInput {
    /// The checked name and number (GB 11643-1999 check character, a real birth date), with
    /// any errors added to `e`.
    fn fields(&self, e: &mut FieldErrors) -> Option<(PersonName, ResidentId)> {
        let name = e.check("name", PersonName::parse(&self.name));
        let id = e.check(
            "id_number",
            ResidentId::parse(&self.id_number, Timestamp::now().beijing_date()),
        );
        Some((name?, id?))
    }

    /// The checked name and number, or the field errors.
    fn check(&self) -> Result<(PersonName, ResidentId), Error> {
        let mut e = FieldErrors::new();
        match self.fields(&mut e) {
            Some(v) if e.is_empty() => Ok(v),
            _ => Err(DomainError::invalid(e).into()),
        }
    }
}

/// How a claim was checked.
struct Check<'a> {
    level: Assurance,
    method: &'a str,
    staff: Option<AccountId>,
    place: Option<&'a str>,
    caller: &'a Caller,
}

/// Whether a provider is installed: the page offers online verification only then.
pub fn provider_available(app: &AppState) -> bool {
    app.has::<Provider>()
}

/// The person records a name and ID number themselves (self-declared: only the check digit
/// is known). The answer is the same whether or not anyone else claims the number.
pub async fn declare(
    app: &AppState,
    caller: &Caller,
    account: AccountId,
    input: &RealNameInput,
) -> Result<(), Error> {
    let (name, id) = input.check()?;
    limit(app, caller, account, "realname", 10).await?;
    let check = Check {
        level: Assurance::SelfDeclared,
        method: "self",
        staff: None,
        place: None,
        caller,
    };
    record(app, account, &name, &id, &check).await
}

/// The identity provider checks the name and number; on a match the identity is verified and
/// locked. A mismatch or a deceased person is refused (as a mismatch: the page does not tell a
/// stranger that someone died); an unavailable provider decides nothing.
pub async fn verify_with_provider(
    app: &AppState,
    caller: &Caller,
    account: AccountId,
    input: &RealNameInput,
) -> Result<(), Error> {
    let (name, id) = input.check()?;
    let provider = app
        .part::<Provider>()
        .map_err(|_| Error::code(ErrorCode::IdentityNeedsCounter))?;
    // A check costs the deployment money and could be used to test names against numbers.
    limit(app, caller, account, "idcheck", 5).await?;
    let answer = provider.0.check(&name, &id).await;
    let method = format!("provider:{}", provider.0.name());
    match answer {
        ProviderAnswer::Match => {
            let check = Check {
                level: Assurance::Provider,
                method: &method,
                staff: None,
                place: None,
                caller,
            };
            record(app, account, &name, &id, &check).await
        }
        other => {
            let mut tx = app.store.begin().await?;
            app.store
                .record_identity_check(
                    &mut tx,
                    &NewCheck {
                        account,
                        level: Assurance::Provider,
                        method: &method,
                        answer: other.as_str(),
                        staff: None,
                        place: None,
                    },
                )
                .await?;
            yiwang_store::commit(tx).await?;
            Err(match other {
                ProviderAnswer::Unavailable => Error::code(ErrorCode::Unavailable),
                _ => DomainError::field("name", FieldCode::IdentityMismatch).into(),
            })
        }
    }
}

/// A clerk at a counter, who saw the citizen's ID card, verifies their identity (in person:
/// who and where are recorded). The citizen is found by their mobile number.
pub async fn verify_in_person(
    app: &AppState,
    caller: &Caller,
    phone: &str,
    input: &RealNameInput,
    place: &str,
) -> Result<AccountId, Error> {
    let (staff, _) = caller.principal.staff().ok_or_else(Error::forbidden)?;
    if !allows_somewhere(caller.principal.actor(), Permission::VerifyIdentityInPerson) {
        return Err(Error::forbidden());
    }
    let mut e = FieldErrors::new();
    let mobile = e.check("phone", yiwang_domain::identity::Mobile::parse(phone));
    let place = e.check("place", check_plain_text(place, 2, 60));
    let person = input.fields(&mut e);
    let (Some(mobile), Some(place), Some((name, id)), true) = (mobile, place, person, e.is_empty())
    else {
        return Err(DomainError::invalid(e).into());
    };
    let account = app
        .store
        .find_citizen_by_phone(&mobile)
        .await?
        .ok_or_else(|| Error::field("phone", FieldCode::NoSuchCitizen))?;
    let check = Check {
        level: Assurance::InPerson,
        method: "counter",
        staff: Some(staff),
        place: Some(&place),
        caller,
    };
    record(app, account, &name, &id, &check).await?;
    Ok(account)
}

/// Rate limits of identity claims: per address and per account.
async fn limit(
    app: &AppState,
    caller: &Caller,
    account: AccountId,
    what: &str,
    per_day: u32,
) -> Result<(), Error> {
    let day = std::time::Duration::from_secs(86_400);
    let s = &app.store;
    rate_limit(
        s,
        &[
            (
                s.rate_key(&format!("{what}:ip"), &caller.client_ip.to_string()),
                yiwang_domain::throttle::SIGNUP_PER_CLIENT,
            ),
            (
                s.rate_key(&format!("{what}:account"), &account.to_string()),
                RateRule {
                    max_events: per_day,
                    window: day,
                    block_for: day,
                },
            ),
        ],
    )
    .await
}

/// Records a claim at its level, applying the one rule for claims on numbers others hold.
async fn record(
    app: &AppState,
    account: AccountId,
    name: &PersonName,
    id: &ResidentId,
    check: &Check<'_>,
) -> Result<(), Error> {
    let s = &app.store;
    let current = s.profile(account).await?;
    let same = current.id_number.as_deref() == Some(id.expose())
        && current.real_name.as_deref() == Some(name.expose());
    if same && current.identity.is_some_and(|l| l >= check.level) {
        // Nothing new (a page posted twice, or a weaker claim of a stronger identity).
        return Ok(());
    }
    if !same && !may_replace(current.identity, check.level) {
        return Err(Error::code(ErrorCode::IdentityLocked));
    }
    let mut tx = s.begin().await?;
    let others = s.identity_claims(&mut tx, id, account).await?;
    let levels: Vec<Assurance> = others.iter().map(|(_, l)| *l).collect();
    let decision = claim(check.level, &levels);
    let answer = match decision {
        Claim::Refuse => "refused",
        _ if check.level == Assurance::Provider => "match",
        _ => "recorded",
    };
    s.record_identity_check(
        &mut tx,
        &NewCheck {
            account,
            level: check.level,
            method: check.method,
            answer,
            staff: check.staff,
            place: check.place,
        },
    )
    .await?;
    if decision != Claim::Record {
        for (other, level) in &others {
            s.open_identity_conflict(&mut tx, (account, check.level), (*other, *level))
                .await?;
        }
    }
    if decision == Claim::Refuse {
        // The conflict is kept for the admin; the person is sent to a counter.
        yiwang_store::commit(tx).await?;
        return Err(Error::code(ErrorCode::IdentityNeedsCounter));
    }
    s.record_identity(&mut tx, account, name, id, check.level)
        .await?;
    let changed = current.id_number.is_some() && !same;
    let reviewed = if changed {
        s.flag_certificates_for_review(&mut tx, account, "identity_changed")
            .await?
    } else {
        0
    };
    if check.level.is_verified() || changed {
        let target = Target {
            kind: Some("account"),
            id: Some(account.to_string()),
            subject: Some(account),
            detail: Some(serde_json::json!({
                "level": check.level.as_str(),
                "method": check.method,
                "place": check.place,
                "changed": changed,
                "certificates_to_review": reviewed,
            })),
            ..Default::default()
        };
        audit::record(
            s,
            check.caller,
            &mut tx,
            AuditAction::IdentityVerified,
            target,
        )
        .await?;
    }
    if check.level.is_verified() {
        s.notify(
            &mut tx,
            &Recipient::Account(account),
            &Notice::RealNameVerified,
        )
        .await?;
    }
    yiwang_store::commit(tx).await?;
    app.wake_jobs.notify_one();
    Ok(())
}

/// Open conflicts over ID numbers, oldest first (platform admins at the deployment root).
pub async fn conflicts(
    app: &AppState,
    caller: &Caller,
    page: Page,
) -> Result<(Vec<Conflict>, i64), Error> {
    require_admin(app, caller)?;
    Ok(app.store.open_identity_conflicts(page).await?)
}

/// How an admin resolves a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// The holder keeps the number; the claimant's identity is removed.
    KeepHolder,
    /// The claimant keeps it; the holder's identity is removed (and their certificates go for
    /// review).
    KeepClaimant,
    /// Both identities stay as they are (two self-declarations both recorded, say): only the
    /// conflict is closed.
    Dismiss,
}

impl Resolution {
    /// Reads `keep_holder`, `keep_claimant` or `dismiss`.
    pub fn parse(s: &str) -> Option<Resolution> {
        Some(match s {
            "keep_holder" => Resolution::KeepHolder,
            "keep_claimant" => Resolution::KeepClaimant,
            "dismiss" => Resolution::Dismiss,
            _ => return None,
        })
    }

    fn as_str(self) -> &'static str {
        match self {
            Resolution::KeepHolder => "keep_holder",
            Resolution::KeepClaimant => "keep_claimant",
            Resolution::Dismiss => "dismiss",
        }
    }
}

/// Resolves a conflict: the losing account's identity is removed (its certificates reviewed);
/// both people are told through the audit log they can read.
pub async fn resolve(
    app: &AppState,
    caller: &Caller,
    id: &str,
    resolution: Resolution,
) -> Result<(), Error> {
    require_admin(app, caller)?;
    let by = caller.principal.account().ok_or_else(Error::forbidden)?;
    let s = &app.store;
    let mut tx = s.begin().await?;
    let c = s.identity_conflict(&mut tx, id).await?;
    if !s
        .resolve_identity_conflict(&mut tx, id, by, resolution.as_str())
        .await?
    {
        return Err(Error::code(ErrorCode::Conflict));
    }
    let loser = match resolution {
        Resolution::KeepHolder => Some(c.claimant),
        Resolution::KeepClaimant => Some(c.holder),
        Resolution::Dismiss => None,
    };
    if let Some(loser) = loser {
        s.clear_identity(&mut tx, loser).await?;
        s.flag_certificates_for_review(&mut tx, loser, "identity_removed")
            .await?;
    }
    for subject in [c.claimant, c.holder] {
        let target = Target {
            kind: Some("identity_conflict"),
            id: Some(c.id.clone()),
            subject: Some(subject),
            detail: Some(serde_json::json!({ "resolution": resolution.as_str() })),
            ..Default::default()
        };
        audit::record(
            s,
            caller,
            &mut tx,
            AuditAction::IdentityConflictResolved,
            target,
        )
        .await?;
    }
    yiwang_store::commit(tx).await?;
    Ok(())
}

fn require_admin(app: &AppState, caller: &Caller) -> Result<(), Error> {
    caller.principal.require(
        Permission::ResolveIdentityConflicts,
        &Scope::region(app.config.root_region.clone()),
    )
}
