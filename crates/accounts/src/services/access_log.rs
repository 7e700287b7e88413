//! The citizen's log of staff reads of their personal data (ACC-4), for the page and the API:
//! one entry per access (`domain::audit::ONE_ACCESS`), each with the reason given and what was
//! read.

use yiwang_domain::Timestamp;
use yiwang_domain::audit::AuditAction;
use yiwang_domain::ids::AccountId;
use yiwang_domain::paging::Page;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

/// One staff access to the citizen's data.
#[derive(Debug, Clone)]
pub struct Access {
    /// When.
    pub at: Timestamp,
    /// The staff member (or system) who read.
    pub actor: String,
    /// Their office, as it was named then.
    pub org: Option<String>,
    /// What kind of read.
    pub action: AuditAction,
    /// The reason they gave, where they had to give one.
    pub reason: Option<String>,
    /// What was read, by field name (`answers`, `files`, `real_name`, `id_number`, `phone`,
    /// `records`).
    pub fields: Vec<String>,
    /// Whose data it was when not the holder's own: the name of their child (a guardian sees
    /// reads of a child's records).
    pub child: Option<String>,
}

/// The caller's accesses, newest first, and how many there are.
pub async fn accesses(
    app: &AppState,
    account: AccountId,
    page: Page,
) -> Result<(Vec<Access>, i64), Error> {
    let (rows, total) = app.store.personal_data_reads(account, page).await?;
    let accesses = rows
        .into_iter()
        .map(|e| {
            let detail = e
                .detail
                .and_then(|d| serde_json::from_str::<serde_json::Value>(&d).ok())
                .unwrap_or_default();
            Access {
                at: e.at,
                actor: e.actor_name,
                org: e.actor_org,
                action: e.action,
                reason: detail["reason"].as_str().map(str::to_owned),
                child: detail["child"].as_str().map(str::to_owned),
                fields: detail["fields"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|f| f.as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect();
    Ok((accesses, total))
}
