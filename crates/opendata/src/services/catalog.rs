//! The catalogue as readers see it: published datasets with their organisation and
//! resources, found by words (any piece of a title, so two characters inside a Chinese title
//! find it), narrowed by Solr-style `fq` clauses or the pages' facets, sorted, paged, and
//! counted by facet. The CKAN API and the `/data` pages both read it.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use yiwang_domain::Timestamp;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_store::departments::Department;
use yiwang_store::opendata::{DatasetRow, ResourceRow};

use crate::rules::org_name;

/// A dataset with what readers see beside it.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The dataset.
    pub d: DatasetRow,
    /// Its organisation (the owning department).
    pub org: Option<Department>,
    /// Its resources in order.
    pub resources: Vec<ResourceRow>,
    /// The name of the region it covers (its code when the tree does not know it).
    pub region_name: Option<String>,
    /// Its licence, when the deployment knows it.
    pub licence: Option<crate::rules::Licence>,
}

/// The deployment's licences (the built-in ones when the binary installed none).
pub fn licences(app: &AppState) -> crate::rules::Licences {
    app.part::<crate::rules::Licences>()
        .cloned()
        .unwrap_or_default()
}

impl Entry {
    /// The organisation's CKAN name.
    pub fn org_name(&self) -> String {
        org_name(&self.d.department)
    }

    fn values(&self, field: &str) -> Vec<String> {
        let f = &self.d.fields;
        match field {
            "organization" | "owner_org" => vec![self.org_name()],
            "tags" => f.tags.clone(),
            "groups" => f.groups.clone(),
            "res_format" => self.resources.iter().map(|r| r.format.clone()).collect(),
            "license_id" => vec![f.license_id.clone()],
            "region" => f.region.iter().cloned().collect(),
            "name" => vec![f.name.clone()],
            "id" => vec![self.d.id.to_string()],
            _ => Vec::new(),
        }
    }

    fn text_matches(&self, word: &str) -> bool {
        let f = &self.d.fields;
        let word = word.to_lowercase();
        let org = self.org.as_ref().map(|o| o.name.as_str()).unwrap_or("");
        [f.title.as_str(), f.notes.as_str(), f.name.as_str(), org]
            .iter()
            .any(|s| s.to_lowercase().contains(&word))
            || f.tags.iter().any(|t| t.to_lowercase().contains(&word))
            || self
                .resources
                .iter()
                .any(|r| r.name.to_lowercase().contains(&word))
    }
}

/// The read model kept in memory: every dataset and the published ones, as of a version of
/// the data (`store::data_version`, bumped in every dataset-writing transaction). Installed by
/// the binary; without it every call reads the database.
#[derive(Debug, Clone, Default)]
pub struct Snapshot(Arc<Mutex<Option<Cached>>>);

#[derive(Debug)]
struct Cached {
    version: (i64, i64),
    all: Arc<Vec<Entry>>,
    published: Arc<Vec<Entry>>,
}

/// Every dataset readers may see (published only) or a steward's console lists (all), newest
/// change first. From the snapshot when the data has not changed since it was read (one small
/// query), else read afresh; a change committed before the call is always seen.
pub async fn load(app: &AppState, published_only: bool) -> Result<Arc<Vec<Entry>>, Error> {
    let cache = app.part::<Snapshot>().ok();
    // Read before the rows: a write in between leaves newer rows under an older version, which
    // the next call replaces — never older rows under a newer one.
    let version = app.store.data_version().await?;
    let pick = |c: &Cached| {
        if published_only {
            Arc::clone(&c.published)
        } else {
            Arc::clone(&c.all)
        }
    };
    if let Some(c) = cache
        && let Ok(held) = c.0.lock()
        && let Some(held) = held.as_ref().filter(|h| h.version == version)
    {
        return Ok(pick(held));
    }
    let all = read(app).await?;
    let published: Vec<Entry> = all.iter().filter(|e| e.d.published()).cloned().collect();
    let fresh = Cached {
        version,
        all: Arc::new(all),
        published: Arc::new(published),
    };
    let out = pick(&fresh);
    if let Some(c) = cache
        && let Ok(mut held) = c.0.lock()
    {
        *held = Some(fresh);
    }
    Ok(out)
}

/// Every dataset with its organisation, resources, region name and licence, from the database.
async fn read(app: &AppState) -> Result<Vec<Entry>, Error> {
    let orgs = app.store.departments_under(&app.config.root_region).await?;
    let mut resources: BTreeMap<String, Vec<ResourceRow>> = BTreeMap::new();
    for r in app.store.data_resources().await? {
        resources.entry(r.dataset.to_string()).or_default().push(r);
    }
    let datasets: Vec<DatasetRow> = app.store.datasets().await?;
    // Each region covered, named once.
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for code in datasets.iter().filter_map(|d| d.fields.region.as_ref()) {
        if names.contains_key(code) {
            continue;
        }
        let name = match yiwang_domain::region::RegionCode::parse(code) {
            Ok(c) => app.store.region(&c).await.map(|r| r.name).ok(),
            Err(_) => None,
        };
        names.insert(code.clone(), name.unwrap_or_else(|| code.clone()));
    }
    let licences = licences(app);
    Ok(datasets
        .into_iter()
        .map(|d| Entry {
            licence: licences.get(&d.fields.license_id).cloned(),
            org: orgs.iter().find(|o| o.id == d.department).cloned(),
            resources: resources.remove(&d.id.to_string()).unwrap_or_default(),
            region_name: d.fields.region.as_ref().and_then(|c| names.get(c).cloned()),
            d,
        })
        .collect())
}

/// One clause of `fq` (or a facet chosen on the page).
#[derive(Debug, Clone, PartialEq)]
pub enum Clause {
    /// `field:value`
    Is(String, String),
    /// `metadata_modified:[from TO to]` (milliseconds; `*` open).
    Range(String, Option<i64>, Option<i64>),
    /// A clause that holds for every visible dataset (`dataset_type:dataset`,
    /// `state:active`, `capacity:public`, `*:*`).
    Any,
}

/// Fields `fq` may name.
pub const FQ_FIELDS: &[&str] = &[
    "organization",
    "owner_org",
    "tags",
    "groups",
    "res_format",
    "license_id",
    "region",
    "name",
    "id",
];

/// Parses CKAN/Solr `fq` text: clauses separated by spaces (or `AND`), each optionally
/// prefixed by `+`, the value bare or in double quotes, dates as `[X TO Y]`.
pub fn parse_fq(fq: &str) -> Result<Vec<Clause>, String> {
    let mut out = Vec::new();
    let mut rest = fq.trim();
    while !rest.is_empty() {
        rest = rest.trim_start_matches('+');
        if let Some(r) = rest.strip_prefix("AND ") {
            rest = r.trim_start();
            continue;
        }
        if rest.starts_with("*:*") {
            out.push(Clause::Any);
            rest = rest[3..].trim_start();
            continue;
        }
        let Some((field, after)) = rest.split_once(':') else {
            return Err(format!("Cannot parse fq: {rest}"));
        };
        let field = field.trim();
        let (value, next) = if let Some(v) = after.strip_prefix('"') {
            let end = v.find('"').ok_or("Unterminated quote in fq")?;
            (v[..end].to_owned(), &v[end + 1..])
        } else if let Some(v) = after.strip_prefix('[') {
            let end = v.find(']').ok_or("Unterminated range in fq")?;
            (format!("[{}]", &v[..end]), &v[end + 1..])
        } else {
            let end = after.find(' ').unwrap_or(after.len());
            (after[..end].to_owned(), &after[end..])
        };
        rest = next.trim_start();
        out.push(match field {
            "metadata_modified" | "metadata_created" => {
                let inner = value
                    .strip_prefix('[')
                    .and_then(|v| v.strip_suffix(']'))
                    .ok_or_else(|| format!("{field} needs a range [X TO Y]"))?;
                let (a, b) = inner
                    .split_once(" TO ")
                    .ok_or_else(|| format!("{field} needs a range [X TO Y]"))?;
                Clause::Range(field.into(), bound(a)?, bound(b)?)
            }
            "dataset_type" | "type" if value == "dataset" => Clause::Any,
            "state" if value == "active" => Clause::Any,
            "capacity" if value == "public" => Clause::Any,
            f if FQ_FIELDS.contains(&f) => Clause::Is(f.into(), value),
            f => return Err(format!("Unknown field in fq: {f}")),
        });
    }
    Ok(out)
}

fn bound(s: &str) -> Result<Option<i64>, String> {
    let s = s.trim();
    if s == "*" {
        return Ok(None);
    }
    parse_time(s)
        .map(Some)
        .ok_or_else(|| format!("Cannot read the date {s}"))
}

/// Reads `YYYY-MM-DD[THH:MM:SS[.ffffff]][Z]` (UTC) as milliseconds.
pub fn parse_time(s: &str) -> Option<i64> {
    let s = s.trim_end_matches('Z');
    let (date, clock) = s.split_once('T').unwrap_or((s, "00:00:00"));
    let d = crate::table::date(date)?;
    let (hms, frac) = clock.split_once('.').unwrap_or((clock, "0"));
    let mut parts = hms.split(':').map(|p| p.parse::<u8>().ok());
    let (h, m, sec) = (
        parts.next()??,
        parts.next().unwrap_or(Some(0))?,
        parts.next().unwrap_or(Some(0))?,
    );
    let t = time::Time::from_hms(h, m, sec).ok()?;
    let ms: i64 = format!("{:0<3}", &frac[..frac.len().min(3)]).parse().ok()?;
    Some(d.with_time(t).assume_utc().unix_timestamp() * 1000 + ms)
}

/// CKAN's time format for `metadata_modified` (UTC, microseconds, no zone).
pub fn ckan_time(t: Timestamp) -> String {
    let ms = t.millis();
    let Ok(dt) = time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000)) else {
        return String::new();
    };
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}",
        dt.year(),
        u8::from(dt.month()),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second(),
        ms.rem_euclid(1000) * 1000
    )
}

fn holds(e: &Entry, c: &Clause) -> bool {
    match c {
        Clause::Any => true,
        Clause::Is(field, value) => {
            if field == "res_format" {
                e.values(field)
                    .iter()
                    .any(|v| v.eq_ignore_ascii_case(value))
            } else {
                e.values(field).iter().any(|v| v == value)
            }
        }
        Clause::Range(field, from, to) => {
            let t = if field == "metadata_created" {
                e.d.created_at.millis()
            } else {
                e.d.modified_at.millis()
            };
            from.is_none_or(|f| t >= f) && to.is_none_or(|u| t <= u)
        }
    }
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// Best match first (title matches before others), then newest.
    Score,
    /// By id.
    Id,
    /// By name.
    Name,
    /// By title.
    Title,
    /// By last change.
    Modified,
    /// By creation.
    Created,
}

/// Parses CKAN's `sort` (`id asc`, `metadata_modified desc`, `score desc, name asc` …).
pub fn parse_sort(s: &str) -> Result<Vec<(SortKey, bool)>, String> {
    let mut out = Vec::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let mut words = part.split_whitespace();
        let key = match words.next().unwrap_or("") {
            "score" | "rank" => SortKey::Score,
            "id" => SortKey::Id,
            "name" => SortKey::Name,
            "title" | "title_string" => SortKey::Title,
            "metadata_modified" => SortKey::Modified,
            "metadata_created" => SortKey::Created,
            other => return Err(format!("Cannot sort by {other}")),
        };
        let desc = match words.next().unwrap_or("asc") {
            "asc" => false,
            "desc" => true,
            other => return Err(format!("Sort order must be asc or desc, not {other}")),
        };
        out.push((key, desc));
    }
    Ok(out)
}

/// A search.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// Words, each of which must occur (any piece of a title, notes, name, tag …).
    pub words: Vec<String>,
    /// Clauses, all of which must hold.
    pub clauses: Vec<Clause>,
    /// The order.
    pub sort: Vec<(SortKey, bool)>,
}

impl Search {
    /// Reads `q`: `*:*` or nothing for everything, `field:value` pieces as clauses, the rest
    /// as words.
    pub fn with_q(mut self, q: &str) -> Result<Search, String> {
        for piece in q.split_whitespace() {
            if piece == "*:*" {
                continue;
            }
            match piece.split_once(':') {
                Some((f, _)) if FQ_FIELDS.contains(&f) || f.starts_with("metadata_") => {
                    self.clauses.extend(parse_fq(piece)?);
                }
                _ => self.words.push(piece.to_owned()),
            }
        }
        Ok(self)
    }
}

/// The entries matching a search, in its order.
pub fn find<'a>(entries: &'a [Entry], s: &Search) -> Vec<&'a Entry> {
    let mut found: Vec<&Entry> = entries
        .iter()
        .filter(|e| s.words.iter().all(|w| e.text_matches(w)))
        .filter(|e| s.clauses.iter().all(|c| holds(e, c)))
        .collect();
    let title_hit = |e: &Entry| {
        s.words
            .iter()
            .all(|w| e.d.fields.title.to_lowercase().contains(&w.to_lowercase()))
    };
    let sort = if s.sort.is_empty() {
        vec![(SortKey::Score, true), (SortKey::Modified, true)]
    } else {
        s.sort.clone()
    };
    found.sort_by(|a, b| {
        for (key, desc) in &sort {
            let o = match key {
                SortKey::Score => title_hit(a).cmp(&title_hit(b)),
                SortKey::Id => a.d.id.to_string().cmp(&b.d.id.to_string()),
                SortKey::Name => a.d.fields.name.cmp(&b.d.fields.name),
                SortKey::Title => a.d.fields.title.cmp(&b.d.fields.title),
                SortKey::Modified => a.d.modified_at.millis().cmp(&b.d.modified_at.millis()),
                SortKey::Created => a.d.created_at.millis().cmp(&b.d.created_at.millis()),
            };
            let o = if *desc { o.reverse() } else { o };
            if o.is_ne() {
                return o;
            }
        }
        a.d.fields.name.cmp(&b.d.fields.name)
    });
    found
}

/// The facets CKAN and the pages count.
pub const FACETS: &[&str] = &[
    "organization",
    "groups",
    "tags",
    "res_format",
    "license_id",
    "region",
];

/// Counts of each value of `field` among `found`, most frequent first.
pub fn facet(found: &[&Entry], field: &str) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for e in found {
        let mut vals = e.values(field);
        vals.sort();
        vals.dedup();
        for v in vals {
            *counts.entry(v).or_default() += 1;
        }
    }
    let mut v: Vec<_> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fq_reads_ckan_harvesters_and_ckanapis_clauses() {
        let c = parse_fq(
            "+organization:abc tags:\"社会 保障\" metadata_modified:[2000-01-01T00:00:00Z TO *]",
        )
        .unwrap();
        assert_eq!(c[0], Clause::Is("organization".into(), "abc".into()));
        assert_eq!(c[1], Clause::Is("tags".into(), "社会 保障".into()));
        assert!(matches!(
            c[2],
            Clause::Range(_, Some(946_684_800_000), None)
        ));
        assert!(parse_fq("secret:1").is_err());
    }

    #[test]
    fn times_read_back_in_ckans_format() {
        let t = parse_time("2026-12-07T01:02:03.456").unwrap();
        assert_eq!(ckan_time(Timestamp(t)), "2026-12-07T01:02:03.456000");
    }
}
