//! Collecting units send bills through the API: each for its own unit only, amounts in whole
//! fen, the same reference twice is one bill; every bad input changes nothing.

use http::{Method, StatusCode};
use serde_json::json;

use crate::support::*;

fn bill(unit: &str, amount: serde_json::Value) -> serde_json::Value {
    json!({
        "unit": unit, "external_ref": "N-1", "payer_name": "王五", "title": "考试报名费",
        "items": [{"name": "报名费", "amount_fen": amount}], "due_on": "2099-01-31",
    })
}

async fn count_bills(rig: &Rig) -> usize {
    rig.t.store.recent_bills(None, 100).await.unwrap().len()
}

#[tokio::test]
async fn a_unit_creates_a_bill_once_per_reference_and_only_for_itself() {
    let rig = Rig::new().await;
    let mut unit = rig.unit();
    let r = unit
        .json(Method::POST, "/api/v1/bills", bill(UNIT, json!(12000)))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let first = r.json();
    let code = first["code"].as_str().unwrap();
    assert_eq!(code.len(), 20);
    assert!(yiwang_domain::payments::BillCode::parse(code).is_ok());
    // Sent again (a retry): the same bill, 200.
    let r = unit
        .json(Method::POST, "/api/v1/bills", bill(UNIT, json!(12000)))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["id"], first["id"]);
    // Read back.
    let r = unit
        .get(&format!("/api/v1/bills/{}", first["id"].as_str().unwrap()))
        .await
        .ok();
    assert_eq!(r.json()["amount_fen"], 12000);
    assert_eq!(r.json()["paid"], false);
    // The other unit's bill: forbidden, and it cannot read this one.
    let r = unit
        .json(
            Method::POST,
            "/api/v1/bills",
            bill(OTHER_UNIT, json!(12000)),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let mut other = rig.t.client();
    other.bearer = Some(rig.other_token.clone());
    let r = other
        .get(&format!("/api/v1/bills/{}", first["id"].as_str().unwrap()))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(count_bills(&rig).await, 1);
}

#[tokio::test]
async fn amounts_with_fractions_of_a_fen_and_other_bad_bills_are_refused_and_change_nothing() {
    let rig = Rig::new().await;
    let mut unit = rig.unit();
    let r = unit
        .json(Method::POST, "/api/v1/bills", bill(UNIT, json!(12000.5)))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(
        r.json()["error"]["fields"][0]["code"],
        "amount_not_whole_fen"
    );
    let r = unit
        .json(Method::POST, "/api/v1/bills", bill(UNIT, json!(-5)))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = unit
        .json(Method::POST, "/api/v1/bills", bill(UNIT, json!(0)))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut b = bill(UNIT, json!(100));
    b["due_on"] = json!("2099-02-30");
    b["payer_name"] = json!("");
    let r = unit.json(Method::POST, "/api/v1/bills", b).await;
    let fields: Vec<String> = r.json()["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        fields.contains(&"due_on".to_owned()) && fields.contains(&"payer_name".to_owned()),
        "{fields:?}"
    );
    let r = unit
        .json(Method::POST, "/api/v1/bills", bill("999999", json!(100)))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A citizen cannot create bills.
    let mut citizen = rig.t.citizen("13800000032").await;
    let r = citizen
        .json(Method::POST, "/api/v1/bills", bill(UNIT, json!(100)))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(count_bills(&rig).await, 0);
}

#[tokio::test]
async fn a_finance_officer_makes_a_bill_in_the_console_and_amounts_in_yuan_are_exact() {
    let rig = Rig::new().await;
    let (mut officer, _) = rig
        .t
        .staff(
            "cai.wu",
            yiwang_domain::auth::Role::FinanceOfficer,
            None,
            "5116",
        )
        .await;
    let page = officer.get("/console/payments").await.ok();
    assert!(page.body.contains(UNIT));
    let form = |amount: &'static str| {
        vec![
            ("unit", UNIT),
            ("payer_name", "赵六"),
            ("payer_phone", ""),
            ("title", "占道经营罚款"),
            ("amount", amount),
            ("due_on", "2099-03-01"),
            ("late_fee_bp", "30"),
        ]
    };
    let r = officer
        .post_form("/console/payments/bills", &form("12.345"))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("金额最多精确到分"), "{}", r.body);
    assert_eq!(count_bills(&rig).await, 0);
    let r = officer
        .post_form("/console/payments/bills", &form("1,200.50"))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = officer.get(r.location()).await.ok();
    assert!(page.body.contains("¥1,200.50"), "{}", page.body);
    // A reviewer of a department has no payments console.
    let (mut reviewer, _) = rig
        .t
        .staff(
            "shen.he",
            yiwang_domain::auth::Role::Reviewer,
            Some(rig.t.dept_a),
            "511602",
        )
        .await;
    assert_eq!(
        reviewer.get("/console/payments").await.status,
        StatusCode::FORBIDDEN
    );
}
