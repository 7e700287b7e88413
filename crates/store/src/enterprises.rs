//! Enterprises and their authorised agents.

use yiwang_domain::enterprise::{AgentRole, Authorisation, ValidEnterprise};
use yiwang_domain::ids::{AccountId, EnterpriseId};
use yiwang_domain::{FieldCode, Timestamp};

use crate::row::{RowExt, named};
use crate::{Error, Result, Store, Tx};

/// An enterprise as one of its agents sees it.
#[derive(Debug, Clone)]
pub struct EnterpriseView {
    /// The enterprise.
    pub id: EnterpriseId,
    /// Its name.
    pub name: String,
    /// Its unified social credit code.
    pub credit_code: String,
    /// The viewer's role.
    pub role: AgentRole,
    /// The viewer's authorisation.
    pub authorisation: Authorisation,
}

/// An agent of an enterprise, for the legal representative's list.
#[derive(Debug, Clone)]
pub struct AgentView {
    /// The agent's account.
    pub account: AccountId,
    /// Their masked name (or masked phone if not verified).
    pub masked_name: String,
    /// Their role.
    pub role: AgentRole,
    /// Whether the authorisation is in force.
    pub in_force: bool,
}

/// An invitation to act for an enterprise, waiting for the invited citizen's answer.
#[derive(Debug, Clone)]
pub struct Invitation {
    /// The enterprise.
    pub enterprise: EnterpriseId,
    /// Its name.
    pub name: String,
    /// Its unified social credit code.
    pub credit_code: String,
    /// When the legal representative sent it.
    pub invited_at: Timestamp,
}

fn ent_ctx(id: EnterpriseId) -> String {
    format!("enterprise.legal_rep|{id}")
}

impl Store {
    /// Registers an enterprise with the creating citizen as its legal representative. The
    /// citizen must be real-name verified, with the same name as the legal representative.
    pub async fn create_enterprise(
        &self,
        tx: &mut Tx,
        by: AccountId,
        e: &ValidEnterprise,
    ) -> Result<EnterpriseId> {
        let profile = self.profile(by).await?;
        match profile.real_name.as_deref() {
            None => return Err(Error::code(yiwang_domain::ErrorCode::Forbidden)),
            Some(n) if n != e.legal_representative.expose() => {
                return Err(Error::field("legal_representative", FieldCode::InvalidName));
            }
            Some(_) => {}
        }
        let id = EnterpriseId::generate();
        let now = Timestamp::now().millis();
        let r = sqlx::query(
            "INSERT INTO enterprises (id, name, credit_code, legal_rep_enc, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id.to_string())
        .bind(e.name.clone())
        .bind(e.credit_code.as_str().to_owned())
        .bind(self.vault().encrypt(&ent_ctx(id), e.legal_representative.expose())?)
        .bind(by.to_string())
        .bind(now)
        .execute(&mut **tx)
        .await;
        if let Err(err) = r {
            let err = Error::from(err);
            return Err(if err.is_unique_violation() {
                Error::field("credit_code", FieldCode::CodeTaken)
            } else {
                err
            });
        }
        self.insert_agent(tx, id, by, AgentRole::LegalRepresentative, by, None)
            .await?;
        Ok(id)
    }

    async fn insert_agent(
        &self,
        tx: &mut Tx,
        enterprise: EnterpriseId,
        account: AccountId,
        role: AgentRole,
        granted_by: AccountId,
        valid_until: Option<Timestamp>,
    ) -> Result<()> {
        let now = Timestamp::now().millis();
        sqlx::query(
            "INSERT INTO enterprise_agents (enterprise_id, account_id, role, granted_by, valid_until, created_at, accepted_at) VALUES ($1, $2, $3, $4, $5, $6, $6)",
        )
        .bind(enterprise.to_string())
        .bind(account.to_string())
        .bind(role.as_str())
        .bind(granted_by.to_string())
        .bind(valid_until.map(|t| t.millis()))
        .bind(now)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// The enterprises an account is (or was) authorised for, invitations it has not accepted
    /// left out.
    pub async fn enterprises_of(&self, account: AccountId) -> Result<Vec<EnterpriseView>> {
        let rows = sqlx::query(
            "SELECT e.id, e.name, e.credit_code, a.role, a.valid_until, a.revoked_at FROM enterprise_agents a
             JOIN enterprises e ON e.id = a.enterprise_id
             WHERE a.account_id = $1 AND a.accepted_at IS NOT NULL ORDER BY e.name",
        )
        .bind(account.to_string())
        .fetch_all(self.db.reader())
        .await?;
        rows.iter()
            .map(|r| {
                let role = named("role", &r.text("role")?, AgentRole::parse)?;
                Ok(EnterpriseView {
                    id: r.parsed("id")?,
                    name: r.text("name")?,
                    credit_code: r.text("credit_code")?,
                    role,
                    authorisation: Authorisation {
                        role,
                        valid_until: r.opt_ts("valid_until")?,
                        revoked_at: r.opt_ts("revoked_at")?,
                    },
                })
            })
            .collect()
    }

    /// The authorisation of an account for an enterprise, if any (an invitation not yet
    /// accepted is none).
    pub async fn authorisation(
        &self,
        enterprise: EnterpriseId,
        account: AccountId,
    ) -> Result<Option<Authorisation>> {
        let row = sqlx::query("SELECT role, valid_until, revoked_at FROM enterprise_agents WHERE enterprise_id = $1 AND account_id = $2 AND accepted_at IS NOT NULL")
            .bind(enterprise.to_string())
            .bind(account.to_string())
            .fetch_optional(self.db.reader())
            .await?;
        row.map(|r| {
            Ok(Authorisation {
                role: named("role", &r.text("role")?, AgentRole::parse)?,
                valid_until: r.opt_ts("valid_until")?,
                revoked_at: r.opt_ts("revoked_at")?,
            })
        })
        .transpose()
    }

    /// Invites another citizen to act as an agent. Only a legal representative in force may
    /// do this; anyone else gets "not found". `true` when an invitation was made (or a revoked
    /// or declined agent invited again); `false`, writing nothing, when the account is not
    /// real-name verified or is already an agent or invited — the caller answers the same
    /// either way.
    pub async fn invite_agent(
        &self,
        tx: &mut Tx,
        enterprise: EnterpriseId,
        by: AccountId,
        agent: AccountId,
    ) -> Result<bool> {
        match self.authorisation(enterprise, by).await? {
            Some(a) if a.may_authorise(Timestamp::now()) => {}
            _ => return Err(Error::not_found()),
        }
        if self.profile(agent).await?.verified_at.is_none() {
            return Ok(false);
        }
        let n = sqlx::query(
            "INSERT INTO enterprise_agents (enterprise_id, account_id, role, granted_by, created_at)
             VALUES ($1, $2, 'agent', $3, $4)
             ON CONFLICT (enterprise_id, account_id) DO UPDATE SET
               granted_by = excluded.granted_by, valid_until = NULL, revoked_at = NULL,
               accepted_at = NULL, created_at = excluded.created_at
             WHERE enterprise_agents.revoked_at IS NOT NULL AND enterprise_agents.role = 'agent'",
        )
        .bind(enterprise.to_string())
        .bind(agent.to_string())
        .bind(by.to_string())
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?
        .rows_affected();
        Ok(n == 1)
    }

    /// The invitations waiting for this account's answer, newest first.
    pub async fn invitations_of(&self, account: AccountId) -> Result<Vec<Invitation>> {
        sqlx::query(
            "SELECT e.id, e.name, e.credit_code, a.created_at FROM enterprise_agents a
             JOIN enterprises e ON e.id = a.enterprise_id
             WHERE a.account_id = $1 AND a.accepted_at IS NULL AND a.revoked_at IS NULL
             ORDER BY a.created_at DESC",
        )
        .bind(account.to_string())
        .fetch_all(self.db.reader())
        .await?
        .iter()
        .map(|r| {
            Ok(Invitation {
                enterprise: r.parsed("id")?,
                name: r.text("name")?,
                credit_code: r.text("credit_code")?,
                invited_at: r.ts("created_at")?,
            })
        })
        .collect()
    }

    /// The invited citizen accepts (from now on they act for the enterprise, and it sees
    /// them) or declines; "not found" when no invitation waits.
    pub async fn answer_invitation(
        &self,
        enterprise: EnterpriseId,
        account: AccountId,
        accept: bool,
    ) -> Result<()> {
        let column = if accept { "accepted_at" } else { "revoked_at" };
        let n = sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE enterprise_agents SET {column} = $3
             WHERE enterprise_id = $1 AND account_id = $2 AND accepted_at IS NULL AND revoked_at IS NULL"
        )))
        .bind(enterprise.to_string())
        .bind(account.to_string())
        .bind(Timestamp::now().millis())
        .execute(self.db.writer())
        .await?
        .rows_affected();
        (n == 1).then_some(()).ok_or_else(Error::not_found)
    }

    /// Revokes an agent's authorisation (legal representative only).
    pub async fn revoke_agent(
        &self,
        tx: &mut Tx,
        enterprise: EnterpriseId,
        by: AccountId,
        agent: AccountId,
    ) -> Result<()> {
        match self.authorisation(enterprise, by).await? {
            Some(a) if a.may_authorise(Timestamp::now()) => {}
            _ => return Err(Error::not_found()),
        }
        let n = sqlx::query(
            "UPDATE enterprise_agents SET revoked_at = $1 WHERE enterprise_id = $2 AND account_id = $3 AND role = 'agent' AND revoked_at IS NULL AND accepted_at IS NOT NULL",
        )
        .bind(Timestamp::now().millis())
        .bind(enterprise.to_string())
        .bind(agent.to_string())
        .execute(&mut **tx)
        .await?
        .rows_affected();
        if n == 0 {
            Err(Error::not_found())
        } else {
            Ok(())
        }
    }

    /// The agents of an enterprise who accepted, for its legal representative (invitations
    /// not yet accepted show nothing of the invited person).
    pub async fn agents_of(
        &self,
        enterprise: EnterpriseId,
        viewer: AccountId,
    ) -> Result<Vec<AgentView>> {
        match self.authorisation(enterprise, viewer).await? {
            Some(a) if a.may_authorise(Timestamp::now()) => {}
            _ => return Err(Error::not_found()),
        }
        let rows = sqlx::query(
            "SELECT a.account_id, a.role, a.valid_until, a.revoked_at FROM enterprise_agents a
             WHERE a.enterprise_id = $1 AND a.accepted_at IS NOT NULL ORDER BY a.created_at",
        )
        .bind(enterprise.to_string())
        .fetch_all(self.db.reader())
        .await?;
        let now = Timestamp::now();
        let mut out = Vec::new();
        for r in &rows {
            let account: AccountId = r.parsed("account_id")?;
            let p = self.profile(account).await?;
            let role = named("role", &r.text("role")?, AgentRole::parse)?;
            let auth = Authorisation {
                role,
                valid_until: r.opt_ts("valid_until")?,
                revoked_at: r.opt_ts("revoked_at")?,
            };
            out.push(AgentView {
                account,
                masked_name: p
                    .real_name
                    .as_deref()
                    .map(yiwang_domain::identity::name::mask_name)
                    .unwrap_or_else(|| p.greeting_name()),
                role,
                in_force: auth.in_force(now),
            });
        }
        Ok(out)
    }
}
