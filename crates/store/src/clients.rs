//! System clients (other government systems) and bearer tokens for apps and clients.

use yiwang_domain::account::check_plain_text;
use yiwang_domain::ids::{AccountId, ClientId, TokenId};
use yiwang_domain::{Error as DomainError, Timestamp};

use crate::row::RowExt;
use crate::{Error, Result, Store, Tx};

/// Who a bearer token belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenOwner {
    /// An account (a citizen's app, or a staff member's script).
    Account(AccountId),
    /// A system client.
    Client(ClientId),
}

/// A system client in the console's list.
#[derive(Debug, Clone)]
pub struct ClientSummary {
    /// The client.
    pub id: ClientId,
    /// Its name.
    pub name: String,
    /// When it was registered.
    pub created_at: Timestamp,
    /// Whether it is disabled.
    pub disabled: bool,
}

impl Store {
    /// Registers a system client.
    pub async fn create_client(
        &self,
        tx: &mut Tx,
        name: &str,
        created_by: AccountId,
    ) -> Result<ClientId> {
        let name = check_plain_text(name, 2, 80).map_err(|c| DomainError::field("name", c))?;
        let id = ClientId::generate();
        sqlx::query(
            "INSERT INTO api_clients (id, name, created_by, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(id.to_string())
        .bind(name)
        .bind(created_by.to_string())
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?;
        Ok(id)
    }

    /// Lists system clients.
    pub async fn list_clients(&self) -> Result<Vec<ClientSummary>> {
        let rows = sqlx::query(
            "SELECT id, name, created_at, disabled_at FROM api_clients ORDER BY created_at DESC",
        )
        .fetch_all(self.db.reader())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ClientSummary {
                    id: r.parsed("id")?,
                    name: r.text("name")?,
                    created_at: r.ts("created_at")?,
                    disabled: r.opt_int("disabled_at")?.is_some(),
                })
            })
            .collect()
    }

    /// Issues a bearer token. Returns the token itself, shown once; only its hash is kept.
    pub async fn issue_token(
        &self,
        tx: &mut Tx,
        owner: TokenOwner,
        label: &str,
        expires_at: Option<Timestamp>,
    ) -> Result<(TokenId, String)> {
        let id = TokenId::generate();
        let token = format!("yw_{}", yiwang_crypto::random::token()?);
        let (account, client) = match owner {
            TokenOwner::Account(a) => (Some(a.to_string()), None),
            TokenOwner::Client(c) => (None, Some(c.to_string())),
        };
        sqlx::query(
            "INSERT INTO api_tokens (id, token_hash, account_id, client_id, label, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id.to_string())
        .bind(yiwang_crypto::sha256_hex(token.as_bytes()))
        .bind(account)
        .bind(client)
        .bind(label.chars().take(80).collect::<String>())
        .bind(Timestamp::now().millis())
        .bind(expires_at.map(|t| t.millis()))
        .execute(&mut **tx)
        .await?;
        Ok((id, token))
    }

    /// Resolves a bearer token to its owner, if it is valid at `now` and its owner is active.
    pub async fn resolve_token(
        &self,
        token: &str,
        now: Timestamp,
    ) -> Result<Option<(TokenId, TokenOwner)>> {
        if !token.starts_with("yw_") || token.len() != 46 {
            return Ok(None);
        }
        let row = sqlx::query(
            "SELECT t.id, t.account_id, t.client_id, t.expires_at, t.last_used_at, a.status AS account_status, c.disabled_at
             FROM api_tokens t LEFT JOIN accounts a ON a.id = t.account_id LEFT JOIN api_clients c ON c.id = t.client_id
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL",
        )
        .bind(yiwang_crypto::sha256_hex(token.as_bytes()))
        .fetch_optional(self.db.reader())
        .await?;
        let Some(r) = row else { return Ok(None) };
        if r.opt_ts("expires_at")?.is_some_and(|e| e <= now) {
            return Ok(None);
        }
        let id: TokenId = r.parsed("id")?;
        let owner = match (
            r.opt_parsed::<AccountId>("account_id")?,
            r.opt_parsed::<ClientId>("client_id")?,
        ) {
            (Some(a), _) if r.opt_text("account_status")?.as_deref() == Some("active") => {
                TokenOwner::Account(a)
            }
            (None, Some(c)) if r.opt_int("disabled_at")?.is_none() => TokenOwner::Client(c),
            _ => return Ok(None),
        };
        if r.opt_ts("last_used_at")?
            .is_none_or(|t| yiwang_domain::session::needs_touch(t, now))
        {
            sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
                .bind(now.millis())
                .bind(id.to_string())
                .execute(self.db.writer())
                .await?;
        }
        Ok(Some((id, owner)))
    }

    /// Revokes a token of an owner.
    pub async fn revoke_token(&self, id: TokenId, owner: TokenOwner) -> Result<()> {
        let (col_value, sql) = match owner {
            TokenOwner::Account(a) => (
                a.to_string(),
                "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND account_id = $3 AND revoked_at IS NULL",
            ),
            TokenOwner::Client(c) => (
                c.to_string(),
                "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND client_id = $3 AND revoked_at IS NULL",
            ),
        };
        let n = sqlx::query(sql)
            .bind(Timestamp::now().millis())
            .bind(id.to_string())
            .bind(col_value)
            .execute(self.db.writer())
            .await?
            .rows_affected();
        if n == 0 {
            Err(Error::not_found())
        } else {
            Ok(())
        }
    }
}
