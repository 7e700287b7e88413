//! The audit log: written in the same transaction as the action it records, searchable by
//! admins within their scope, and shown to citizens for reads of their own data (ACC-4).

use serde::Serialize;
use yiwang_domain::Timestamp;
use yiwang_domain::audit::AuditAction;
use yiwang_domain::ids::{AccountId, AuditId, DepartmentId};
use yiwang_domain::paging::Page;
use yiwang_domain::region::RegionCode;

use crate::row::{RowExt, named};
use crate::{Result, Store, Tx};

/// Who acted, as recorded.
#[derive(Debug, Clone)]
pub struct AuditActor {
    /// The staff account or client id.
    pub id: Option<String>,
    /// The name shown (staff display name, client name, or "system").
    pub name: String,
    /// The department name shown beside it.
    pub org: Option<String>,
}

/// One entry to record.
#[derive(Debug, Clone)]
pub struct NewAudit {
    /// Who.
    pub actor: AuditActor,
    /// What.
    pub action: AuditAction,
    /// On what kind of thing (`department`, `account`, `job`…).
    pub target_kind: Option<&'static str>,
    /// On which one.
    pub target_id: Option<String>,
    /// The citizen whose personal data was involved.
    pub subject: Option<AccountId>,
    /// The region of the target, for scoped searches.
    pub region: Option<RegionCode>,
    /// The department of the target, for scoped searches.
    pub department: Option<DepartmentId>,
    /// Extra facts as JSON. Never personal data.
    pub detail: Option<serde_json::Value>,
    /// The request that caused it.
    pub request_id: Option<String>,
}

/// A recorded entry.
#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    /// Entry id.
    pub id: AuditId,
    /// When.
    pub at: Timestamp,
    /// Actor id.
    pub actor_id: Option<String>,
    /// Actor name.
    pub actor_name: String,
    /// Actor's department.
    pub actor_org: Option<String>,
    /// Action.
    pub action: AuditAction,
    /// Target kind.
    pub target_kind: Option<String>,
    /// Target id.
    pub target_id: Option<String>,
    /// Subject (citizen) id.
    pub subject_id: Option<String>,
    /// Detail JSON.
    pub detail: Option<String>,
}

/// Filters for the admin search. Empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only this action.
    pub action: Option<AuditAction>,
    /// Only this actor.
    pub actor: Option<String>,
    /// Only entries about this citizen.
    pub subject: Option<AccountId>,
    /// Only entries at or after.
    pub from: Option<Timestamp>,
    /// Only entries before.
    pub to: Option<Timestamp>,
    /// Only entries inside this region subtree (entries without a region are platform-wide
    /// and only shown when this is `None`).
    pub region: Option<RegionCode>,
    /// Only entries of this department.
    pub department: Option<DepartmentId>,
}

impl Store {
    /// Records an entry inside the caller's transaction.
    pub async fn audit(&self, tx: &mut Tx, e: NewAudit) -> Result<AuditId> {
        let id = AuditId::generate();
        sqlx::query(
            "INSERT INTO audit_log (id, at, actor_id, actor_name, actor_org, action, target_kind, target_id, subject_id, region_code, department_id, detail, request_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(id.to_string())
        .bind(Timestamp::now().millis())
        .bind(e.actor.id)
        .bind(e.actor.name)
        .bind(e.actor.org)
        .bind(e.action.as_str())
        .bind(e.target_kind)
        .bind(e.target_id)
        .bind(e.subject.map(|s| s.to_string()))
        .bind(e.region.map(|r| r.as_str().to_owned()))
        .bind(e.department.map(|d| d.to_string()))
        .bind(e.detail.map(|d| d.to_string()))
        .bind(e.request_id)
        .execute(&mut **tx)
        .await?;
        Ok(id)
    }

    /// Searches the log, newest first.
    pub async fn search_audit(
        &self,
        f: &AuditFilter,
        page: Page,
    ) -> Result<(Vec<AuditEntry>, i64)> {
        const WHERE: &str = " WHERE ($1 IS NULL OR action = $1) AND ($2 IS NULL OR actor_id = $2) AND ($3 IS NULL OR subject_id = $3)
              AND ($4 IS NULL OR at >= $4) AND ($5 IS NULL OR at < $5) AND ($6 IS NULL OR (region_code >= $6 AND region_code < $8)) AND ($7 IS NULL OR department_id = $7)";
        let range = f.region.as_ref().map(crate::regions::subtree_range);
        let binds = |q: sqlx::query::Query<'static, sqlx::Any, sqlx::any::AnyArguments>| {
            q.bind(f.action.map(|a| a.as_str()))
                .bind(f.actor.clone())
                .bind(f.subject.map(|s| s.to_string()))
                .bind(f.from.map(|t| t.millis()))
                .bind(f.to.map(|t| t.millis()))
                .bind(range.as_ref().map(|r| r.0.clone()))
                .bind(f.department.map(|d| d.to_string()))
                .bind(range.as_ref().map(|r| r.1.clone()))
        };
        let total = binds(sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) AS n FROM audit_log{WHERE}"
        ))))
        .fetch_one(self.db.reader())
        .await?
        .int("n")?;
        let rows = binds(sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT id, at, actor_id, actor_name, actor_org, action, target_kind, target_id, subject_id, detail FROM audit_log{WHERE} ORDER BY at DESC, id DESC LIMIT $9 OFFSET $10"
        ))))
        .bind(page.limit())
        .bind(page.offset())
        .fetch_all(self.db.reader())
        .await?;
        Ok((rows.iter().map(entry_row).collect::<Result<_>>()?, total))
    }

    /// The details of the entries an actor wrote with this action on this target since
    /// `since`, in the caller's transaction (to tell whether a read belongs to an access
    /// already recorded: `domain::audit::ONE_ACCESS`).
    pub async fn recent_entries(
        &self,
        tx: &mut Tx,
        actor: &str,
        action: AuditAction,
        target: (&str, &str),
        since: Timestamp,
    ) -> Result<Vec<Option<String>>> {
        let rows = sqlx::query(
            "SELECT detail FROM audit_log
             WHERE actor_id = $1 AND at >= $2 AND action = $3 AND target_kind = $4 AND target_id = $5",
        )
        .bind(actor)
        .bind(since.millis())
        .bind(action.as_str())
        .bind(target.0)
        .bind(target.1)
        .fetch_all(&mut **tx)
        .await?;
        rows.iter().map(|r| r.opt_text("detail")).collect()
    }

    /// Staff reads of one citizen's personal data, newest first (the "my data access" page).
    pub async fn personal_data_reads(
        &self,
        subject: AccountId,
        page: Page,
    ) -> Result<(Vec<AuditEntry>, i64)> {
        // The actions the domain calls reads of personal data, and only those.
        let reads: Vec<String> = AuditAction::ALL
            .iter()
            .filter(|a| a.is_personal_data_read())
            .map(|a| format!("'{}'", a.as_str()))
            .collect();
        let reads = reads.join(", ");
        let total = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) AS n FROM audit_log WHERE subject_id = $1 AND action IN ({reads})"
        )))
        .bind(subject.to_string())
        .fetch_one(self.db.reader())
        .await?
        .int("n")?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT id, at, actor_id, actor_name, actor_org, action, target_kind, target_id, subject_id, detail FROM audit_log
             WHERE subject_id = $1 AND action IN ({reads}) ORDER BY at DESC, id DESC LIMIT $2 OFFSET $3"
        )))
        .bind(subject.to_string())
        .bind(page.limit())
        .bind(page.offset())
        .fetch_all(self.db.reader())
        .await?;
        Ok((rows.iter().map(entry_row).collect::<Result<_>>()?, total))
    }
}

fn entry_row(r: &sqlx::any::AnyRow) -> Result<AuditEntry> {
    Ok(AuditEntry {
        id: r.parsed("id")?,
        at: r.ts("at")?,
        actor_id: r.opt_text("actor_id")?,
        actor_name: r.text("actor_name")?,
        actor_org: r.opt_text("actor_org")?,
        action: named("action", &r.text("action")?, AuditAction::parse)?,
        target_kind: r.opt_text("target_kind")?,
        target_id: r.opt_text("target_id")?,
        subject_id: r.opt_text("subject_id")?,
        detail: r.opt_text("detail")?,
    })
}
