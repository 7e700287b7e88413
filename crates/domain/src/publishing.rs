//! Government information (PUB-1…3): articles in columns and policy documents of the
//! disclosure catalogue (政务公开), with the editorial workflow that publishes them.
//!
//! An editor drafts; submitting sends the draft to review; a reviewer — never its own author —
//! approves it for publication now or at a set time, or sends it back with a comment. A
//! scheduled document is published by the platform when its time comes. A published document
//! is corrected (a new revision, marked as a correction with a note) or withdrawn with a
//! reason; a withdrawn document's address keeps answering with "withdrawn on … because …".

use serde::{Deserialize, Serialize};
use time::Date;

use crate::error::{FieldCode, FieldErrors};
use crate::time::Timestamp;

crate::stable_names! {
    /// Where a document stands.
    pub enum DocState {
        /// Being written (also after review sent it back).
        Draft = "draft",
        /// Waiting for a reviewer.
        InReview = "in_review",
        /// Approved, to be published at its set time.
        Scheduled = "scheduled",
        /// Public.
        Published = "published",
        /// Taken down; its page says when and why.
        Withdrawn = "withdrawn",
    }
}

crate::stable_names! {
    /// What kind of document.
    pub enum DocKind {
        /// A news article, notice or interpretation (解读) in a column.
        Article = "article",
        /// A policy document of the disclosure catalogue: index number, document number,
        /// issuing body, dates and validity.
        Policy = "policy",
    }
}

crate::stable_names! {
    /// Whether a policy document is in force (有效 / 失效 / 废止).
    pub enum Validity {
        /// 有效: in force.
        Valid = "valid",
        /// 失效: expired (its period ended).
        Expired = "expired",
        /// 废止: repealed, usually replaced by another document.
        Repealed = "repealed",
    }
}

crate::stable_names! {
    /// The disclosure catalogue's categories (政务公开目录), after the 政府信息公开条例 (2019)
    /// §20 and the catalogues of the county governments the seeds describe.
    pub enum DisclosureCategory {
        /// 机构职能.
        Organisation = "organisation",
        /// 法规文件.
        Regulations = "regulations",
        /// 规划计划.
        Plans = "plans",
        /// 财政信息 (budgets, final accounts, 三公经费).
        Finance = "finance",
        /// 人事信息.
        Personnel = "personnel",
        /// 重点领域.
        KeyAreas = "key_areas",
        /// 政策解读.
        Interpretations = "interpretations",
        /// 公共服务.
        PublicServices = "public_services",
        /// 应急管理.
        Emergencies = "emergencies",
        /// 监督检查.
        Inspections = "inspections",
        /// 统计信息.
        Statistics = "statistics",
    }
}

crate::stable_names! {
    /// The five publicities (五公开): which stage of government work a document discloses.
    pub enum Publicity {
        /// 决策公开.
        Decision = "decision",
        /// 执行公开.
        Execution = "execution",
        /// 管理公开.
        Management = "management",
        /// 服务公开.
        Service = "service",
        /// 结果公开.
        Result = "result",
    }
}

/// Longest Markdown body, in characters.
pub const MAX_BODY: usize = 50_000;

/// What an editor types: the document's words and, for a policy document, its metadata.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct DocInput {
    /// 标题.
    #[serde(default)]
    pub title: String,
    /// 摘要 (optional; lists and feeds show it).
    #[serde(default)]
    pub summary: String,
    /// The body in Markdown.
    #[serde(default)]
    pub body: String,
    /// 来源, e.g. 广安区人民政府办公室.
    #[serde(default)]
    pub source: String,
    /// 作者 / 责任编辑.
    #[serde(default)]
    pub author: String,
    /// Tags, separated by commas or spaces.
    #[serde(default)]
    pub tags: String,
    /// 索引号 (policy documents).
    #[serde(default)]
    pub index_no: String,
    /// 文号, e.g. 广安府发〔2026〕3号 (policy documents; optional).
    #[serde(default)]
    pub doc_no: String,
    /// 发布机构 (policy documents).
    #[serde(default)]
    pub issuer: String,
    /// 成文日期 (policy documents), YYYY-MM-DD.
    #[serde(default)]
    pub issued_on: String,
    /// 生效日期 (policy documents; optional).
    #[serde(default)]
    pub effective_on: String,
    /// 有效性 (policy documents).
    #[serde(default)]
    pub validity: String,
    /// The index number of the document that replaces this one (when repealed).
    #[serde(default)]
    pub replaced_by: String,
    /// 主题分类 of the disclosure catalogue (policy documents).
    #[serde(default)]
    pub category: String,
    /// Which of the five publicities (policy documents).
    #[serde(default)]
    pub publicity: String,
    /// The index numbers of the policy documents this one explains (a 解读), separated by
    /// spaces, commas or lines.
    #[serde(default)]
    pub interprets: String,
    /// The service items a policy document governs: their guide addresses (`…/items/{id}`)
    /// or ids, one per line.
    #[serde(default)]
    pub items: String,
}

/// A policy document's metadata, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyMeta {
    /// 索引号.
    pub index_no: String,
    /// 文号.
    pub doc_no: String,
    /// 发布机构.
    pub issuer: String,
    /// 成文日期.
    pub issued_on: Date,
    /// 生效日期.
    pub effective_on: Option<Date>,
    /// 有效性.
    pub validity: Validity,
    /// The replacing document's index number.
    pub replaced_by: String,
    /// 主题分类.
    pub category: DisclosureCategory,
    /// 五公开.
    pub publicity: Publicity,
}

/// A document's words, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    /// 标题.
    pub title: String,
    /// 摘要.
    pub summary: String,
    /// Markdown body.
    pub body: String,
    /// 来源.
    pub source: String,
    /// 作者.
    pub author: String,
    /// Tags, each 1–16 characters, at most 8, no repeats.
    pub tags: Vec<String>,
    /// Present for policy documents.
    pub policy: Option<PolicyMeta>,
    /// Index numbers of the policy documents it explains.
    pub interprets: Vec<String>,
    /// The service items it governs.
    pub items: Vec<crate::ids::ItemId>,
}

fn text(e: &mut FieldErrors, field: &'static str, v: &str, min: usize, max: usize) -> String {
    e.check(field, crate::account::check_plain_text(v, min, max))
        .unwrap_or_default()
}

/// Checks an index number: 1–50 characters of letters, digits, `-`, `/` and `_`
/// (e.g. `11511602MB0T12345X/2026-00012`).
pub fn check_index_no(v: &str) -> Result<String, FieldCode> {
    let v = v.trim();
    if v.is_empty() {
        return Err(FieldCode::Required);
    }
    if v.chars().count() > 50 {
        return Err(FieldCode::TooLong);
    }
    if !v
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '_'))
    {
        return Err(FieldCode::InvalidCharacters);
    }
    Ok(v.to_owned())
}

fn date(e: &mut FieldErrors, field: &'static str, v: &str, required: bool) -> Option<Date> {
    let v = v.trim();
    if v.is_empty() {
        if required {
            e.add(field, FieldCode::Required);
        }
        return None;
    }
    match crate::deadline::parse_date(v) {
        Some(d) => Some(d),
        None => {
            e.add(field, FieldCode::InvalidDate);
            None
        }
    }
}

fn choice<T>(
    e: &mut FieldErrors,
    field: &'static str,
    v: &str,
    parse: fn(&str) -> Option<T>,
) -> Option<T> {
    let v = v.trim();
    if v.is_empty() {
        e.add(field, FieldCode::Required);
        return None;
    }
    let found = parse(v);
    if found.is_none() {
        e.add(field, FieldCode::InvalidChoice);
    }
    found
}

impl DocInput {
    /// Checks every field at once; a policy document also needs its metadata.
    pub fn check(&self, kind: DocKind) -> Result<Doc, FieldErrors> {
        let mut e = FieldErrors::new();
        let title = text(&mut e, "title", &self.title, 2, 80);
        let summary = text(&mut e, "summary", &self.summary, 0, 200);
        let body = e
            .check(
                "body",
                crate::workflow::clean_text(&self.body, 1, MAX_BODY, true),
            )
            .unwrap_or_default();
        let source = text(&mut e, "source", &self.source, 0, 60);
        let author = text(&mut e, "author", &self.author, 0, 40);
        let mut tags: Vec<String> = Vec::new();
        for t in self
            .tags
            .split(|c: char| c == ',' || c == '，' || c == '、' || c.is_whitespace())
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            if t.chars().count() > 16 {
                e.add("tags", FieldCode::TooLong);
                break;
            }
            if !tags.iter().any(|x| x == t) {
                tags.push(t.to_owned());
            }
        }
        if tags.len() > 8 {
            e.add("tags", FieldCode::TooMany);
        }
        let policy = match kind {
            DocKind::Article => None,
            DocKind::Policy => {
                let index_no = e.check("index_no", check_index_no(&self.index_no));
                let doc_no = text(&mut e, "doc_no", &self.doc_no, 0, 60);
                let issuer = text(&mut e, "issuer", &self.issuer, 2, 60);
                let issued_on = date(&mut e, "issued_on", &self.issued_on, true);
                let effective_on = date(&mut e, "effective_on", &self.effective_on, false);
                let validity = choice(&mut e, "validity", &self.validity, Validity::parse);
                let replaced_by = if self.replaced_by.trim().is_empty() {
                    String::new()
                } else {
                    e.check("replaced_by", check_index_no(&self.replaced_by))
                        .unwrap_or_default()
                };
                if let (Some(a), Some(b)) = (issued_on, effective_on)
                    && b < a
                {
                    e.add("effective_on", FieldCode::OutOfRange);
                }
                if !replaced_by.is_empty() && index_no.as_deref() == Some(replaced_by.as_str()) {
                    e.add("replaced_by", FieldCode::SelfReference);
                }
                let category = choice(
                    &mut e,
                    "category",
                    &self.category,
                    DisclosureCategory::parse,
                );
                let publicity = choice(&mut e, "publicity", &self.publicity, Publicity::parse);
                match (index_no, issued_on, validity, category, publicity) {
                    (
                        Some(index_no),
                        Some(issued_on),
                        Some(validity),
                        Some(category),
                        Some(publicity),
                    ) => Some(PolicyMeta {
                        index_no,
                        doc_no,
                        issuer,
                        issued_on,
                        effective_on,
                        validity,
                        replaced_by,
                        category,
                        publicity,
                    }),
                    _ => None,
                }
            }
        };
        let mut interprets: Vec<String> = Vec::new();
        for n in split_list(&self.interprets) {
            match check_index_no(n) {
                Ok(n) if !interprets.contains(&n) => interprets.push(n),
                Ok(_) => {}
                Err(c) => {
                    e.add("interprets", c);
                    break;
                }
            }
        }
        let mut items: Vec<crate::ids::ItemId> = Vec::new();
        for v in split_list(&self.items) {
            let id = v.trim_end_matches('/').rsplit('/').next().unwrap_or(v);
            match id.parse::<crate::ids::ItemId>() {
                Ok(i) if !items.contains(&i) => items.push(i),
                Ok(_) => {}
                Err(_) => {
                    e.add("items", FieldCode::UnknownItem);
                    break;
                }
            }
        }
        if interprets.len() > 10 {
            e.add("interprets", FieldCode::TooMany);
        }
        if items.len() > 50 {
            e.add("items", FieldCode::TooMany);
        }
        if !e.is_empty() {
            return Err(e);
        }
        Ok(Doc {
            interprets,
            items,
            title,
            summary,
            body,
            source,
            author,
            tags,
            policy,
        })
    }
}

/// The entries of a list field: separated by spaces, commas (also full-width) or lines.
fn split_list(v: &str) -> impl Iterator<Item = &str> {
    v.split(|c: char| c == ',' || c == '，' || c == '、' || c.is_whitespace())
        .map(str::trim)
        .filter(|x| !x.is_empty())
}

/// A step of the editorial workflow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Send the draft to review.
    Submit,
    /// Approve: publish now (`None`) or at a time.
    Approve(Option<Timestamp>),
    /// Back to the editor with a comment.
    SendBack(String),
    /// Take a scheduled document back to draft.
    Unschedule,
    /// The platform publishes a scheduled document whose time has come.
    PublishDue,
    /// Take a published document down, with the reason shown on its page.
    Withdraw(String),
    /// Pick a published document for today's digest (每日10条), or take the pick back.
    Pick(bool),
}

/// Who takes a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Who {
    /// May write documents in this column and region.
    pub writes: bool,
    /// May review (approve, send back, withdraw, correct).
    pub reviews: bool,
    /// Wrote the document (its latest revision).
    pub is_author: bool,
    /// The platform itself (the scheduled publisher).
    pub system: bool,
}

/// Why a step is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The caller may not take this step.
    NotAllowed,
    /// A reviewer cannot approve their own document (four eyes).
    OwnDocument,
    /// The document is not in a state this step applies to.
    WrongState,
    /// A field of the step is wrong (the comment or reason missing, a time in the past).
    Field(&'static str, FieldCode),
}

/// Longest comment or reason.
pub const MAX_NOTE: usize = 500;

fn note(v: &str, field: &'static str) -> Result<(), Refusal> {
    crate::workflow::clean_text(v, 2, MAX_NOTE, true)
        .map(|_| ())
        .map_err(|c| Refusal::Field(field, c))
}

/// The state a step leads to, or why it cannot be taken, at `now`.
pub fn decide(state: DocState, step: &Step, who: Who, now: Timestamp) -> Result<DocState, Refusal> {
    use DocState as S;
    let state_is = |s: S| {
        if state == s {
            Ok(())
        } else {
            Err(Refusal::WrongState)
        }
    };
    match step {
        Step::Submit => {
            if !who.writes {
                return Err(Refusal::NotAllowed);
            }
            state_is(S::Draft)?;
            Ok(S::InReview)
        }
        Step::Approve(at) => {
            if !who.reviews {
                return Err(Refusal::NotAllowed);
            }
            state_is(S::InReview)?;
            if who.is_author {
                return Err(Refusal::OwnDocument);
            }
            match at {
                Some(t) if *t <= now => Err(Refusal::Field("publish_at", FieldCode::DateInPast)),
                Some(_) => Ok(S::Scheduled),
                None => Ok(S::Published),
            }
        }
        Step::SendBack(comment) => {
            if !who.reviews {
                return Err(Refusal::NotAllowed);
            }
            state_is(S::InReview)?;
            note(comment, "comment")?;
            Ok(S::Draft)
        }
        Step::Unschedule => {
            if !who.reviews {
                return Err(Refusal::NotAllowed);
            }
            state_is(S::Scheduled)?;
            Ok(S::Draft)
        }
        Step::PublishDue => {
            if !who.system {
                return Err(Refusal::NotAllowed);
            }
            state_is(S::Scheduled)?;
            Ok(S::Published)
        }
        Step::Withdraw(reason) => {
            if !who.reviews {
                return Err(Refusal::NotAllowed);
            }
            state_is(S::Published)?;
            note(reason, "reason")?;
            Ok(S::Withdrawn)
        }
        Step::Pick(_) => {
            if !who.reviews {
                return Err(Refusal::NotAllowed);
            }
            state_is(S::Published)?;
            Ok(S::Published)
        }
    }
}

/// Whether the document's words may be edited now: drafts by writers; a published document
/// only as a correction, by a reviewer, with a note saying what was corrected.
pub fn may_edit(state: DocState, who: Who) -> bool {
    match state {
        DocState::Draft => who.writes,
        DocState::Published => who.reviews,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Timestamp = Timestamp(1_800_000_000_000);
    const EDITOR: Who = Who {
        writes: true,
        reviews: false,
        is_author: true,
        system: false,
    };
    const REVIEWER: Who = Who {
        writes: true,
        reviews: true,
        is_author: false,
        system: false,
    };
    const SYSTEM: Who = Who {
        writes: false,
        reviews: false,
        is_author: false,
        system: true,
    };

    #[test]
    fn a_draft_goes_through_review_to_publication_now_or_at_its_time() {
        use DocState as S;
        assert_eq!(
            decide(S::Draft, &Step::Submit, EDITOR, NOW),
            Ok(S::InReview)
        );
        assert_eq!(
            decide(S::InReview, &Step::Approve(None), REVIEWER, NOW),
            Ok(S::Published)
        );
        let later = Some(Timestamp(NOW.0 + 3_600_000));
        assert_eq!(
            decide(S::InReview, &Step::Approve(later), REVIEWER, NOW),
            Ok(S::Scheduled)
        );
        assert_eq!(
            decide(S::Scheduled, &Step::PublishDue, SYSTEM, NOW),
            Ok(S::Published)
        );
        assert_eq!(
            decide(S::Scheduled, &Step::Unschedule, REVIEWER, NOW),
            Ok(S::Draft)
        );
        assert_eq!(
            decide(
                S::InReview,
                &Step::SendBack("第三段数字有误".into()),
                REVIEWER,
                NOW
            ),
            Ok(S::Draft)
        );
        assert_eq!(
            decide(
                S::Published,
                &Step::Withdraw("政策已调整".into()),
                REVIEWER,
                NOW
            ),
            Ok(S::Withdrawn)
        );
    }

    #[test]
    fn refusals_say_why() {
        use DocState as S;
        assert_eq!(
            decide(S::InReview, &Step::Approve(None), EDITOR, NOW),
            Err(Refusal::NotAllowed)
        );
        let own = Who {
            is_author: true,
            ..REVIEWER
        };
        assert_eq!(
            decide(S::InReview, &Step::Approve(None), own, NOW),
            Err(Refusal::OwnDocument)
        );
        assert_eq!(
            decide(
                S::InReview,
                &Step::Approve(Some(Timestamp(NOW.0 - 1))),
                REVIEWER,
                NOW
            ),
            Err(Refusal::Field("publish_at", FieldCode::DateInPast))
        );
        assert_eq!(
            decide(S::InReview, &Step::SendBack(" ".into()), REVIEWER, NOW),
            Err(Refusal::Field("comment", FieldCode::Required))
        );
        assert_eq!(
            decide(S::Published, &Step::Withdraw(String::new()), REVIEWER, NOW),
            Err(Refusal::Field("reason", FieldCode::Required))
        );
        assert_eq!(
            decide(S::Published, &Step::Submit, EDITOR, NOW),
            Err(Refusal::WrongState)
        );
        assert_eq!(
            decide(S::Draft, &Step::PublishDue, SYSTEM, NOW),
            Err(Refusal::WrongState)
        );
        assert_eq!(
            decide(S::Scheduled, &Step::PublishDue, REVIEWER, NOW),
            Err(Refusal::NotAllowed)
        );
        assert!(may_edit(S::Draft, EDITOR) && !may_edit(S::InReview, REVIEWER));
        assert!(may_edit(S::Published, REVIEWER) && !may_edit(S::Published, EDITOR));
    }

    fn policy() -> DocInput {
        DocInput {
            title: "广安区城乡居民最低生活保障实施办法".into(),
            body: "第一条 为了……".into(),
            index_no: "11511602MB0T12345X/2026-00012".into(),
            doc_no: "广安区府发〔2026〕3号".into(),
            issuer: "广安区人民政府".into(),
            issued_on: "2026-03-01".into(),
            effective_on: "2026-04-01".into(),
            validity: "valid".into(),
            category: "regulations".into(),
            publicity: "decision".into(),
            tags: "低保, 社会救助 低保".into(),
            ..DocInput::default()
        }
    }

    #[test]
    fn a_policy_document_needs_its_index_number_issuer_dates_and_classification() {
        let doc = policy().check(DocKind::Policy).unwrap();
        let meta = doc.policy.unwrap();
        assert_eq!(meta.index_no, "11511602MB0T12345X/2026-00012");
        assert_eq!(doc.tags, vec!["低保", "社会救助"]);
        let err = DocInput {
            index_no: String::new(),
            issued_on: "2026-13-01".into(),
            effective_on: String::new(),
            validity: "maybe".into(),
            category: String::new(),
            ..policy()
        }
        .check(DocKind::Policy)
        .unwrap_err();
        for f in ["index_no", "issued_on", "validity", "category"] {
            assert!(err.get(f).is_some(), "{f}: {err:?}");
        }
        let err = DocInput {
            effective_on: "2026-02-01".into(),
            replaced_by: "11511602MB0T12345X/2026-00012".into(),
            ..policy()
        }
        .check(DocKind::Policy)
        .unwrap_err();
        assert!(err.get("effective_on").is_some() && err.get("replaced_by").is_some());
        // An article needs none of it.
        let article = DocInput {
            title: "区政务服务中心周六照常办公".into(),
            body: "本周六上午9点至下午5点".into(),
            ..DocInput::default()
        };
        assert!(article.check(DocKind::Article).unwrap().policy.is_none());
        assert!(check_index_no("abc 123").is_err() && check_index_no(&"1".repeat(51)).is_err());
    }

    #[test]
    fn links_are_read_from_index_numbers_and_guide_addresses() {
        let id = crate::ids::ItemId::generate();
        let doc = DocInput {
            title: "一图读懂低保".into(),
            body: "……".into(),
            interprets: "11511602MB0T12345X/2026-00012，11511602MB0T12345X/2026-00012".into(),
            items: format!("https://gov.example/items/{id}\n{id}"),
            ..DocInput::default()
        }
        .check(DocKind::Article)
        .unwrap();
        assert_eq!(doc.interprets, vec!["11511602MB0T12345X/2026-00012"]);
        assert_eq!(doc.items, vec![id]);
        let err = DocInput {
            title: "一图读懂低保".into(),
            body: "……".into(),
            interprets: "不是索引号".into(),
            items: "https://gov.example/items/not-an-id".into(),
            ..DocInput::default()
        }
        .check(DocKind::Article)
        .unwrap_err();
        assert!(err.get("interprets").is_some() && err.get("items").is_some());
    }
}

/// A column as an admin types it (PUB-1): columns nest one level.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ColumnInput {
    /// Its code, also its address: 2–32 of a–z, 0–9 and `-` (new columns only).
    #[serde(default)]
    pub code: String,
    /// A top-level column to nest it in, or empty.
    #[serde(default)]
    pub parent: String,
    /// `article` or `policy`.
    #[serde(default)]
    pub kind: String,
    /// 中文名称.
    #[serde(default)]
    pub name_zh: String,
    /// English name.
    #[serde(default)]
    pub name_en: String,
    /// Where it comes in lists (0–9999, smaller first).
    #[serde(default)]
    pub position: String,
    /// `1` when the home page shows its latest.
    #[serde(default)]
    pub on_home: String,
}

/// A checked column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Code.
    pub code: String,
    /// Parent code.
    pub parent: Option<String>,
    /// Kind.
    pub kind: DocKind,
    /// 中文名称.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Position.
    pub position: i64,
    /// On the home page.
    pub on_home: bool,
}

/// An existing column, as far as the rules need it: its code and its parent.
pub type ColumnPlace<'a> = (&'a str, Option<&'a str>);

impl ColumnInput {
    /// Checks the column against the existing ones; `editing` is the code of the column being
    /// changed (its code stays).
    pub fn check(
        &self,
        existing: &[ColumnPlace<'_>],
        editing: Option<&str>,
    ) -> Result<Column, FieldErrors> {
        let mut e = FieldErrors::new();
        let code = match editing {
            Some(c) => c.to_owned(),
            None => {
                let c = self.code.trim().to_ascii_lowercase();
                if c.is_empty() {
                    e.add("code", FieldCode::Required);
                } else if !(2..=32).contains(&c.len())
                    || !c
                        .chars()
                        .all(|x| x.is_ascii_lowercase() || x.is_ascii_digit() || x == '-')
                    || c.starts_with('-')
                {
                    e.add("code", FieldCode::InvalidKey);
                } else if existing.iter().any(|(x, _)| *x == c) {
                    e.add("code", FieldCode::CodeTaken);
                }
                c
            }
        };
        let parent = match self.parent.trim() {
            "" => None,
            p => {
                let top = existing.iter().any(|(x, up)| *x == p && up.is_none());
                let has_children = existing.iter().any(|(_, up)| *up == Some(code.as_str()));
                if !top || p == code {
                    e.add("parent", FieldCode::InvalidChoice);
                } else if has_children {
                    // Nested one level: a column with columns in it stays at the top.
                    e.add("parent", FieldCode::NestedTooDeep);
                }
                Some(p.to_owned())
            }
        };
        let kind = DocKind::parse(self.kind.trim());
        if kind.is_none() {
            e.add("kind", FieldCode::InvalidChoice);
        }
        let name_zh = e.check(
            "name_zh",
            crate::account::check_plain_text(&self.name_zh, 2, 20),
        );
        let name_en = e.check(
            "name_en",
            crate::account::check_plain_text(&self.name_en, 2, 40),
        );
        let position = match self.position.trim() {
            "" => Some(100),
            p => match p.parse::<i64>() {
                Ok(n) if (0..=9999).contains(&n) => Some(n),
                _ => {
                    e.add("position", FieldCode::OutOfRange);
                    None
                }
            },
        };
        match (kind, name_zh, name_en, position) {
            (Some(kind), Some(name_zh), Some(name_en), Some(position)) if e.is_empty() => {
                Ok(Column {
                    code,
                    parent,
                    kind,
                    name_zh,
                    name_en,
                    position,
                    on_home: self.on_home == "1",
                })
            }
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod column_tests {
    use super::*;

    fn input(code: &str, parent: &str) -> ColumnInput {
        ColumnInput {
            code: code.into(),
            parent: parent.into(),
            kind: "article".into(),
            name_zh: "乡镇动态".into(),
            name_en: "Township news".into(),
            position: "50".into(),
            on_home: String::new(),
        }
    }

    #[test]
    fn columns_nest_one_level_with_codes_of_their_own() {
        let existing = [("news", None), ("local", None), ("towns", Some("local"))];
        let c = input("villages", "local").check(&existing, None).unwrap();
        assert_eq!((c.parent.as_deref(), c.position), (Some("local"), 50));
        assert_eq!(
            input("news", "")
                .check(&existing, None)
                .unwrap_err()
                .get("code"),
            Some(FieldCode::CodeTaken)
        );
        assert_eq!(
            input("Bad Code", "")
                .check(&existing, None)
                .unwrap_err()
                .get("code"),
            Some(FieldCode::InvalidKey)
        );
        // Not under a nested column, not under itself, and a column with columns stays at the top.
        assert!(input("x1", "towns").check(&existing, None).is_err());
        assert!(input("", "local").check(&existing, Some("local")).is_err());
        assert_eq!(
            input("", "news")
                .check(&existing, Some("local"))
                .unwrap_err()
                .get("parent"),
            Some(FieldCode::NestedTooDeep)
        );
        let mut bad = input("x2", "");
        bad.position = "-1".into();
        bad.name_zh = "x".into();
        let e = bad.check(&existing, None).unwrap_err();
        assert_eq!(e.get("position"), Some(FieldCode::OutOfRange));
        assert!(e.get("name_zh").is_some());
    }
}
