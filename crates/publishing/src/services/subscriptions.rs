//! Subscriptions (PUB-6): a person follows columns, disclosure categories and their region;
//! each newly published document reaches them once in their messages (a durable job per
//! document, `doc_deliveries` making a resumed run tell no one twice), and a daily digest of
//! the day's newest (每日10条) at the hour they chose, once a day.

use yiwang_domain::Timestamp;
use yiwang_domain::ids::{AccountId, DocId};
use yiwang_domain::notification::prefs::Topic;
use yiwang_domain::notification::{Channel, Notice};
use yiwang_domain::paging::Page;
use yiwang_domain::publishing::{DisclosureCategory, DocState};
use yiwang_domain::region::RegionCode;
use yiwang_domain::{FieldCode, FieldErrors};
use yiwang_store::Store;
use yiwang_store::jobs::NewJob;
use yiwang_store::notify::Recipient;
use yiwang_store::publishing::{DocRow, Listing};
use yiwang_store::subscriptions::Follow;

use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

/// The job telling a document's followers.
pub const TELL: &str = "doc_followers";
/// The digest's scheduled job.
pub const DIGEST: &str = "daily_digest";
/// Documents in a digest.
pub const DIGEST_SIZE: usize = 10;

/// What a person chose.
#[derive(Debug, Clone, Default)]
pub struct Choice {
    /// Column codes.
    pub columns: Vec<String>,
    /// Disclosure categories.
    pub categories: Vec<String>,
    /// A region code, or empty.
    pub region: String,
    /// The digest's hour, or empty for none.
    pub hour: String,
}

/// Saves what the caller follows (every value checked; an unknown one is refused in words).
pub async fn save(app: &AppState, caller: &Caller, c: &Choice) -> Result<(), Error> {
    let me = caller.principal.account().ok_or_else(Error::forbidden)?;
    let columns = app.store.doc_columns().await?;
    let mut e = FieldErrors::new();
    let mut follows: Vec<Follow> = Vec::new();
    for code in &c.columns {
        if columns.iter().any(|x| &x.code == code) {
            follows.push(("column".into(), code.clone()));
        } else {
            e.add("columns", FieldCode::InvalidChoice);
        }
    }
    for cat in &c.categories {
        match DisclosureCategory::parse(cat) {
            Some(x) => follows.push(("category".into(), x.as_str().into())),
            None => e.add("categories", FieldCode::InvalidChoice),
        }
    }
    match c.region.trim() {
        "" => {}
        r => match RegionCode::parse(r) {
            Ok(code)
                if app.config.root_region.contains(&code)
                    && app.store.region_exists(&code).await? =>
            {
                follows.push(("region".into(), code.as_str().into()))
            }
            _ => e.add("region", FieldCode::UnknownRegion),
        },
    }
    let hour = match c.hour.trim() {
        "" => None,
        h => match h.parse::<i64>() {
            Ok(n) if (0..24).contains(&n) => Some(n),
            _ => {
                e.add("hour", FieldCode::OutOfRange);
                None
            }
        },
    };
    if !e.is_empty() {
        return Err(Error::Domain(yiwang_domain::Error::invalid(e)));
    }
    let mut tx = app.store.begin().await?;
    app.store
        .set_subscriptions(&mut tx, me, &follows, hour)
        .await?;
    yiwang_store::commit(tx).await?;
    Ok(())
}

/// Enqueues telling a document's followers, in the transaction that publishes it.
pub async fn enqueue(store: &Store, tx: &mut yiwang_store::Tx, doc: DocId) -> Result<(), Error> {
    store
        .enqueue(
            tx,
            NewJob::now(TELL, serde_json::json!({ "doc": doc.to_string() }))
                .dedupe(format!("{TELL}:{doc}")),
        )
        .await?;
    Ok(())
}

/// Tells each follower of a published document once; returns how many were told now.
pub async fn tell_followers(store: &Store, doc: DocId) -> Result<usize, Error> {
    let Some(row) = store.doc(doc).await? else {
        return Ok(0);
    };
    if row.state != DocState::Published {
        return Ok(0);
    }
    let mut columns = vec![row.column.clone()];
    if let Some(parent) = store
        .doc_columns()
        .await?
        .into_iter()
        .find(|c| c.code == row.column)
        .and_then(|c| c.parent)
    {
        columns.push(parent);
    }
    let category = row.doc.policy.as_ref().map(|p| p.category.as_str());
    let notice = Notice::DocPublished {
        title: row.doc.title.clone(),
        summary: row.doc.summary.clone(),
        doc: row.id.to_string(),
    };
    let mut after: Option<AccountId> = None;
    let mut told = 0;
    loop {
        let page = store
            .followers(&columns, category, &row.region_code, after, 500)
            .await?;
        let Some(last) = page.last() else { break };
        after = Some(*last);
        let mut tx = store.begin().await?;
        for a in &page {
            if store.mark_doc_delivered(&mut tx, doc, *a).await? {
                store
                    .notify(&mut tx, &Recipient::Account(*a), &notice)
                    .await?;
                told += 1;
            }
        }
        yiwang_store::commit(tx).await?;
    }
    Ok(told)
}

/// Sends the digests due at `now`'s Beijing hour that were not sent today, as one message
/// per person: the day's editors' picks first (everyone's), then the newest documents of the
/// last day among what the person follows, at most ten. The message ends with a signed link
/// that stops the digest. Returns how many were sent.
pub async fn send_digests(store: &Store, now: Timestamp) -> Result<usize, Error> {
    let local = now.to_beijing();
    let today = local.date().to_string();
    let due = store.digests_due(i64::from(local.hour()), &today).await?;
    if due.is_empty() {
        return Ok(0);
    }
    let page = Page::new(Some(1), Some(100), 100)?;
    let mut recent = store
        .published_docs(
            &Listing {
                without_bodies: true,
                ..Listing::default()
            },
            page,
            false,
        )
        .await?;
    let since = now.millis() - 24 * 3_600_000;
    let picked_today = |d: &DocRow| d.picked_at.is_some_and(|p| p.millis() >= since);
    // Picks first (the latest pick first), then the newest.
    recent.sort_by_key(|d| {
        (
            std::cmp::Reverse(picked_today(d).then_some(d.picked_at)),
            std::cmp::Reverse(d.published_at),
        )
    });
    let columns = store.doc_columns().await?;
    let parent = |code: &str| {
        columns
            .iter()
            .find(|c| c.code == code)
            .and_then(|c| c.parent.clone())
    };
    let mut sent = 0;
    for account in due {
        let (follows, _) = store.subscriptions(account).await?;
        let chosen: Vec<_> = recent
            .iter()
            .filter(|d| {
                picked_today(d)
                    || d.published_at.is_some_and(|p| p.millis() >= since)
                        && follows.iter().any(|(kind, target)| match kind.as_str() {
                            "column" => {
                                &d.column == target || parent(&d.column).as_deref() == Some(target)
                            }
                            "category" => d
                                .doc
                                .policy
                                .as_ref()
                                .is_some_and(|p| p.category.as_str() == target),
                            "region" => d.region_code.starts_with(target.as_str()),
                            _ => false,
                        })
            })
            .take(DIGEST_SIZE)
            .collect();
        let mut tx = store.begin().await?;
        if store.mark_digest_sent(&mut tx, account, &today).await? && !chosen.is_empty() {
            let notice = Notice::Digest {
                date: today.clone(),
                items: chosen
                    .iter()
                    .map(|d| (d.doc.title.clone(), d.id.to_string()))
                    .collect(),
                stop: store.unsubscribe_path(account, Topic::Digest, Channel::Inbox),
            };
            store
                .notify(&mut tx, &Recipient::Account(account), &notice)
                .await?;
            sent += 1;
        }
        yiwang_store::commit(tx).await?;
    }
    Ok(sent)
}
