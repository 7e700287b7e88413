//! Regional portals (REG-1) and investment promotion (REG-2): a region's page as its editors
//! wrote it, projects seeking investment, the policy documents it names as preferential
//! policies, economic indicators, and investors' inquiries to the region's investment office
//! (the investor's name, phone and company encrypted with the vault, bound to the row). The
//! rules — lengths, stages, indicators — are the portals capability's; this module keeps the
//! rows.

use sqlx::any::AnyRow;
use yiwang_domain::Timestamp;
use yiwang_domain::ids::{AccountId, DepartmentId, DocId, InvestInquiryId, ProjectId};

use crate::row::RowExt;
use crate::{Error, Result, Store, Tx};

/// A leader of a region as the portal lists them (public officials: public facts).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Leader {
    /// Name.
    pub name: String,
    /// Office, e.g. 区委书记.
    pub title: String,
}

/// One public contact line of a region, e.g. ("值班电话", "0826-2222222").
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ContactLine {
    /// What it is.
    pub label: String,
    /// The number, address or hours.
    pub value: String,
}

/// What editors write on a region's portal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PortalContent {
    /// The introduction (plain text, paragraphs separated by blank lines).
    pub intro: String,
    /// Leaders, in order.
    pub leaders: Vec<Leader>,
    /// Contacts, in order.
    pub contacts: Vec<ContactLine>,
    /// The department named as the region's investment office (招商部门).
    pub invest_office: Option<DepartmentId>,
}

/// A region's portal page row.
#[derive(Debug, Clone)]
pub struct PortalRow {
    /// The region's code.
    pub region: String,
    /// What the editors wrote.
    pub content: PortalContent,
    /// One more per save.
    pub revision: i64,
    /// Last saved.
    pub updated_at: Timestamp,
}

/// A project's fields as editors enter them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectFields {
    /// Its name.
    pub title: String,
    /// Its sector's code (`manufacturing`, `agriculture`, …).
    pub sector: String,
    /// Where it is (a park, a town).
    pub location: String,
    /// Land in square metres (0: none).
    pub land_m2: i64,
    /// Investment sought, whole 万元.
    pub investment_wan: i64,
    /// Its stage's code (`planning`, `approved`, `land_ready`, `under_construction`).
    pub stage: String,
    /// Whom to ask (an office and its public phone).
    pub contact: String,
    /// What it is (plain text).
    pub summary: String,
}

/// A project seeking investment.
#[derive(Debug, Clone)]
pub struct ProjectRow {
    /// Its id.
    pub id: ProjectId,
    /// Its region's code.
    pub region: String,
    /// Its fields.
    pub fields: ProjectFields,
    /// Whether readers see it.
    pub published: bool,
    /// Its document (a PDF) in the file store.
    pub file_key: Option<String>,
    /// The document's size in bytes.
    pub file_size: Option<i64>,
    /// One more per edit.
    pub revision: i64,
    /// Last changed.
    pub updated_at: Timestamp,
}

/// A preferential policy a portal names: its index number and, when a published policy
/// document has it, that document.
#[derive(Debug, Clone)]
pub struct PolicyLink {
    /// The index number the editors gave.
    pub index_no: String,
    /// The published document with that number (`None`: none, or not published).
    pub doc: Option<(DocId, String)>,
}

/// One point of an indicator's series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorPoint {
    /// The indicator's code (`gdp`, `fixed_investment`, `population`).
    pub indicator: String,
    /// The period: `2025` or `2025Q3`.
    pub period: String,
    /// The value in hundredths of its unit.
    pub value_x100: i64,
}

/// A new investor's inquiry.
#[derive(Debug, Clone)]
pub struct NewInvestInquiry<'a> {
    /// The region asked.
    pub region: &'a str,
    /// The project asked about, if any.
    pub project: Option<ProjectId>,
    /// The investment office it goes to.
    pub department: DepartmentId,
    /// The investor's account.
    pub account: AccountId,
    /// The investor's contact details (name, phone, company), kept encrypted.
    pub contact: &'a InvestorContact,
    /// The subject.
    pub subject: &'a str,
    /// The question.
    pub body: &'a str,
    /// Answer by (YYYY-MM-DD, working days on the platform's calendar).
    pub due_on: &'a str,
}

/// An investor's contact details: personal data, encrypted at rest.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InvestorContact {
    /// Their name.
    pub name: String,
    /// Their mobile number.
    pub phone: String,
    /// The company they speak for (may be empty).
    pub company: String,
}

/// An investor's inquiry.
#[derive(Debug, Clone)]
pub struct InvestInquiryRow {
    /// Its id.
    pub id: InvestInquiryId,
    /// The region asked.
    pub region: String,
    /// The project asked about.
    pub project: Option<ProjectId>,
    /// The investment office.
    pub department: DepartmentId,
    /// The investor.
    pub account: AccountId,
    /// The subject.
    pub subject: String,
    /// The question.
    pub body: String,
    /// Answer by.
    pub due_on: String,
    /// The office's answer.
    pub reply: Option<String>,
    /// When it was answered.
    pub replied_at: Option<Timestamp>,
    /// When it was asked.
    pub created_at: Timestamp,
}

fn contact_ctx(id: &InvestInquiryId) -> String {
    format!("invest_inquiries.contact|{id}")
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

fn parse_json<T: serde::de::DeserializeOwned>(col: &str, text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|_| Error::Corrupt(format!("column {col} is not a list")))
}

const PROJECT_COLUMNS: &str = "id, region_code, title, sector, location, land_m2, investment_wan, stage, contact, summary, published, file_key, file_size, revision, updated_at";
const INQUIRY_COLUMNS: &str = "id, region_code, project_id, department_id, account_id, subject, body, due_on, reply, replied_at, created_at";

fn project_row(r: &AnyRow) -> Result<ProjectRow> {
    Ok(ProjectRow {
        id: r.parsed("id")?,
        region: r.text("region_code")?,
        fields: ProjectFields {
            title: r.text("title")?,
            sector: r.text("sector")?,
            location: r.text("location")?,
            land_m2: r.int("land_m2")?,
            investment_wan: r.int("investment_wan")?,
            stage: r.text("stage")?,
            contact: r.text("contact")?,
            summary: r.text("summary")?,
        },
        published: r.int("published")? != 0,
        file_key: r.opt_text("file_key")?,
        file_size: r.opt_int("file_size")?,
        revision: r.int("revision")?,
        updated_at: r.ts("updated_at")?,
    })
}

fn inquiry_row(r: &AnyRow) -> Result<InvestInquiryRow> {
    Ok(InvestInquiryRow {
        id: r.parsed("id")?,
        region: r.text("region_code")?,
        project: r.opt_parsed("project_id")?,
        department: r.parsed("department_id")?,
        account: r.parsed("account_id")?,
        subject: r.text("subject")?,
        body: r.text("body")?,
        due_on: r.text("due_on")?,
        reply: r.opt_text("reply")?,
        replied_at: r.opt_ts("replied_at")?,
        created_at: r.ts("created_at")?,
    })
}

impl Store {
    /// A region's portal page, if its editors wrote one.
    pub async fn portal_page(&self, region: &str) -> Result<Option<PortalRow>> {
        let row = sqlx::query(
            "SELECT region_code, intro, leaders, contacts, invest_office, revision, updated_at FROM portal_pages WHERE region_code = $1",
        )
        .bind(region.to_owned())
        .fetch_optional(self.db.reader())
        .await?;
        row.map(|r| {
            Ok(PortalRow {
                region: r.text("region_code")?,
                content: PortalContent {
                    intro: r.text("intro")?,
                    leaders: parse_json("leaders", &r.text("leaders")?)?,
                    contacts: parse_json("contacts", &r.text("contacts")?)?,
                    invest_office: r.opt_parsed("invest_office")?,
                },
                revision: r.int("revision")?,
                updated_at: r.ts("updated_at")?,
            })
        })
        .transpose()
    }

    /// Saves a region's page if it is still at `revision` (0: none yet); returns the new
    /// revision, or `conflict` when someone saved in between.
    pub async fn save_portal_page(
        &self,
        tx: &mut Tx,
        region: &str,
        content: &PortalContent,
        revision: i64,
        by: Option<AccountId>,
    ) -> Result<i64> {
        let now = Timestamp::now().0;
        let done = if revision == 0 {
            sqlx::query(
                "INSERT INTO portal_pages (region_code, intro, leaders, contacts, invest_office, revision, updated_by, updated_at)
                 VALUES ($1, $2, $3, $4, $5, 1, $6, $7) ON CONFLICT (region_code) DO NOTHING",
            )
            .bind(region.to_owned())
            .bind(content.intro.clone())
            .bind(json(&content.leaders))
            .bind(json(&content.contacts))
            .bind(content.invest_office.map(|d| d.to_string()))
            .bind(by.map(|a| a.to_string()))
            .bind(now)
            .execute(&mut **tx)
            .await?
        } else {
            sqlx::query(
                "UPDATE portal_pages SET intro = $2, leaders = $3, contacts = $4, invest_office = $5, revision = revision + 1, updated_by = $6, updated_at = $7
                 WHERE region_code = $1 AND revision = $8",
            )
            .bind(region.to_owned())
            .bind(content.intro.clone())
            .bind(json(&content.leaders))
            .bind(json(&content.contacts))
            .bind(content.invest_office.map(|d| d.to_string()))
            .bind(by.map(|a| a.to_string()))
            .bind(now)
            .bind(revision)
            .execute(&mut **tx)
            .await?
        };
        if done.rows_affected() == 0 {
            return Err(Error::code(yiwang_domain::ErrorCode::Conflict));
        }
        Ok(revision + 1)
    }

    /// A region's projects, newest change first (published ones only when `published`).
    pub async fn region_projects(&self, region: &str, published: bool) -> Result<Vec<ProjectRow>> {
        let filter = if published { " AND published = 1" } else { "" };
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {PROJECT_COLUMNS} FROM invest_projects WHERE region_code = $1{filter} ORDER BY updated_at DESC, id"
        )))
        .bind(region.to_owned())
        .fetch_all(self.db.reader())
        .await?
        .iter()
        .map(project_row)
        .collect()
    }

    /// One project.
    pub async fn project(&self, id: ProjectId) -> Result<Option<ProjectRow>> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {PROJECT_COLUMNS} FROM invest_projects WHERE id = $1"
        )))
        .bind(id.to_string())
        .fetch_optional(self.db.reader())
        .await?
        .as_ref()
        .map(project_row)
        .transpose()
    }

    /// Adds a draft project to a region.
    pub async fn insert_project(
        &self,
        tx: &mut Tx,
        region: &str,
        f: &ProjectFields,
    ) -> Result<ProjectId> {
        let id = ProjectId::generate();
        let now = Timestamp::now().0;
        sqlx::query(
            "INSERT INTO invest_projects (id, region_code, title, sector, location, land_m2, investment_wan, stage, contact, summary, published, revision, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, 1, $11, $11)",
        )
        .bind(id.to_string())
        .bind(region.to_owned())
        .bind(f.title.clone())
        .bind(f.sector.clone())
        .bind(f.location.clone())
        .bind(f.land_m2)
        .bind(f.investment_wan)
        .bind(f.stage.clone())
        .bind(f.contact.clone())
        .bind(f.summary.clone())
        .bind(now)
        .execute(&mut **tx)
        .await?;
        Ok(id)
    }

    /// Saves a project's fields and whether it is published, if it is still at `revision`.
    pub async fn update_project(
        &self,
        tx: &mut Tx,
        id: ProjectId,
        revision: i64,
        f: &ProjectFields,
        published: bool,
    ) -> Result<()> {
        let done = sqlx::query(
            "UPDATE invest_projects SET title = $2, sector = $3, location = $4, land_m2 = $5, investment_wan = $6, stage = $7, contact = $8, summary = $9, published = $10, revision = revision + 1, updated_at = $11
             WHERE id = $1 AND revision = $12",
        )
        .bind(id.to_string())
        .bind(f.title.clone())
        .bind(f.sector.clone())
        .bind(f.location.clone())
        .bind(f.land_m2)
        .bind(f.investment_wan)
        .bind(f.stage.clone())
        .bind(f.contact.clone())
        .bind(f.summary.clone())
        .bind(i64::from(published))
        .bind(Timestamp::now().0)
        .bind(revision)
        .execute(&mut **tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::code(yiwang_domain::ErrorCode::Conflict));
        }
        Ok(())
    }

    /// Attaches a project's document (replacing the earlier one).
    pub async fn set_project_file(
        &self,
        tx: &mut Tx,
        id: ProjectId,
        key: &str,
        size: i64,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE invest_projects SET file_key = $2, file_size = $3, revision = revision + 1, updated_at = $4 WHERE id = $1",
        )
        .bind(id.to_string())
        .bind(key.to_owned())
        .bind(size)
        .bind(Timestamp::now().0)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// The preferential policies a region names, in order, each with its published
    /// document (one query).
    pub async fn portal_policies(&self, region: &str) -> Result<Vec<PolicyLink>> {
        sqlx::query(
            "SELECT p.index_no, d.id AS doc_id, d.title AS doc_title FROM portal_policies p
             LEFT JOIN docs d ON d.index_no = p.index_no AND d.state = 'published'
             WHERE p.region_code = $1 ORDER BY p.position",
        )
        .bind(region.to_owned())
        .fetch_all(self.db.reader())
        .await?
        .iter()
        .map(|r| {
            let doc = match (r.opt_parsed::<DocId>("doc_id")?, r.opt_text("doc_title")?) {
                (Some(id), Some(title)) => Some((id, title)),
                _ => None,
            };
            Ok(PolicyLink {
                index_no: r.text("index_no")?,
                doc,
            })
        })
        .collect()
    }

    /// Which of these index numbers name a published policy document.
    pub async fn published_index_nos(&self, index_nos: &[String]) -> Result<Vec<String>> {
        if index_nos.is_empty() {
            return Ok(Vec::new());
        }
        let marks: Vec<String> = (1..=index_nos.len()).map(|i| format!("${i}")).collect();
        let mut q = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT index_no FROM docs WHERE state = 'published' AND index_no IN ({})",
            marks.join(", ")
        )));
        for n in index_nos {
            q = q.bind(n.clone());
        }
        q.fetch_all(self.db.reader())
            .await?
            .iter()
            .map(|r| r.text("index_no"))
            .collect()
    }

    /// Replaces the list of a region's preferential policies.
    pub async fn set_portal_policies(
        &self,
        tx: &mut Tx,
        region: &str,
        index_nos: &[String],
    ) -> Result<()> {
        sqlx::query("DELETE FROM portal_policies WHERE region_code = $1")
            .bind(region.to_owned())
            .execute(&mut **tx)
            .await?;
        for (i, n) in index_nos.iter().enumerate() {
            sqlx::query(
                "INSERT INTO portal_policies (region_code, position, index_no) VALUES ($1, $2, $3)",
            )
            .bind(region.to_owned())
            .bind(i as i64)
            .bind(n.clone())
            .execute(&mut **tx)
            .await?;
        }
        Ok(())
    }

    /// A region's indicator points, by indicator and period.
    pub async fn portal_indicators(&self, region: &str) -> Result<Vec<IndicatorPoint>> {
        sqlx::query(
            "SELECT indicator, period, value_x100 FROM portal_indicators WHERE region_code = $1 ORDER BY indicator, period",
        )
        .bind(region.to_owned())
        .fetch_all(self.db.reader())
        .await?
        .iter()
        .map(|r| {
            Ok(IndicatorPoint {
                indicator: r.text("indicator")?,
                period: r.text("period")?,
                value_x100: r.int("value_x100")?,
            })
        })
        .collect()
    }

    /// Sets one point of a region's indicator (`None`: removes it).
    pub async fn put_indicator(
        &self,
        tx: &mut Tx,
        region: &str,
        indicator: &str,
        period: &str,
        value_x100: Option<i64>,
    ) -> Result<()> {
        match value_x100 {
            Some(v) => {
                sqlx::query(
                    "INSERT INTO portal_indicators (region_code, indicator, period, value_x100, updated_at) VALUES ($1, $2, $3, $4, $5)
                     ON CONFLICT (region_code, indicator, period) DO UPDATE SET value_x100 = excluded.value_x100, updated_at = excluded.updated_at",
                )
                .bind(region.to_owned())
                .bind(indicator.to_owned())
                .bind(period.to_owned())
                .bind(v)
                .bind(Timestamp::now().0)
                .execute(&mut **tx)
                .await?;
            }
            None => {
                sqlx::query(
                    "DELETE FROM portal_indicators WHERE region_code = $1 AND indicator = $2 AND period = $3",
                )
                .bind(region.to_owned())
                .bind(indicator.to_owned())
                .bind(period.to_owned())
                .execute(&mut **tx)
                .await?;
            }
        }
        Ok(())
    }

    /// Records an investor's inquiry (contact details encrypted, bound to the row).
    pub async fn insert_invest_inquiry(
        &self,
        tx: &mut Tx,
        new: &NewInvestInquiry<'_>,
    ) -> Result<InvestInquiryId> {
        let id = InvestInquiryId::generate();
        let contact = self
            .vault()
            .encrypt(&contact_ctx(&id), &json(new.contact))?;
        sqlx::query(
            "INSERT INTO invest_inquiries (id, region_code, project_id, department_id, account_id, contact_enc, subject, body, due_on, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(id.to_string())
        .bind(new.region.to_owned())
        .bind(new.project.map(|p| p.to_string()))
        .bind(new.department.to_string())
        .bind(new.account.to_string())
        .bind(contact)
        .bind(new.subject.to_owned())
        .bind(new.body.to_owned())
        .bind(new.due_on.to_owned())
        .bind(Timestamp::now().0)
        .execute(&mut **tx)
        .await?;
        Ok(id)
    }

    /// One investor's inquiry.
    pub async fn invest_inquiry(&self, id: InvestInquiryId) -> Result<Option<InvestInquiryRow>> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {INQUIRY_COLUMNS} FROM invest_inquiries WHERE id = $1"
        )))
        .bind(id.to_string())
        .fetch_optional(self.db.reader())
        .await?
        .as_ref()
        .map(inquiry_row)
        .transpose()
    }

    /// The contact details given with an inquiry (decrypted: for the office's staff only).
    pub async fn invest_contact(&self, id: InvestInquiryId) -> Result<InvestorContact> {
        let row = sqlx::query("SELECT contact_enc FROM invest_inquiries WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(self.db.reader())
            .await?
            .ok_or_else(Error::not_found)?;
        let blob = row
            .opt_blob("contact_enc")?
            .ok_or_else(|| Error::Corrupt("invest contact missing".into()))?;
        let text = self.vault().decrypt(&contact_ctx(&id), &blob)?;
        serde_json::from_str(&text).map_err(|e| Error::Corrupt(format!("invest contact: {e}")))
    }

    /// An investor's own inquiries, newest first.
    pub async fn invest_inquiries_of(&self, account: AccountId) -> Result<Vec<InvestInquiryRow>> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {INQUIRY_COLUMNS} FROM invest_inquiries WHERE account_id = $1 ORDER BY created_at DESC, id DESC LIMIT 200"
        )))
        .bind(account.to_string())
        .fetch_all(self.db.reader())
        .await?
        .iter()
        .map(inquiry_row)
        .collect()
    }

    /// The inquiries sent to these departments: unanswered first by due day, then the
    /// answered ones, newest first (at most 200).
    pub async fn invest_queue(
        &self,
        departments: &[DepartmentId],
    ) -> Result<Vec<InvestInquiryRow>> {
        if departments.is_empty() {
            return Ok(Vec::new());
        }
        let marks: Vec<String> = (1..=departments.len()).map(|i| format!("${i}")).collect();
        let mut q = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {INQUIRY_COLUMNS} FROM invest_inquiries WHERE department_id IN ({})
             ORDER BY CASE WHEN replied_at IS NULL THEN 0 ELSE 1 END, due_on, created_at DESC LIMIT 200",
            marks.join(", ")
        )));
        for d in departments {
            q = q.bind(d.to_string());
        }
        q.fetch_all(self.db.reader())
            .await?
            .iter()
            .map(inquiry_row)
            .collect()
    }

    /// Records the office's answer once (`conflict` when it was already answered).
    pub async fn reply_invest_inquiry(
        &self,
        tx: &mut Tx,
        id: InvestInquiryId,
        reply: &str,
        by: AccountId,
    ) -> Result<()> {
        let done = sqlx::query(
            "UPDATE invest_inquiries SET reply = $2, replied_by = $3, replied_at = $4 WHERE id = $1 AND reply IS NULL",
        )
        .bind(id.to_string())
        .bind(reply.to_owned())
        .bind(by.to_string())
        .bind(Timestamp::now().0)
        .execute(&mut **tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::code(yiwang_domain::ErrorCode::Conflict));
        }
        Ok(())
    }
}
