//! The demo deployment: 广安市 with its six county-level units and streets, the 34
//! departments of 广安区 from the real catalogue, one staff member per role, and a
//! real-name-verified citizen. Created once, when the database is empty; the logins are
//! printed at every demo start.

use std::fmt;

use yiwang_domain::auth::{Grant, Role};
use yiwang_domain::identity::Assurance;
use yiwang_domain::identity::{Mobile, PersonName, ResidentId};
use yiwang_domain::paging::Page;
use yiwang_domain::region::RegionCode;
use yiwang_store::Store;
use yiwang_store::staff::Holder;

use crate::config::Config;

type BoxError = Box<dyn std::error::Error>;

/// The demo password of every demo account.
pub const PASSWORD: &str = "Guangan-demo-2026";
/// The demo citizen's mobile number.
pub const CITIZEN_PHONE: &str = "13800000000";

/// A staff account of the demo: login name, display name, role, department name.
const STAFF: &[(&str, &str, Role, Option<&str>)] = &[
    ("admin", "平台管理员", Role::PlatformAdmin, None),
    ("minzheng", "李民政", Role::DeptAdmin, Some("区民政局")),
    (
        "chuangkou",
        "王窗口",
        Role::WindowClerk,
        Some("区行政审批局"),
    ),
    ("shenhe", "赵审核", Role::Reviewer, Some("区人社局")),
    // Decides 失业保险金 and the other 区人社局 forms whose last step is the department's.
    ("renshe", "刘人社", Role::DeptAdmin, Some("区人社局")),
    // Applies at the counter for citizens who cannot do it themselves (帮办代办).
    ("bangban", "陈帮办", Role::WindowClerk, Some("区卫健局")),
    ("duban", "周督办", Role::Supervisor, None),
    // The 12345 hotline's dispatcher: assigns inquiries no routing rule covers.
    ("paidan", "孙派单", Role::Dispatcher, None),
    // Writes the district's news and policy documents; the platform admin reviews them.
    ("bianji", "吴编辑", Role::Editor, None),
    // Issues emergency alerts for the district; the platform admin approves a red one.
    ("yingji", "郑值班", Role::DutyOfficer, None),
    // Makes bills, refunds and reconciles the payment provider's statement (SVC-1).
    ("caiwu", "钱财务", Role::FinanceOfficer, None),
    // Manages the appointments of 广安区政务服务中心 (capacity, utilisation); 王窗口 checks in.
    ("dating", "何大厅", Role::DeptAdmin, Some("区行政审批局")),
    // Accepts and reviews passport applications (普通护照签发), whose ¥120 fee is billed once
    // a case is accepted (SVC-1).
    ("churujing", "马出入境", Role::Reviewer, Some("区公安分局")),
    // Answers investors' inquiries to 广安区's investment office (REG-2, the portals).
    ("zhaoshang", "冯招商", Role::Reviewer, Some("区商务局")),
];

/// The Open311 API key of the demo's client (`../shared/checks/demo.env`); a real deployment
/// issues its own keys.
pub const OPEN311_KEY: &str = "yiwang-demo-open311-key";

/// The demo's routing rules for the whole city: category → department.
const ROUTES: &[(&str, &str)] = &[
    ("street_lights", "区综合执法局"),
    ("city_appearance", "区综合执法局"),
    ("roads", "区综合执法局"),
    ("social_security", "区民政局"),
    ("labour", "区人社局"),
    ("education", "区教科体局"),
    ("health", "区卫健局"),
    ("market", "区市监局"),
    ("environment", "区生态环境局"),
    ("gov_service", "区行政审批局"),
];

/// What the demo prints: the logins.
pub struct Logins {
    staff: Vec<(String, String, String)>,
}

impl fmt::Display for Logins {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "  Demo deployment: 广安市 (5116); every demo password is {PASSWORD}"
        )?;
        writeln!(
            f,
            "  Citizen:  {CITIZEN_PHONE} at /account/login (real-name verified as 张三)"
        )?;
        writeln!(
            f,
            "  Staff at /console/login (authenticator secret — or run `yiwang demo-code <name>` for the current code):"
        )?;
        for (user, role, secret) in &self.staff {
            writeln!(f, "    {user:<10} {role:<16} {secret}")?;
        }
        writeln!(
            f,
            "  Fee payment: at /pay type the paper notice's bill code {} with the name 张三",
            yiwang_payments::demo::paper_fine_code().grouped()
        )?;
        write!(
            f,
            "  Text messages are recorded, not sent: read them at /dev/messages"
        )
    }
}

/// The demo's synthetic ID number: born 1990-01-01 in 广安区, sequence 000 (never issued).
pub fn citizen_id_number() -> String {
    let first17 = "51160219900101000";
    let check = yiwang_domain::identity::id_number::check_char(first17.as_bytes()) as char;
    format!("{first17}{check}")
}

/// Creates the demo deployment if the database has none, and returns the logins.
pub async fn ensure(store: &Store, config: &Config) -> Result<Logins, BoxError> {
    if store.setting("demo").await?.as_deref() != Some("1") {
        if store.any_staff().await? {
            return Err("this database already holds a deployment; --demo only creates a demo in an empty data directory".into());
        }
        create(store, config).await?;
    }
    ensure_catalogue(store).await?;
    ensure_forms(store).await?;
    ensure_inquiries(store, config).await?;
    ensure_docs(store).await?;
    yiwang_payments::demo::ensure(
        store,
        store
            .find_citizen_by_phone(&Mobile::parse(CITIZEN_PHONE).map_err(|c| c.as_str())?)
            .await?,
        "511602",
    )
    .await?;
    yiwang_bookings::demo::ensure(store).await?;
    yiwang_records::demo::ensure(store, &config.root_region, &citizen_id_number()).await?;
    let mut staff = Vec::new();
    for (username, _, role, _) in STAFF {
        let secret = store
            .staff_login(username)
            .await?
            .and_then(|l| l.totp_secret)
            .unwrap_or_default();
        staff.push((
            username.to_string(),
            role.as_str().to_owned(),
            yiwang_crypto::totp::secret_base32(&secret),
        ));
    }
    Ok(Logins { staff })
}

/// The demo's news, notices and policy documents (`seed/news/demo_docs.json`), published
/// once, in the order listed (a demo created before publishing existed gets them on its next
/// start).
async fn ensure_docs(store: &Store) -> Result<(), BoxError> {
    const DOCS: &str = include_str!("../../../seed/news/demo_docs.json");
    #[derive(serde::Deserialize)]
    struct Seed {
        column: String,
        #[serde(flatten)]
        input: yiwang_domain::publishing::DocInput,
        /// The service items it governs, by name (their ids differ per database).
        #[serde(default)]
        item_names: Vec<String>,
    }
    let district = RegionCode::parse("511602").map_err(|_| "511602")?;
    let page = Page::new(Some(1), Some(1), 1)?;
    if store.console_docs(&[], "", page).await?.1 > 0 {
        return Ok(());
    }
    let Some(admin) = store.staff_login("admin").await? else {
        return Ok(());
    };
    let mut seeds: Vec<Seed> = serde_json::from_str(DOCS)?;
    let items = store.item_rows().await?;
    for s in &mut seeds {
        let ids: Vec<String> = s
            .item_names
            .iter()
            .filter_map(|n| {
                items
                    .iter()
                    .find(|i| &i.name == n)
                    .map(|i| i.id.to_string())
            })
            .collect();
        s.input.items = ids.join("\n");
    }
    let columns = store.doc_columns().await?;
    let mut tx = store.begin().await?;
    for s in &seeds {
        let column = columns
            .iter()
            .find(|c| c.code == s.column)
            .ok_or_else(|| format!("demo document column {} missing", s.column))?;
        let doc = s
            .input
            .check(column.kind)
            .map_err(|e| format!("demo document {}: {e:?}", s.input.title))?;
        let html = yiwang_publishing::services::markdown::render(&doc.body);
        let id = store
            .create_doc(
                &mut tx,
                &yiwang_store::publishing::NewDoc {
                    kind: column.kind,
                    column: &column.code,
                    region_code: district.as_str(),
                    department_id: None,
                    doc: &doc,
                    body_html: &html,
                    by: admin.id,
                },
            )
            .await?;
        store
            .set_doc_state(
                &mut tx,
                id,
                1,
                yiwang_domain::publishing::DocState::Published,
                None,
                "",
            )
            .await?;
        store
            .add_doc_event(&mut tx, id, "publish", "", Some(admin.id))
            .await?;
    }
    yiwang_store::commit(tx).await?;
    Ok(())
}

/// The demo's inquiry routing rules (once) and its Open311 client (a demo created before
/// inquiries existed gets them on its next start).
async fn ensure_inquiries(store: &Store, config: &Config) -> Result<(), BoxError> {
    store
        .add_open311_client(
            "demo-open311",
            "演示 Open311 客户端",
            &yiwang_crypto::sha256_hex(OPEN311_KEY.as_bytes()),
            "demo",
        )
        .await?;
    if !store.inquiry_routes().await?.is_empty() {
        return Ok(());
    }
    let Some(admin) = store.staff_login("admin").await? else {
        return Ok(());
    };
    let district = RegionCode::parse("511602").map_err(|_| "511602")?;
    let (departments, _) = store
        .list_departments(&district, "", Page::new(Some(1), Some(100), 100)?)
        .await?;
    let mut tx = store.begin().await?;
    for (category, department) in ROUTES {
        if let Some(d) = departments.iter().find(|d| d.name == *department) {
            store
                .set_inquiry_route(&mut tx, category, &config.root_region, d.id, admin.id)
                .await?;
        }
    }
    yiwang_store::commit(tx).await?;
    Ok(())
}

/// Loads the real catalogue of 广安区 with the demo's classification and life-event
/// checklists, once (a demo created before the catalogue existed gets it on its next start).
pub async fn ensure_catalogue(store: &Store) -> Result<(), BoxError> {
    if store.count_items().await? > 0 {
        return Ok(());
    }
    let items = catalogue_with_classification()?;
    let report = store.import_catalogue(items, false, "demo").await?;
    if report.refused() {
        return Err(format!("the demo catalogue was refused: {:?}", report.errors).into());
    }
    tracing::info!(
        added = report.added,
        groups = report.groups_added,
        "catalogue imported"
    );
    let steps = store.seed_checklists(crate::data::LIFE_EVENTS).await?;
    tracing::info!(steps, "life-event checklists created");
    let guides = apply_demo_guides(store).await?;
    tracing::info!(guides, "demo guides published");
    Ok(())
}

/// The county's catalogue file with the demo's topics and subjects added by item code.
pub fn catalogue_with_classification()
-> Result<Vec<yiwang_store::catalog::import::ImportItem>, BoxError> {
    let mut items = yiwang_store::catalog::import::parse_csv(crate::data::GUANG_AN_CATALOGUE)
        .map_err(|e| format!("the demo catalogue file has errors: {e:?}"))?;
    let mut classes = std::collections::HashMap::new();
    let mut reader = csv::Reader::from_reader(crate::data::GUANG_AN_CLASSIFICATION.as_bytes());
    for row in reader.records() {
        let row = row?;
        let split = |i: usize| -> Vec<String> {
            row.get(i)
                .unwrap_or("")
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        };
        classes.insert(row.get(0).unwrap_or("").to_owned(), (split(1), split(2)));
    }
    for item in &mut items {
        if let Some((topics, subjects)) = classes.get(&item.input.code) {
            item.input.topics = topics.clone();
            item.input.subjects = subjects.clone();
            item.has_labels = true;
        }
    }
    Ok(items)
}

async fn create(store: &Store, config: &Config) -> Result<(), BoxError> {
    tracing::info!("creating the demo deployment");
    let report = store.import_regions(&crate::data::regions()).await?;
    tracing::info!(added = report.added, "regions imported");
    let report = store
        .import_catalogue_departments(crate::data::GUANG_AN_CATALOGUE)
        .await?;
    tracing::info!(added = report.added, "departments imported");

    let root = RegionCode::parse(&config.root_region).map_err(|_| "root_region")?;
    let district = RegionCode::parse("511602").map_err(|_| "511602")?;
    let (departments, _) = store
        .list_departments(&district, "", Page::new(Some(1), Some(100), 100)?)
        .await?;
    let hash = yiwang_crypto::password::hash(PASSWORD)?;

    let mut tx = store.begin().await?;
    for (username, name, role, department) in STAFF {
        let department = match department {
            Some(d) => Some(
                departments
                    .iter()
                    .find(|x| x.name == *d)
                    .ok_or_else(|| format!("department {d} missing"))?
                    .id,
            ),
            None => None,
        };
        let region = if matches!(
            role,
            Role::PlatformAdmin | Role::Dispatcher | Role::FinanceOfficer
        ) {
            root.clone()
        } else {
            district.clone()
        };
        let id = store
            .create_staff(&mut tx, username, name, &hash, None)
            .await?;
        store
            .add_grant(
                &mut tx,
                Holder::Account(id),
                &Grant {
                    role: *role,
                    department,
                    region,
                },
                None,
            )
            .await?;
        store
            .enrol_totp(&mut tx, id, &yiwang_crypto::totp::new_secret()?)
            .await?;
    }
    let phone = Mobile::parse(CITIZEN_PHONE).map_err(|c| c.as_str())?;
    let citizen = store
        .create_citizen(&mut tx, &phone, &hash, yiwang_domain::Lang::ZhHans)
        .await?;
    let today = yiwang_domain::Timestamp::now().beijing_date();
    let id = ResidentId::parse(&citizen_id_number(), today).map_err(|c| c.as_str())?;
    let name = PersonName::parse("张三").map_err(|c| c.as_str())?;
    // The demo citizen was verified through the identity provider's sandbox, where 张三 is
    // listed (seed/identity/sandbox.tsv), so instant approval and certificates work for them.
    store
        .record_identity(&mut tx, citizen, &name, &id, Assurance::Provider)
        .await?;
    store
        .record_identity_check(
            &mut tx,
            &yiwang_store::identity::NewCheck {
                account: citizen,
                level: Assurance::Provider,
                method: "provider:sandbox",
                answer: "match",
                staff: None,
                place: None,
            },
        )
        .await?;
    store
        .notify(
            &mut tx,
            &yiwang_store::notify::Recipient::Account(citizen),
            &yiwang_domain::notification::Notice::Welcome,
        )
        .await?;
    store.set_setting(&mut tx, "demo", "1").await?;
    yiwang_store::commit(tx).await?;
    Ok(())
}

/// Demo guides: national-level facts (conditions, documents, steps, legal basis) for a few
/// items, so the demo shows a filled guide. Local facts (place, hours, phone, promised days)
/// stay "not yet filled"; the demo banner says the data is for trying out.
const DEMO_GUIDES: &str = include_str!("../../../seed/catalog/demo_guides.json");

/// Publishes the demo guides as a new version of each named item (once: items already past
/// version 1 are left alone).
pub async fn apply_demo_guides(store: &Store) -> Result<u64, BoxError> {
    let entries: Vec<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_str(DEMO_GUIDES)?;
    let rows = store.item_rows().await?;
    let mut applied = 0;
    for e in entries {
        let text = |k: &str| e.get(k).and_then(|v| v.as_str()).unwrap_or("").to_owned();
        let name = text("name");
        let Some(row) = rows.iter().find(|r| r.name == name && !r.is_group) else {
            tracing::warn!(%name, "demo guide for an item not in the catalogue");
            continue;
        };
        if row.version > 1 {
            continue;
        }
        let item = store.item(row.id).await?;
        let mut input = item.to_input();
        input.conditions = text("conditions");
        input.materials = text("materials");
        input.steps = text("steps");
        input.legal_basis = text("legal_basis");
        input.faq = text("faq");
        input.visits = text("visits");
        input.fees = text("fees");
        input.statutory_days = text("statutory_days");
        input.channels = e
            .get("channels")
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        input.note = "演示：按国家层面规定整理的示例指南，以部门发布为准".into();
        let mut tx = store.begin().await?;
        let valid = store.check_item(&mut tx, &input, Some(row.id)).await?;
        store
            .update_item(&mut tx, row.id, &valid, row.version, "demo")
            .await?;
        yiwang_store::commit(tx).await?;
        applied += 1;
    }
    Ok(applied)
}

/// Publishes the demo's online forms (`seed/forms/demo_forms.json`) for items that have none
/// yet, so a demo started before forms existed gets them on its next start. Item names in an
/// instant-approval rule's `items` list are turned into item ids.
pub async fn ensure_forms(store: &Store) -> Result<(), BoxError> {
    use yiwang_domain::application::ItemForm;
    let doc: serde_json::Value = serde_json::from_str(crate::data::DEMO_FORMS)?;
    let rows = store.item_rows().await?;
    let id_of = |name: &str, dept: Option<&str>| {
        rows.iter()
            .find(|r| r.name == name && !r.is_group && dept.is_none_or(|d| r.department_name == d))
            .map(|r| r.id)
    };
    let entries = doc["forms"].as_array().cloned().unwrap_or_default();
    let mut published = 0;
    for e in entries {
        let name = e["item"].as_str().unwrap_or_default().to_owned();
        let Some(item) = id_of(&name, e["department"].as_str()) else {
            tracing::warn!(%name, "demo form for an item not in the catalogue");
            continue;
        };
        if store.current_form(item).await?.is_some() {
            continue;
        }
        let bundle = ItemForm::from_seed(&e, |n| id_of(n, None).map(|x| x.to_string()))?;
        if let Err(errors) = bundle.check() {
            return Err(format!("the demo form of {name} is invalid: {errors:?}").into());
        }
        let mut tx = store.begin().await?;
        if let Some(spec) = &bundle.certificate {
            // The demo's departments are the registered issuers of the types their forms issue.
            let department = rows
                .iter()
                .find(|r| r.id == item)
                .map(|r| r.department)
                .ok_or("demo item vanished")?;
            store
                .register_certificate_type(&mut tx, &spec.cert_type, &spec.name.zh)
                .await?;
            store
                .authorise_issuer(&mut tx, &spec.cert_type, department)
                .await?;
        }
        store
            .save_form_draft(&mut tx, item, &bundle, "demo")
            .await?;
        store.publish_form(&mut tx, item).await?;
        yiwang_store::commit(tx).await?;
        published += 1;
    }
    if published > 0 {
        tracing::info!(published, "demo online forms published");
    }
    Ok(())
}
