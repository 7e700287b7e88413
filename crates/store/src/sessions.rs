//! Server-side sessions in the platform's own database, so every instance on PostgreSQL shares
//! them. The browser's cookie carries a random token; only its SHA-256 is stored.

use yiwang_domain::Timestamp;
use yiwang_domain::account::AccountKind;
use yiwang_domain::ids::AccountId;
use yiwang_domain::session::{self, SessionPolicy, SessionState};

use crate::row::{RowExt, named};
use crate::{Result, Store, Tx};

/// How far a session got through login.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Fully logged in.
    Full,
    /// A staff member who gave the right password but still has to link an authenticator.
    TotpEnrolment,
}

impl Stage {
    fn as_str(self) -> &'static str {
        match self {
            Stage::Full => "full",
            Stage::TotpEnrolment => "totp_enrolment",
        }
    }
}

/// A session found by its token.
#[derive(Debug, Clone)]
pub struct Session {
    /// SHA-256 of the token: the row's key.
    pub id_hash: String,
    /// The account.
    pub account: AccountId,
    /// The kind of account, selecting the timeout policy.
    pub kind: AccountKind,
    /// Login stage.
    pub stage: Stage,
    /// The anti-forgery token of this session.
    pub csrf_token: String,
    /// When the person logged in.
    pub created_at: Timestamp,
    /// When the session was last used (to the minute).
    pub last_seen_at: Timestamp,
}

/// The outcome of looking up a session token.
#[derive(Debug, Clone)]
pub enum Lookup {
    /// A live session.
    Live(Session),
    /// The session existed but timed out; it has been deleted.
    Expired,
    /// No such session.
    Missing,
}

/// The timeout policy of an account kind.
pub fn policy_for(kind: AccountKind) -> SessionPolicy {
    match kind {
        AccountKind::Citizen => session::CITIZEN,
        AccountKind::Staff => session::STAFF,
    }
}

impl Store {
    /// Starts a session. Returns the token for the cookie and the session.
    pub async fn create_session(
        &self,
        tx: &mut Tx,
        account: AccountId,
        kind: AccountKind,
        stage: Stage,
    ) -> Result<(String, Session)> {
        let token = yiwang_crypto::random::token()?;
        let csrf = yiwang_crypto::random::token()?;
        let now = Timestamp::now();
        let id_hash = yiwang_crypto::sha256_hex(token.as_bytes());
        sqlx::query(
            "INSERT INTO sessions (id_hash, account_id, kind, stage, csrf_token, created_at, last_seen_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $6, $7)",
        )
        .bind(id_hash.clone())
        .bind(account.to_string())
        .bind(kind.as_str())
        .bind(stage.as_str())
        .bind(csrf.clone())
        .bind(now.millis())
        .bind(policy_for(kind).hard_end(now).millis())
        .execute(&mut **tx)
        .await?;
        Ok((
            token,
            Session {
                id_hash,
                account,
                kind,
                stage,
                csrf_token: csrf,
                created_at: now,
                last_seen_at: now,
            },
        ))
    }

    /// Looks up a session token, enforcing idle and absolute timeouts. A live session's
    /// last-seen time is written back at most once a minute.
    pub async fn lookup_session(&self, token: &str, now: Timestamp) -> Result<Lookup> {
        if token.len() != 43 {
            return Ok(Lookup::Missing);
        }
        let id_hash = yiwang_crypto::sha256_hex(token.as_bytes());
        let row = sqlx::query(
            "SELECT s.account_id, s.kind, s.stage, s.csrf_token, s.created_at, s.last_seen_at, a.status
             FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.id_hash = $1",
        )
        .bind(id_hash.clone())
        .fetch_optional(self.db.reader())
        .await?;
        let Some(row) = row else {
            return Ok(Lookup::Missing);
        };
        let kind = named("kind", &row.text("kind")?, AccountKind::parse)?;
        let s = Session {
            id_hash,
            account: row.parsed("account_id")?,
            kind,
            stage: if row.text("stage")? == "full" {
                Stage::Full
            } else {
                Stage::TotpEnrolment
            },
            csrf_token: row.text("csrf_token")?,
            created_at: row.ts("created_at")?,
            last_seen_at: row.ts("last_seen_at")?,
        };
        if row.text("status")? != "active" {
            self.delete_session_hash(&s.id_hash).await?;
            return Ok(Lookup::Expired);
        }
        match policy_for(kind).state(s.created_at, s.last_seen_at, now) {
            SessionState::Live => {
                if session::needs_touch(s.last_seen_at, now) {
                    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
                        .bind(now.millis())
                        .bind(s.id_hash.clone())
                        .execute(self.db.writer())
                        .await?;
                }
                Ok(Lookup::Live(s))
            }
            SessionState::IdleExpired | SessionState::AbsoluteExpired => {
                self.delete_session_hash(&s.id_hash).await?;
                Ok(Lookup::Expired)
            }
        }
    }

    /// Ends a session (logout).
    pub async fn delete_session_hash(&self, id_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(id_hash.to_owned())
            .execute(self.db.writer())
            .await?;
        Ok(())
    }

    /// Marks a staff session fully logged in after authenticator enrolment.
    pub async fn promote_session(&self, tx: &mut Tx, id_hash: &str) -> Result<()> {
        sqlx::query("UPDATE sessions SET stage = 'full' WHERE id_hash = $1")
            .bind(id_hash.to_owned())
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Deletes sessions past their absolute end (the scheduled clean-up). Returns how many.
    pub async fn delete_expired_sessions(&self, now: Timestamp) -> Result<u64> {
        Ok(sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
            .bind(now.millis())
            .execute(self.db.writer())
            .await?
            .rows_affected())
    }

    /// The number of live sessions (a gauge for operators).
    pub async fn count_sessions(&self) -> Result<i64> {
        sqlx::query("SELECT COUNT(*) AS n FROM sessions")
            .fetch_one(self.db.reader())
            .await?
            .int("n")
    }
}
