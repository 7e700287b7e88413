//! Who is calling, and whether they may use a route.
//!
//! The pipeline resolves the caller once per request — from the session cookie or a bearer
//! token — into a [`Principal`]. Every route is declared in [`crate::table`] with an
//! [`Access`] level that [`check`] enforces before the handler runs; handlers then narrow
//! staff permissions to the target's department and region with
//! [`yiwang_domain::auth::allows`]. There is no other authorisation path.

use yiwang_domain::account::AccountKind;
use yiwang_domain::auth::{Actor, Grant, Permission, Scope, allows, allows_somewhere};
use yiwang_domain::ids::{AccountId, TokenId};
use yiwang_domain::{ErrorCode, Timestamp};
use yiwang_store::Store;
use yiwang_store::clients::TokenOwner;
use yiwang_store::sessions::{Lookup, Session, Stage};
use yiwang_store::staff::Holder;

use crate::error::Error;

/// The caller of a request.
#[derive(Debug, Clone)]
pub enum Principal {
    /// Not logged in.
    Anonymous,
    /// A staff member who passed the password but must still link an authenticator.
    Enrolling(Session),
    /// Logged in through the browser.
    Session {
        /// The session.
        session: Session,
        /// Who they are.
        actor: Actor,
    },
    /// An app or system using a bearer token.
    Bearer {
        /// The token.
        token: TokenId,
        /// Who it acts as.
        actor: Actor,
    },
}

impl Principal {
    /// The actor, for permission checks.
    pub fn actor(&self) -> &Actor {
        static ANON: Actor = Actor::Anonymous;
        match self {
            Principal::Session { actor, .. } | Principal::Bearer { actor, .. } => actor,
            _ => &ANON,
        }
    }

    /// The logged-in account (citizen or staff).
    pub fn account(&self) -> Option<AccountId> {
        self.actor().account()
    }

    /// The logged-in citizen.
    pub fn citizen(&self) -> Option<AccountId> {
        match self.actor() {
            Actor::Citizen { account } => Some(*account),
            _ => None,
        }
    }

    /// The logged-in staff member and their grants.
    pub fn staff(&self) -> Option<(AccountId, &[Grant])> {
        match self.actor() {
            Actor::Staff { account, grants } => Some((*account, grants)),
            _ => None,
        }
    }

    /// The browser session, if any (also during enrolment).
    pub fn session(&self) -> Option<&Session> {
        match self {
            Principal::Session { session, .. } | Principal::Enrolling(session) => Some(session),
            _ => None,
        }
    }

    /// Whether the caller used a bearer token (no anti-forgery token needed).
    pub fn is_bearer(&self) -> bool {
        matches!(self, Principal::Bearer { .. })
    }

    /// Checks a permission on a target, for handlers.
    pub fn require(&self, permission: Permission, scope: &Scope) -> Result<(), Error> {
        if allows(self.actor(), permission, scope) {
            Ok(())
        } else {
            Err(Error::forbidden())
        }
    }

    /// Whether the caller holds a permission on a target.
    pub fn may(&self, permission: Permission, scope: &Scope) -> bool {
        allows(self.actor(), permission, scope)
    }
}

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone.
    Public,
    /// A logged-in citizen.
    Citizen,
    /// Any logged-in account, citizen or staff (the inbox).
    Account,
    /// Staff (or a system client) holding this permission somewhere; the handler narrows it.
    Staff(Permission),
    /// A staff member in the middle of authenticator enrolment.
    StaffEnrolment,
}

/// The route-level decision.
pub fn check(access: Access, principal: &Principal, session_expired: bool) -> Result<(), Error> {
    let unauthenticated = || {
        Error::code(if session_expired {
            ErrorCode::SessionExpired
        } else {
            ErrorCode::Unauthenticated
        })
    };
    match access {
        Access::Public => Ok(()),
        Access::StaffEnrolment => match principal {
            Principal::Enrolling(_) => Ok(()),
            _ => Err(unauthenticated()),
        },
        Access::Citizen => match principal.actor() {
            Actor::Citizen { .. } => Ok(()),
            Actor::Anonymous => Err(unauthenticated()),
            _ => Err(Error::forbidden()),
        },
        Access::Account => match principal.actor() {
            Actor::Citizen { .. } | Actor::Staff { .. } => Ok(()),
            Actor::Anonymous => Err(unauthenticated()),
            Actor::Client { .. } => Err(Error::forbidden()),
        },
        Access::Staff(p) => match principal.actor() {
            Actor::Anonymous => Err(unauthenticated()),
            actor if allows_somewhere(actor, p) => Ok(()),
            _ => Err(Error::forbidden()),
        },
    }
}

/// Resolution of the credentials a request carries.
pub struct Resolved {
    /// The caller.
    pub principal: Principal,
    /// A session cookie was sent but the session timed out.
    pub session_expired: bool,
    /// The session cookie should be cleared (expired or unknown).
    pub clear_session_cookie: bool,
    /// A bearer token was sent and is not valid.
    pub bad_token: bool,
}

/// Resolves the caller from a session token and/or a bearer token.
pub async fn resolve(
    store: &Store,
    session_token: Option<&str>,
    bearer: Option<&str>,
    now: Timestamp,
) -> Result<Resolved, Error> {
    if let Some(token) = bearer {
        return Ok(match store.resolve_token(token, now).await? {
            Some((id, owner)) => {
                let actor = match owner {
                    TokenOwner::Account(a) => actor_for_account(store, a).await?,
                    TokenOwner::Client(c) => Actor::Client {
                        client: c,
                        grants: store.grants(Holder::Client(c)).await?,
                    },
                };
                Resolved {
                    principal: Principal::Bearer { token: id, actor },
                    session_expired: false,
                    clear_session_cookie: false,
                    bad_token: false,
                }
            }
            None => Resolved {
                principal: Principal::Anonymous,
                session_expired: false,
                clear_session_cookie: false,
                bad_token: true,
            },
        });
    }
    let Some(token) = session_token else {
        return Ok(Resolved {
            principal: Principal::Anonymous,
            session_expired: false,
            clear_session_cookie: false,
            bad_token: false,
        });
    };
    Ok(match store.lookup_session(token, now).await? {
        Lookup::Live(session) => {
            let principal = match (session.stage, session.kind) {
                (Stage::TotpEnrolment, _) => Principal::Enrolling(session),
                (Stage::Full, AccountKind::Citizen) => Principal::Session {
                    actor: Actor::Citizen {
                        account: session.account,
                    },
                    session,
                },
                (Stage::Full, AccountKind::Staff) => {
                    let grants = store.grants(Holder::Account(session.account)).await?;
                    Principal::Session {
                        actor: Actor::Staff {
                            account: session.account,
                            grants,
                        },
                        session,
                    }
                }
            };
            Resolved {
                principal,
                session_expired: false,
                clear_session_cookie: false,
                bad_token: false,
            }
        }
        Lookup::Expired => Resolved {
            principal: Principal::Anonymous,
            session_expired: true,
            clear_session_cookie: true,
            bad_token: false,
        },
        Lookup::Missing => Resolved {
            principal: Principal::Anonymous,
            session_expired: false,
            clear_session_cookie: true,
            bad_token: false,
        },
    })
}

async fn actor_for_account(store: &Store, account: AccountId) -> Result<Actor, Error> {
    let profile = store.profile(account).await?;
    Ok(match profile.kind {
        AccountKind::Citizen => Actor::Citizen { account },
        AccountKind::Staff => Actor::Staff {
            account,
            grants: store.grants(Holder::Account(account)).await?,
        },
    })
}
