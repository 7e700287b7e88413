//! Government information's rows (PUB-1…3): columns, documents (articles and policy
//! documents), their revisions, workflow history and pictures.

use time::Date;
use yiwang_domain::Timestamp;
use yiwang_domain::deadline::parse_date;
use yiwang_domain::ids::{AccountId, DepartmentId, DocId, DocImageId};
use yiwang_domain::paging::Page;
use yiwang_domain::publishing::{
    DisclosureCategory, Doc, DocKind, DocState, PolicyMeta, Publicity, Validity,
};

use crate::row::RowExt;
use crate::{Error, Result, Store, Tx};

/// A column as stored: the domain's checked column.
pub use yiwang_domain::publishing::Column as ColumnRow;

/// A document as stored.
#[derive(Debug, Clone)]
pub struct DocRow {
    /// Its id.
    pub id: DocId,
    /// Article or policy document.
    pub kind: DocKind,
    /// Its column.
    pub column: String,
    /// The region it is about (its editors' region).
    pub region_code: String,
    /// The department it comes from, if any.
    pub department_id: Option<DepartmentId>,
    /// Where it stands.
    pub state: DocState,
    /// The words and metadata.
    pub doc: Doc,
    /// The body rendered from Markdown and sanitised.
    pub body_html: String,
    /// When it is to be published (scheduled).
    pub publish_at: Option<Timestamp>,
    /// When it was first published.
    pub published_at: Option<Timestamp>,
    /// When it was last corrected, and what was corrected.
    pub corrected_at: Option<Timestamp>,
    /// The correction's note.
    pub correction_note: String,
    /// When and why it was withdrawn.
    pub withdrawn_at: Option<Timestamp>,
    /// The reason shown on its page.
    pub withdrawn_reason: String,
    /// The reviewer's last comment when sending it back.
    pub review_comment: String,
    /// When an editor picked it for the daily digest, if they did.
    pub picked_at: Option<Timestamp>,
    /// Who created it.
    pub created_by: AccountId,
    /// Who last changed its words.
    pub last_edited_by: AccountId,
    /// Grows with every change.
    pub revision: i64,
    /// When it was created.
    pub created_at: Timestamp,
    /// When it last changed.
    pub updated_at: Timestamp,
}

/// One saved version of a document's words.
#[derive(Debug, Clone)]
pub struct RevisionRow {
    /// Its number.
    pub revision: i64,
    /// The title then.
    pub title: String,
    /// The summary then.
    pub summary: String,
    /// The Markdown body then.
    pub body: String,
    /// What the editor said about the change (a correction's note).
    pub note: String,
    /// Whether it corrected a published document.
    pub correction: bool,
    /// Who saved it.
    pub by: AccountId,
    /// When.
    pub at: Timestamp,
}

/// One step of a document's workflow history.
#[derive(Debug, Clone)]
pub struct DocEventRow {
    /// The step's stable name (`submit`, `approve`, `schedule`, `send_back`, `publish`,
    /// `unschedule`, `withdraw`, `correct`, `create`, `save`).
    pub step: String,
    /// The comment or reason.
    pub note: String,
    /// Who (none: the platform).
    pub by: Option<AccountId>,
    /// When.
    pub at: Timestamp,
}

/// A picture for documents.
#[derive(Debug, Clone)]
pub struct ImageRow {
    /// Its id (its address: `/news/images/{id}`).
    pub id: DocImageId,
    /// The file store's key.
    pub file_key: String,
    /// Its content type.
    pub content_type: String,
    /// What it shows.
    pub alt: String,
}

const COLUMNS: &str = "id, kind, column_code, region_code, department_id, state, title, summary, body_md, body_html, source, author, tags, index_no, doc_no, issuer, issued_on, effective_on, validity, replaced_by, category, publicity, publish_at, published_at, corrected_at, correction_note, withdrawn_at, withdrawn_reason, review_comment, picked_at, created_by, last_edited_by, revision, created_at, updated_at";

fn corrupt(what: &str) -> Error {
    Error::Corrupt(format!("docs: {what}"))
}

fn read(r: &sqlx::any::AnyRow) -> Result<DocRow> {
    let kind = DocKind::parse(&r.text("kind")?).ok_or_else(|| corrupt("kind"))?;
    let date =
        |c: &str| -> Result<Option<Date>> { Ok(r.opt_text(c)?.as_deref().and_then(parse_date)) };
    let policy = match kind {
        DocKind::Article => None,
        DocKind::Policy => Some(PolicyMeta {
            index_no: r.opt_text("index_no")?.unwrap_or_default(),
            doc_no: r.text("doc_no")?,
            issuer: r.text("issuer")?,
            issued_on: date("issued_on")?.ok_or_else(|| corrupt("issued_on"))?,
            effective_on: date("effective_on")?,
            validity: r
                .opt_text("validity")?
                .as_deref()
                .and_then(Validity::parse)
                .ok_or_else(|| corrupt("validity"))?,
            replaced_by: r.text("replaced_by")?,
            category: r
                .opt_text("category")?
                .as_deref()
                .and_then(DisclosureCategory::parse)
                .ok_or_else(|| corrupt("category"))?,
            publicity: r
                .opt_text("publicity")?
                .as_deref()
                .and_then(Publicity::parse)
                .ok_or_else(|| corrupt("publicity"))?,
        }),
    };
    let tags = r.text("tags")?;
    Ok(DocRow {
        id: r.parsed("id")?,
        kind,
        column: r.text("column_code")?,
        region_code: r.text("region_code")?,
        department_id: r.opt_parsed("department_id")?,
        state: DocState::parse(&r.text("state")?).ok_or_else(|| corrupt("state"))?,
        doc: Doc {
            title: r.text("title")?,
            summary: r.text("summary")?,
            body: r.text("body_md")?,
            source: r.text("source")?,
            author: r.text("author")?,
            tags: tags
                .split('\n')
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
            policy,
            interprets: Vec::new(),
            items: Vec::new(),
        },
        body_html: r.text("body_html")?,
        publish_at: r.opt_int("publish_at")?.map(Timestamp),
        published_at: r.opt_int("published_at")?.map(Timestamp),
        corrected_at: r.opt_int("corrected_at")?.map(Timestamp),
        correction_note: r.text("correction_note")?,
        withdrawn_at: r.opt_int("withdrawn_at")?.map(Timestamp),
        withdrawn_reason: r.text("withdrawn_reason")?,
        review_comment: r.text("review_comment")?,
        picked_at: r.opt_int("picked_at")?.map(Timestamp),
        created_by: r.parsed("created_by")?,
        last_edited_by: r.parsed("last_edited_by")?,
        revision: r.int("revision")?,
        created_at: Timestamp(r.int("created_at")?),
        updated_at: Timestamp(r.int("updated_at")?),
    })
}

fn read_column(r: &sqlx::any::AnyRow) -> Result<ColumnRow> {
    Ok(ColumnRow {
        code: r.text("code")?,
        parent: r.opt_text("parent")?,
        kind: DocKind::parse(&r.text("kind")?).ok_or_else(|| corrupt("column kind"))?,
        name_zh: r.text("name_zh")?,
        name_en: r.text("name_en")?,
        position: r.int("position")?,
        on_home: r.int("on_home")? != 0,
    })
}

/// A new document.
pub struct NewDoc<'a> {
    /// Its kind (the column's).
    pub kind: DocKind,
    /// Its column.
    pub column: &'a str,
    /// Its region.
    pub region_code: &'a str,
    /// Its department.
    pub department_id: Option<DepartmentId>,
    /// The checked words.
    pub doc: &'a Doc,
    /// The rendered body.
    pub body_html: &'a str,
    /// Who writes it.
    pub by: AccountId,
}

/// What a published list shows.
#[derive(Debug, Clone, Copy, Default)]
pub struct Listing<'a> {
    /// One column (and the columns nested in it); `None`: every column of `kind`.
    pub column: Option<&'a str>,
    /// One kind.
    pub kind: Option<DocKind>,
    /// One disclosure category.
    pub category: Option<DisclosureCategory>,
    /// Under one region (prefix of the code).
    pub region: Option<&'a str>,
    /// One of the five publicities.
    pub publicity: Option<Publicity>,
    /// One validity.
    pub validity: Option<Validity>,
    /// Issued in one year.
    pub year: Option<i32>,
    /// Without the bodies (Markdown and HTML): lists show titles and summaries only.
    pub without_bodies: bool,
}

/// The condition of a public listing without its column, and the values it binds (`$1`…).
/// It always names `state IN ('published', 'withdrawn')`, the condition of the partial
/// indexes public lists read (migration 17).
fn listing_filter(l: &Listing<'_>, with_withdrawn: bool) -> (String, Vec<String>) {
    let mut filter = String::from("state IN ('published', 'withdrawn')");
    if !with_withdrawn {
        filter.push_str(" AND state = 'published'");
    }
    let mut values: Vec<String> = Vec::new();
    let mut add = |sql: &str, v: String| {
        values.push(v);
        filter.push_str(&sql.replace('?', &format!("${}", values.len())));
    };
    if let Some(k) = l.kind {
        add(" AND kind = ?", k.as_str().to_owned());
    }
    if let Some(c) = l.category {
        add(" AND category = ?", c.as_str().to_owned());
    }
    if let Some(r) = l.region {
        add(" AND region_code LIKE ?", format!("{r}%"));
    }
    if let Some(p) = l.publicity {
        add(" AND publicity = ?", p.as_str().to_owned());
    }
    if let Some(v) = l.validity {
        add(" AND validity = ?", v.as_str().to_owned());
    }
    if let Some(y) = l.year {
        add(" AND issued_on LIKE ?", format!("{y:04}-%"));
    }
    (filter, values)
}

impl Store {
    /// Every column, in order.
    pub async fn doc_columns(&self) -> Result<Vec<ColumnRow>> {
        sqlx::query("SELECT code, parent, kind, name_zh, name_en, position, on_home FROM doc_columns ORDER BY position, code")
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(read_column)
            .collect()
    }

    /// Adds a column or changes one (its code stays); checked by the caller (a new code is
    /// free, the parent a top-level column).
    pub async fn put_doc_column(&self, tx: &mut Tx, c: &ColumnRow) -> Result<()> {
        sqlx::query("INSERT INTO doc_columns (code, parent, kind, name_zh, name_en, position, on_home, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (code) DO UPDATE SET parent = excluded.parent, kind = excluded.kind, name_zh = excluded.name_zh, name_en = excluded.name_en, position = excluded.position, on_home = excluded.on_home")
            .bind(c.code.clone())
            .bind(c.parent.clone())
            .bind(c.kind.as_str())
            .bind(c.name_zh.clone())
            .bind(c.name_en.clone())
            .bind(c.position)
            .bind(i64::from(c.on_home))
            .bind(Timestamp::now().millis())
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Whether another document already has this index number.
    pub async fn index_no_taken(&self, index_no: &str, except: Option<DocId>) -> Result<bool> {
        let n = sqlx::query("SELECT COUNT(*) AS n FROM docs WHERE index_no = $1 AND id <> $2")
            .bind(index_no.to_owned())
            .bind(except.map(|d| d.to_string()).unwrap_or_default())
            .fetch_one(self.db.reader())
            .await?
            .int("n")?;
        Ok(n > 0)
    }

    /// Stores a new draft with its first revision.
    pub async fn create_doc(&self, tx: &mut Tx, new: &NewDoc<'_>) -> Result<DocId> {
        let id = DocId::generate();
        let now = Timestamp::now().millis();
        let p = new.doc.policy.as_ref();
        let sql = format!(
            "INSERT INTO docs ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, NULL, NULL, NULL, '', NULL, '', '', NULL, $22, $22, 1, $23, $23)"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id.to_string())
            .bind(new.kind.as_str())
            .bind(new.column.to_owned())
            .bind(new.region_code.to_owned())
            .bind(new.department_id.map(|d| d.to_string()))
            .bind(new.doc.title.clone())
            .bind(new.doc.summary.clone())
            .bind(new.doc.body.clone())
            .bind(new.body_html.to_owned())
            .bind(new.doc.source.clone())
            .bind(new.doc.author.clone())
            .bind(new.doc.tags.join("\n"))
            .bind(p.map(|p| p.index_no.clone()))
            .bind(p.map(|p| p.doc_no.clone()).unwrap_or_default())
            .bind(p.map(|p| p.issuer.clone()).unwrap_or_default())
            .bind(p.map(|p| p.issued_on.to_string()))
            .bind(p.and_then(|p| p.effective_on).map(|d| d.to_string()))
            .bind(p.map(|p| p.validity.as_str()))
            .bind(p.map(|p| p.replaced_by.clone()).unwrap_or_default())
            .bind(p.map(|p| p.category.as_str()))
            .bind(p.map(|p| p.publicity.as_str()))
            .bind(new.by.to_string())
            .bind(now)
            .execute(&mut **tx)
            .await?;
        self.add_doc_revision(tx, id, 1, new.doc, "", false, new.by)
            .await?;
        self.set_doc_links(tx, id, new.doc).await?;
        self.add_doc_event(tx, id, "create", "", Some(new.by))
            .await?;
        Ok(id)
    }

    #[allow(clippy::too_many_arguments)]
    async fn add_doc_revision(
        &self,
        tx: &mut Tx,
        id: DocId,
        revision: i64,
        doc: &Doc,
        note: &str,
        correction: bool,
        by: AccountId,
    ) -> Result<()> {
        sqlx::query("INSERT INTO doc_revisions (doc_id, revision, title, summary, body_md, note, correction, by_account, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            .bind(id.to_string())
            .bind(revision)
            .bind(doc.title.clone())
            .bind(doc.summary.clone())
            .bind(doc.body.clone())
            .bind(note.to_owned())
            .bind(i64::from(correction))
            .bind(by.to_string())
            .bind(Timestamp::now().millis())
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Records a workflow step.
    pub async fn add_doc_event(
        &self,
        tx: &mut Tx,
        id: DocId,
        step: &str,
        note: &str,
        by: Option<AccountId>,
    ) -> Result<()> {
        sqlx::query("INSERT INTO doc_events (id, doc_id, step, note, by_account, at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(yiwang_domain::ids::JobId::generate().to_string())
            .bind(id.to_string())
            .bind(step.to_owned())
            .bind(note.to_owned())
            .bind(by.map(|a| a.to_string()))
            .bind(Timestamp::now().millis())
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Saves new words if nobody changed the document since `revision`; `false` when someone
    /// did. A correction of a published document is marked with its note.
    #[allow(clippy::too_many_arguments)]
    pub async fn save_doc_words(
        &self,
        tx: &mut Tx,
        id: DocId,
        revision: i64,
        doc: &Doc,
        body_html: &str,
        correction: Option<&str>,
        by: AccountId,
    ) -> Result<bool> {
        let now = Timestamp::now().millis();
        let p = doc.policy.as_ref();
        let done = sqlx::query(
            "UPDATE docs SET title = $3, summary = $4, body_md = $5, body_html = $6, source = $7, author = $8, tags = $9, index_no = $10, doc_no = $11, issuer = $12, issued_on = $13, effective_on = $14, validity = $15, replaced_by = $16, category = $17, publicity = $18, last_edited_by = $19, corrected_at = CASE WHEN $20 = 1 THEN $21 ELSE corrected_at END, correction_note = CASE WHEN $20 = 1 THEN $22 ELSE correction_note END, revision = revision + 1, updated_at = $21 WHERE id = $1 AND revision = $2",
        )
        .bind(id.to_string())
        .bind(revision)
        .bind(doc.title.clone())
        .bind(doc.summary.clone())
        .bind(doc.body.clone())
        .bind(body_html.to_owned())
        .bind(doc.source.clone())
        .bind(doc.author.clone())
        .bind(doc.tags.join("\n"))
        .bind(p.map(|p| p.index_no.clone()))
        .bind(p.map(|p| p.doc_no.clone()).unwrap_or_default())
        .bind(p.map(|p| p.issuer.clone()).unwrap_or_default())
        .bind(p.map(|p| p.issued_on.to_string()))
        .bind(p.and_then(|p| p.effective_on).map(|d| d.to_string()))
        .bind(p.map(|p| p.validity.as_str()))
        .bind(p.map(|p| p.replaced_by.clone()).unwrap_or_default())
        .bind(p.map(|p| p.category.as_str()))
        .bind(p.map(|p| p.publicity.as_str()))
        .bind(by.to_string())
        .bind(i64::from(correction.is_some()))
        .bind(now)
        .bind(correction.unwrap_or_default().to_owned())
        .execute(&mut **tx)
        .await?
        .rows_affected()
            == 1;
        if done {
            self.set_doc_links(tx, id, doc).await?;
            self.add_doc_revision(
                tx,
                id,
                revision + 1,
                doc,
                correction.unwrap_or_default(),
                correction.is_some(),
                by,
            )
            .await?;
            self.record_change(
                tx,
                crate::catalog::changes::ChangeKind::Doc,
                &id.to_string(),
            )
            .await?;
        }
        Ok(done)
    }

    /// Picks a published document for the daily digest, or takes the pick back.
    pub async fn set_doc_pick(&self, tx: &mut Tx, id: DocId, picked: bool) -> Result<()> {
        let now = Timestamp::now().millis();
        sqlx::query("UPDATE docs SET picked_at = $2, updated_at = $3 WHERE id = $1")
            .bind(id.to_string())
            .bind(picked.then_some(now))
            .bind(now)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Moves a document to `state` if nobody changed it since `revision`; `false` when
    /// someone did. `publish_at` is kept for a scheduled document; publishing sets the first
    /// publication time once (the scheduled time when there was one); withdrawing records when and why; a comment is kept for a draft
    /// sent back.
    pub async fn set_doc_state(
        &self,
        tx: &mut Tx,
        id: DocId,
        revision: i64,
        state: DocState,
        publish_at: Option<Timestamp>,
        note: &str,
    ) -> Result<bool> {
        let now = Timestamp::now().millis();
        let done = sqlx::query(
            "UPDATE docs SET state = $3, publish_at = $4, published_at = CASE WHEN $3 = 'published' AND published_at IS NULL THEN COALESCE($4, $5) ELSE published_at END, withdrawn_at = CASE WHEN $3 = 'withdrawn' THEN $5 ELSE NULL END, withdrawn_reason = CASE WHEN $3 = 'withdrawn' THEN $6 ELSE '' END, review_comment = CASE WHEN $3 = 'draft' THEN $6 ELSE review_comment END, revision = revision + 1, updated_at = $5 WHERE id = $1 AND revision = $2",
        )
        .bind(id.to_string())
        .bind(revision)
        .bind(state.as_str())
        .bind(publish_at.map(|t| t.millis()))
        .bind(now)
        .bind(note.to_owned())
        .execute(&mut **tx)
        .await?
        .rows_affected()
            == 1;
        if done {
            self.record_change(
                tx,
                crate::catalog::changes::ChangeKind::Doc,
                &id.to_string(),
            )
            .await?;
        }
        Ok(done)
    }

    /// One document, with its links.
    pub async fn doc(&self, id: DocId) -> Result<Option<DocRow>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM docs WHERE id = $1"
        )))
        .bind(id.to_string())
        .fetch_optional(self.db.reader())
        .await?
        .map(|r| read(&r))
        .transpose()?;
        let Some(mut row) = row else { return Ok(None) };
        for r in sqlx::query(
            "SELECT kind, target FROM doc_links WHERE doc_id = $1 ORDER BY kind, target",
        )
        .bind(id.to_string())
        .fetch_all(self.db.reader())
        .await?
        {
            let target = r.text("target")?;
            match r.text("kind")?.as_str() {
                "policy" => row.doc.interprets.push(target),
                "item" => {
                    if let Ok(i) = target.parse() {
                        row.doc.items.push(i);
                    }
                }
                _ => {}
            }
        }
        Ok(Some(row))
    }

    /// Replaces a document's links with those of its words.
    async fn set_doc_links(&self, tx: &mut Tx, id: DocId, doc: &Doc) -> Result<()> {
        sqlx::query("DELETE FROM doc_links WHERE doc_id = $1")
            .bind(id.to_string())
            .execute(&mut **tx)
            .await?;
        let links = doc
            .interprets
            .iter()
            .map(|n| ("policy", n.clone()))
            .chain(doc.items.iter().map(|i| ("item", i.to_string())));
        for (kind, target) in links {
            sqlx::query("INSERT INTO doc_links (doc_id, kind, target) VALUES ($1, $2, $3)")
                .bind(id.to_string())
                .bind(kind)
                .bind(target)
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }

    /// Published documents linked to a target: the interpretations of a policy document
    /// (`"policy"`, its index number) or the policy documents of a service item (`"item"`,
    /// its id), newest first.
    pub async fn docs_linked(&self, kind: &str, target: &str, limit: i64) -> Result<Vec<DocRow>> {
        let cols = COLUMNS
            .split(", ")
            .map(|c| format!("d.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {cols} FROM doc_links l JOIN docs d ON d.id = l.doc_id WHERE l.kind = $1 AND l.target = $2 AND d.state = 'published' ORDER BY d.published_at DESC LIMIT $3"
        )))
        .bind(kind.to_owned())
        .bind(target.to_owned())
        .bind(limit)
        .fetch_all(self.db.reader())
        .await?
        .iter()
        .map(read)
        .collect()
    }

    /// The policy document with this index number.
    pub async fn doc_by_index_no(&self, index_no: &str) -> Result<Option<DocRow>> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM docs WHERE index_no = $1"
        )))
        .bind(index_no.to_owned())
        .fetch_optional(self.db.reader())
        .await?
        .map(|r| read(&r))
        .transpose()
    }

    /// Published documents (withdrawn ones too when `with_withdrawn`), newest first.
    ///
    /// Every public list reads one of the partial indexes of migration 17 in its order and
    /// stops after the page: the filter always names `state IN ('published', 'withdrawn')`,
    /// the condition of those indexes, and a column with columns nested in it is read as one
    /// branch per column, each stopping after the page, merged by `UNION ALL`.
    pub async fn published_docs(
        &self,
        l: &Listing<'_>,
        page: Page,
        with_withdrawn: bool,
    ) -> Result<Vec<DocRow>> {
        let (filter, values) = listing_filter(l, with_withdrawn);
        let codes = self.listing_columns(l).await?;
        let columns = if l.without_bodies {
            COLUMNS.replace("body_md, body_html", "'' AS body_md, '' AS body_html")
        } else {
            COLUMNS.to_owned()
        };
        let n = values.len();
        let order = "ORDER BY published_at DESC, id DESC";
        let sql = match codes.as_slice() {
            [] => format!(
                "SELECT {columns} FROM docs WHERE {filter} {order} LIMIT ${} OFFSET ${}",
                n + 1,
                n + 2
            ),
            [_] => format!(
                "SELECT {columns} FROM docs WHERE {filter} AND column_code = ${} {order} LIMIT ${} OFFSET ${}",
                n + 1,
                n + 2,
                n + 3
            ),
            many => {
                // Each branch stops after offset + limit rows of its own column.
                let reach = page.offset() + page.limit();
                let branches: Vec<String> = (0..many.len())
                    .map(|i| {
                        format!(
                            "SELECT * FROM (SELECT {columns} FROM docs WHERE {filter} AND column_code = ${} {order} LIMIT {reach}) AS b{i}",
                            n + 1 + i
                        )
                    })
                    .collect();
                format!(
                    "{} {order} LIMIT ${} OFFSET ${}",
                    branches.join(" UNION ALL "),
                    n + many.len() + 1,
                    n + many.len() + 2
                )
            }
        };
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for v in values.iter().chain(&codes) {
            q = q.bind(v.clone());
        }
        q.bind(page.limit())
            .bind(page.offset())
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(read)
            .collect()
    }

    /// How many documents `published_docs` pages through (an index-only count).
    pub async fn published_count(&self, l: &Listing<'_>, with_withdrawn: bool) -> Result<i64> {
        let (mut filter, values) = listing_filter(l, with_withdrawn);
        let codes = self.listing_columns(l).await?;
        if !codes.is_empty() {
            let marks: Vec<String> = (0..codes.len())
                .map(|i| format!("${}", values.len() + 1 + i))
                .collect();
            filter.push_str(&format!(" AND column_code IN ({})", marks.join(", ")));
        }
        let mut q = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) AS n FROM docs WHERE {filter}"
        )));
        for v in values.iter().chain(&codes) {
            q = q.bind(v.clone());
        }
        q.fetch_one(self.db.reader()).await?.int("n")
    }

    /// The listing's column and those nested in it (none when it names no column).
    async fn listing_columns(&self, l: &Listing<'_>) -> Result<Vec<String>> {
        let Some(code) = l.column else {
            return Ok(Vec::new());
        };
        let mut codes = vec![code.to_owned()];
        for r in sqlx::query("SELECT code FROM doc_columns WHERE parent = $1 ORDER BY code")
            .bind(code)
            .fetch_all(self.db.reader())
            .await?
        {
            codes.push(r.text("code")?);
        }
        Ok(codes)
    }

    /// Documents in the console: those in `states` (all when empty), under a region, newest
    /// change first.
    pub async fn console_docs(
        &self,
        states: &[DocState],
        region: &str,
        page: Page,
    ) -> Result<(Vec<DocRow>, i64)> {
        let list = if states.is_empty() {
            String::from("'draft', 'in_review', 'scheduled', 'published', 'withdrawn'")
        } else {
            states
                .iter()
                .map(|s| format!("'{}'", s.as_str()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let filter = format!("state IN ({list}) AND region_code LIKE $1");
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM docs WHERE {filter} ORDER BY updated_at DESC, id DESC LIMIT $2 OFFSET $3"
        )))
        .bind(format!("{region}%"))
        .bind(page.limit())
        .bind(page.offset())
        .fetch_all(self.db.reader())
        .await?
        .iter()
        .map(read)
        .collect::<Result<Vec<_>>>()?;
        let total = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) AS n FROM docs WHERE {filter}"
        )))
        .bind(format!("{region}%"))
        .fetch_one(self.db.reader())
        .await?
        .int("n")?;
        Ok((rows, total))
    }

    /// Scheduled documents whose time has come, oldest first.
    pub async fn docs_due(&self, now: Timestamp, limit: i64) -> Result<Vec<DocRow>> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM docs WHERE state = 'scheduled' AND publish_at <= $1 ORDER BY publish_at LIMIT $2"
        )))
        .bind(now.millis())
        .bind(limit)
        .fetch_all(self.db.reader())
        .await?
        .iter()
        .map(read)
        .collect()
    }

    /// Every revision of a document, newest first.
    pub async fn doc_revisions(&self, id: DocId) -> Result<Vec<RevisionRow>> {
        sqlx::query("SELECT revision, title, summary, body_md, note, correction, by_account, at FROM doc_revisions WHERE doc_id = $1 ORDER BY revision DESC")
            .bind(id.to_string())
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(|r| {
                Ok(RevisionRow {
                    revision: r.int("revision")?,
                    title: r.text("title")?,
                    summary: r.text("summary")?,
                    body: r.text("body_md")?,
                    note: r.text("note")?,
                    correction: r.int("correction")? != 0,
                    by: r.parsed("by_account")?,
                    at: Timestamp(r.int("at")?),
                })
            })
            .collect()
    }

    /// A document's workflow history, oldest first.
    pub async fn doc_events(&self, id: DocId) -> Result<Vec<DocEventRow>> {
        sqlx::query(
            "SELECT step, note, by_account, at FROM doc_events WHERE doc_id = $1 ORDER BY at, id",
        )
        .bind(id.to_string())
        .fetch_all(self.db.reader())
        .await?
        .iter()
        .map(|r| {
            Ok(DocEventRow {
                step: r.text("step")?,
                note: r.text("note")?,
                by: r.opt_parsed("by_account")?,
                at: Timestamp(r.int("at")?),
            })
        })
        .collect()
    }

    /// Records an uploaded picture.
    pub async fn add_doc_image(&self, tx: &mut Tx, img: &ImageRow, by: AccountId) -> Result<()> {
        sqlx::query("INSERT INTO doc_images (id, file_key, content_type, alt, uploaded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(img.id.to_string())
            .bind(img.file_key.clone())
            .bind(img.content_type.clone())
            .bind(img.alt.clone())
            .bind(by.to_string())
            .bind(Timestamp::now().millis())
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// One picture.
    pub async fn doc_image(&self, id: DocImageId) -> Result<Option<ImageRow>> {
        sqlx::query("SELECT id, file_key, content_type, alt FROM doc_images WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(self.db.reader())
            .await?
            .map(|r| {
                Ok(ImageRow {
                    id: r.parsed("id")?,
                    file_key: r.text("file_key")?,
                    content_type: r.text("content_type")?,
                    alt: r.text("alt")?,
                })
            })
            .transpose()
    }

    /// Published documents after `after` (by id), for rebuilding the search index.
    pub async fn published_docs_after(
        &self,
        after: Option<DocId>,
        limit: i64,
    ) -> Result<Vec<DocRow>> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM docs WHERE state IN ('published', 'withdrawn') AND id > $1 ORDER BY id LIMIT $2"
        )))
        .bind(after.map(|a| a.to_string()).unwrap_or_default())
        .bind(limit)
        .fetch_all(self.db.reader())
        .await?
        .iter()
        .map(read)
        .collect()
    }
}
