//! The demo's personal records (SVC-3), so a new user sees them at once: a community clinic
//! (北辰社区卫生服务中心 of 区卫健局) registered as a source system, the demo citizen 张三's
//! health check and flu vaccination, their daughter 张小雨 linked to them by the 区卫健局
//! clerk 陈帮办 (`bangban`) who saw the household register, her vaccinations (one corrected),
//! and 陈帮办's read of them with a reason, which 张三 sees on their access log. Written once
//! (setting `demo_records`), straight through the store, as the demo's other data is.

use serde_json::{Value, json};
use yiwang_domain::Timestamp;
use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::{Grant, Role};
use yiwang_domain::identity::{PersonName, ResidentId};
use yiwang_domain::paging::Page;
use yiwang_domain::records::access::Evidence;
use yiwang_domain::records::{PushOutcome, RecordInput, builtin_schema, check_record, decide_push};
use yiwang_domain::region::RegionCode;
use yiwang_store::Store;
use yiwang_store::audit::{AuditActor, NewAudit};
use yiwang_store::records::NewVersion;
use yiwang_store::staff::Holder;

type BoxError = Box<dyn std::error::Error>;

/// The clinic's name, as its system client is registered.
pub const CLINIC: &str = "北辰社区卫生服务中心";

fn id_number(first17: &str) -> String {
    let c = yiwang_domain::identity::id_number::check_char(first17.as_bytes()) as char;
    format!("{first17}{c}")
}

/// Creates the demo's records once. `citizen_id_number` is the demo citizen's (张三).
pub async fn ensure(store: &Store, root: &str, citizen_id_number: &str) -> Result<(), BoxError> {
    if store.setting("demo_records").await?.as_deref() == Some("1") {
        return Ok(());
    }
    let Some(clerk) = store.staff_login("bangban").await? else {
        return Ok(());
    };
    let district = RegionCode::parse("511602").map_err(|_| "511602")?;
    let (departments, _) = store
        .list_departments(&district, "", Page::new(Some(1), Some(100), 100)?)
        .await?;
    let Some(health) = departments.iter().find(|d| d.name == "区卫健局") else {
        return Ok(());
    };
    let today = Timestamp::now().beijing_date();
    let parent = ResidentId::parse(citizen_id_number, today).map_err(|c| c.as_str())?;
    let Some(citizen) = store.find_citizen_by_id_number(&parent).await? else {
        return Ok(());
    };
    let child_id = id_number("51160220190815002");
    let child = ResidentId::parse(&child_id, today).map_err(|c| c.as_str())?;
    let child_name = PersonName::parse("张小雨").map_err(|c| c.as_str())?;

    let mut tx = store.begin().await?;
    let client = store.create_client(&mut tx, CLINIC, clerk.id).await?;
    let root = RegionCode::parse(root).map_err(|_| "root_region")?;
    let grant = Grant {
        role: Role::Observer,
        department: None,
        region: root,
    };
    store
        .add_grant(&mut tx, Holder::Client(client), &grant, None)
        .await?;
    store
        .save_record_source(
            &mut tx,
            client,
            health.id,
            &["vaccination".to_owned(), "health_check".to_owned()],
        )
        .await?;
    store
        .add_guardian_link(
            &mut tx,
            citizen,
            &child,
            child_name.expose(),
            Evidence::HouseholdRegister,
            &clerk.id.to_string(),
        )
        .await?;
    let vaccination = |id: &str, vaccine: &str, dose: &str, date: &str, lot: &str| {
        (
            "vaccination",
            id.to_owned(),
            child_id.clone(),
            "张小雨",
            date.to_owned(),
            json!({"vaccine": vaccine, "dose": dose, "lot": lot, "place": CLINIC,
                   "performer": "李芳", "status": "completed"}),
        )
    };
    let records = vec![
        (
            "health_check",
            "TJ-2026-0512-017".to_owned(),
            citizen_id_number.to_owned(),
            "张三",
            "2026-05-12".to_owned(),
            json!({"place": CLINIC, "height_cm": "172", "weight_kg": "65.5",
                   "blood_pressure": "118/76", "conclusion": "未见明显异常。",
                   "advice": "保持规律作息，每年体检一次。"}),
        ),
        (
            "vaccination",
            "YM-2025-1020-101".to_owned(),
            citizen_id_number.to_owned(),
            "张三",
            "2025-10-20".to_owned(),
            json!({"vaccine": "流感疫苗", "dose": "1", "lot": "202509F3", "place": CLINIC,
                   "performer": "李芳", "status": "completed"}),
        ),
        vaccination(
            "YM-2019-0815-001",
            "乙肝疫苗",
            "1",
            "2019-08-15",
            "201907B1",
        ),
        vaccination(
            "YM-2019-0915-002",
            "乙肝疫苗",
            "2",
            "2019-09-15",
            "201907B1",
        ),
        vaccination(
            "YM-2020-0215-003",
            "乙肝疫苗",
            "3",
            "2020-02-15",
            "202001B2",
        ),
        vaccination(
            "YM-2020-0815-004",
            "麻腮风疫苗",
            "1",
            "2020-08-15",
            "202006M1",
        ),
        // Sent with a wrong lot number, then corrected: both versions are kept.
        vaccination(
            "YM-2025-0915-005",
            "百白破疫苗",
            "4",
            "2025-09-15",
            "202508D9",
        ),
        vaccination(
            "YM-2025-0915-005",
            "百白破疫苗",
            "4",
            "2025-09-15",
            "202508D4",
        ),
    ];
    let now = Timestamp::now();
    for (kind, source_id, id, name, date, data) in records {
        let input = RecordInput {
            source_record_id: source_id,
            record_type: kind.to_owned(),
            id_number: id,
            name: name.to_owned(),
            date,
            data: data.as_object().cloned().unwrap_or_default(),
        };
        let schema = builtin_schema(kind).ok_or("schema")?;
        let clean = check_record(&input, &schema, today).map_err(|e| format!("{e:?}"))?;
        let fingerprint = store.record_fingerprint(&clean)?;
        let latest = store
            .latest_version(&mut tx, client, &clean.source_record_id)
            .await?;
        let version = match decide_push(
            latest.as_ref().map(|(_, v, f)| (*v, f.as_str())),
            &fingerprint,
        ) {
            PushOutcome::Unchanged => continue,
            PushOutcome::Created => 1,
            PushOutcome::Corrected { version } => version,
        };
        if let Some((old, _, _)) = latest {
            store.supersede_record(&mut tx, old, now).await?;
        }
        let index = store.person_index(&clean.id_number);
        store
            .insert_record_version(
                &mut tx,
                NewVersion {
                    record: &clean,
                    source: client,
                    version,
                    fingerprint: &fingerprint,
                    person_index: &index,
                    at: now,
                },
            )
            .await?;
    }
    // 陈帮办 read the daughter's records before a catch-up dose: 张三 sees who, when and why.
    store
        .audit(
            &mut tx,
            NewAudit {
                actor: AuditActor {
                    id: Some(clerk.id.to_string()),
                    name: "陈帮办".into(),
                    org: Some(health.name.clone()),
                },
                action: AuditAction::RecordRead,
                target_kind: Some("records"),
                target_id: None,
                subject: Some(citizen),
                region: None,
                department: Some(health.id),
                detail: Some(json!({
                    "reason": "核对孩子的接种史，安排下一剂疫苗",
                    "fields": ["records"],
                    "records": 5,
                    "types": ["预防接种"],
                }) as Value),
                request_id: None,
            },
        )
        .await?;
    store.set_setting(&mut tx, "demo_records", "1").await?;
    yiwang_store::commit(tx).await?;
    Ok(())
}
