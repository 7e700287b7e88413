//! An item with a fee (SVC-1): accepting its case asks the payments capability for the
//! applicant's bill, once, in the acceptance's own transaction; an item without one asks
//! nothing. The bill itself is made and paid in the payments crate's tests.

use serde_json::json;
use yiwang_domain::application::FeeSpec;
use yiwang_domain::auth::Role;

use crate::applications::{step_ok, test_form, world};

/// How many fee jobs the queue holds, in any state.
async fn fee_jobs(t: &crate::support::TestApp) -> i64 {
    t.store
        .queue_stats()
        .await
        .unwrap()
        .iter()
        .filter(|s| s.kind == yiwang_store::payments::CASE_FEE_JOB)
        .map(|s| s.count)
        .sum()
}

#[tokio::test]
async fn accepting_a_case_of_an_item_with_a_fee_asks_for_its_bill_once() {
    let mut w = world().await;
    let mut reviewer = w.staff("fee.reviewer", Role::Reviewer).await;

    // Without a fee, acceptance asks for nothing.
    let plain = w.submitted().await;
    let plain = plain["id"].as_str().unwrap().to_owned();
    step_ok(&mut w, &mut reviewer, &plain, json!({ "action": "accept" })).await;
    assert_eq!(fee_jobs(&w.t).await, 0);

    // The item now charges ¥80; the next application is accepted, returned for a paper,
    // supplemented and moved on: one request for one bill.
    let mut form = test_form();
    form.fee = Some(FeeSpec {
        unit: "511602101".into(),
        title: "不动产登记费".into(),
        amount_fen: 8000,
        due_days: 15,
    });
    let item = w.item.parse().unwrap();
    w.version = w.t.publish_form(item, &form).await;
    let case = w.submitted().await;
    let case = case["id"].as_str().unwrap().to_owned();
    assert_eq!(fee_jobs(&w.t).await, 0, "not before acceptance");
    step_ok(&mut w, &mut reviewer, &case, json!({ "action": "accept" })).await;
    assert_eq!(fee_jobs(&w.t).await, 1, "asked when accepted");
    step_ok(
        &mut w,
        &mut reviewer,
        &case,
        json!({ "action": "advance", "note": "材料齐全" }),
    )
    .await;
    assert_eq!(fee_jobs(&w.t).await, 1, "asked once");
}

#[tokio::test]
async fn a_fee_that_cannot_be_charged_is_refused_with_every_reason() {
    let mut form = test_form();
    form.fee = Some(FeeSpec {
        unit: " ".into(),
        title: "费".into(),
        amount_fen: 0,
        due_days: 365,
    });
    let e = form.check().unwrap_err();
    let fields: Vec<String> = e.iter().map(|f| f.field.to_string()).collect();
    for f in ["fee.unit", "fee.title", "fee.amount", "fee.due_days"] {
        assert!(fields.iter().any(|x| x == f), "{f} in {fields:?}");
    }
}

#[tokio::test]
async fn an_editor_sets_the_fee_in_the_builder_and_a_wrong_one_is_refused_with_its_reasons() {
    use http::StatusCode;
    let w = world().await;
    let t = &w.t;
    let item: yiwang_domain::ids::ItemId = w.item.parse().unwrap();
    let mut tx = t.store.begin().await.unwrap();
    t.store
        .put_pay_unit(&mut tx, "511602201", "广安区不动产登记中心", "511602", None)
        .await
        .unwrap();
    yiwang_store::commit(tx).await.unwrap();
    let (mut editor, _) = t
        .staff("fee.editor", Role::DeptAdmin, Some(t.dept_a), "511602")
        .await;
    let base = format!("/console/items/{item}/form");
    editor.post_form(&format!("{base}/draft"), &[]).await;
    let page = format!("{base}/workflow");
    let r = editor.get(&page).await.ok();
    assert!(r.body.contains("此事项收费") && r.body.contains("511602201 广安区不动产登记中心"));
    let rev = |body: &str| {
        let mark = "name=\"revision\" value=\"";
        let at = body.find(mark).unwrap() + mark.len();
        body[at..at + body[at..].find('"').unwrap()].to_owned()
    };

    // A unit that is not the deployment's, half a fen and a year to pay: every reason, nothing saved.
    let r = editor
        .post_form(
            &page,
            &[
                ("revision", &rev(&r.body)),
                ("action", "fee"),
                ("fee.on", "on"),
                ("fee.unit", "999999999"),
                ("fee.title", "不动产登记费"),
                ("fee.amount", "80.005"),
                ("fee.due_days", "365"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    for id in [
        "f-fee-unit-error",
        "f-fee-amount-error",
        "f-fee-due_days-error",
    ] {
        assert!(r.body.contains(id), "{id} in {}", r.body);
    }
    let draft = |t: &crate::support::TestApp| {
        let store = t.store.clone();
        async move {
            store
                .form_versions(item)
                .await
                .unwrap()
                .into_iter()
                .find(|v| v.published_at.is_none())
                .unwrap()
                .bundle
        }
    };
    assert_eq!(draft(t).await.fee, None);

    // Right, it is saved in fen and the overview says so.
    let r = editor.get(&page).await.ok();
    let r = editor
        .post_form(
            &page,
            &[
                ("revision", &rev(&r.body)),
                ("action", "fee"),
                ("fee.on", "on"),
                ("fee.unit", "511602201"),
                ("fee.title", "不动产登记费"),
                ("fee.amount", "80"),
                ("fee.due_days", "15"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        draft(t).await.fee,
        Some(FeeSpec {
            unit: "511602201".into(),
            title: "不动产登记费".into(),
            amount_fen: 8000,
            due_days: 15,
        })
    );
    assert!(editor.get(&base).await.body.contains("不动产登记费 ¥80.00"));
}
