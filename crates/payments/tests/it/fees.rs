//! An application's fee (SVC-1): once its case is accepted, the `case_fee` job bills the
//! applicant for the item's fee — tied to their account and to the case, once however often
//! it runs — the applicant is told, pays it, and is told again; a unit removed since the form
//! was published stops the job for an operator instead of retrying for ever.

use http::StatusCode;
use yiwang_domain::application::{FeeSpec, ItemForm};
use yiwang_domain::ids::CaseId;

use crate::support::*;

const ITEM: &str = "最低生活保障";
const PHONE: &str = "13822223333";
const NAME: &str = "王秀兰";

/// The real catalogue with the item's form charging ¥80 to `unit`, a verified applicant, and
/// their case (submitted as the applications' use case stores it). Returns the case.
async fn applied(rig: &Rig, unit: &str) -> (Client, CaseId) {
    let t = &rig.t;
    t.import_catalogue(&TestApp::real_catalogue(3, &[ITEM]))
        .await;
    let item = t.item_named(ITEM);
    let mut form = ItemForm::starter();
    form.fee = Some(FeeSpec {
        unit: unit.into(),
        title: "不动产登记费".into(),
        amount_fen: 8000,
        due_days: 15,
    });
    let version = t.publish_form(item.id, &form).await;
    let citizen = t
        .verified_citizen(PHONE, NAME, &id_number("51160219800101002"))
        .await;
    let account = t.citizen_id(PHONE).await;
    let answers = Default::default();
    let mut tx = t.store.begin().await.unwrap();
    let (case, _) = t
        .store
        .submit_case(
            &mut tx,
            &yiwang_store::applications::cases::NewCase {
                item_id: item.id,
                form_version: version,
                account_id: account,
                department_id: item.department,
                region_code: "511602",
                answers: &answers,
                idempotency_key: None,
                request_hash: "test",
                limit_days: Some(10),
                assisted_by: None,
            },
        )
        .await
        .unwrap();
    // What the applications' step does when it accepts the case.
    t.store.enqueue_case_fee(&mut tx, case.id).await.unwrap();
    yiwang_store::commit(tx).await.unwrap();
    (citizen, case.id)
}

#[tokio::test]
async fn an_accepted_application_bills_its_applicant_once_who_pays_and_is_told_each_time() {
    let rig = Rig::new().await;
    let (mut citizen, case) = applied(&rig, UNIT).await;
    rig.drain().await;

    let id = rig
        .t
        .store
        .bill_of_case(case)
        .await
        .unwrap()
        .expect("billed");
    let bill = rig.t.store.bill(id).await.unwrap().unwrap();
    assert_eq!(bill.amount.get(), 8000);
    assert_eq!(bill.title, "不动产登记费");
    assert_eq!(bill.payer_account, Some(rig.t.citizen_id(PHONE).await));
    assert_eq!(bill.payer_name, NAME);
    // Again (a retried job, a second acceptance's request): the same bill.
    let again = yiwang_payments::services::bills::bill_case(&rig.t.state, case)
        .await
        .unwrap();
    assert_eq!(again, Some(id));
    let mut tx = rig.t.store.begin().await.unwrap();
    rig.t.store.enqueue_case_fee(&mut tx, case).await.unwrap();
    yiwang_store::commit(tx).await.unwrap();
    rig.drain().await;
    assert_eq!(
        rig.t
            .store
            .bills_of_account(bill.payer_account.unwrap())
            .await
            .unwrap()
            .len(),
        1
    );

    // The applicant is told, with the code, and finds the bill among their payments.
    let inbox = citizen.get("/account/messages").await.ok();
    assert!(
        inbox.body.contains("待缴费用") && inbox.body.contains("¥80.00"),
        "{}",
        inbox.body
    );
    let mine = citizen.get(&format!("/account/payments/{id}")).await.ok();
    assert!(mine.body.contains("不动产登记费"), "{}", mine.body);

    // They pay it by its code and their name; the payment is recorded and they are told.
    let code = bill.code.as_str().to_owned();
    let r = press_pay(&mut citizen, &code, NAME, "k-fee-0000000001").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let cashier = r.location().to_owned();
    citizen.post_form(&cashier, &[("action", "pay")]).await;
    rig.drain().await;
    assert_eq!(rig.ledger().await, (1, 8000, 0, 0));
    let inbox = citizen.get("/account/messages").await.ok();
    assert!(inbox.body.contains("缴费成功"), "{}", inbox.body);
}

#[tokio::test]
async fn a_fee_for_a_unit_that_no_longer_exists_stops_for_an_operator_and_bills_nobody() {
    let rig = Rig::new().await;
    let (_, case) = applied(&rig, "511699999").await;
    let e = yiwang_payments::services::bills::bill_case(&rig.t.state, case)
        .await
        .unwrap_err();
    assert!(matches!(e, yiwang_kit::error::Error::Domain(_)), "{e:?}");
    rig.drain().await;
    assert_eq!(rig.t.store.bill_of_case(case).await.unwrap(), None);
    let (dead, _) = rig
        .t
        .store
        .list_jobs(
            yiwang_domain::job::JobStatus::Dead,
            yiwang_domain::paging::Page::new(None, None, 10).unwrap(),
        )
        .await
        .unwrap();
    assert!(
        dead.iter()
            .any(|j| j.kind == yiwang_store::payments::CASE_FEE_JOB),
        "the job is a dead letter for an operator to see"
    );
}

#[tokio::test]
async fn ten_lookups_that_find_nothing_block_the_address_but_not_before() {
    let rig = Rig::new().await;
    let bill = rig.bill(None, "JJ-RATE").await;
    let code = bill["code"].as_str().unwrap().to_owned();
    let mut c = rig.t.client();
    c.get("/pay").await.ok();
    // Finding the bill is never counted.
    for _ in 0..12 {
        let r = c
            .post_form("/pay", &[("code", &code), ("name", "张三")])
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    for i in 0..10 {
        let r = c
            .post_form("/pay", &[("code", &code), ("name", "李四")])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "miss {i}");
    }
    // Now even the right name waits: guessing stops here.
    let r = c
        .post_form("/pay", &[("code", &code), ("name", "张三")])
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
    rig.t.forget_rate_limits().await;
    let r = c
        .post_form("/pay", &[("code", &code), ("name", "张三")])
        .await;
    assert_eq!(r.status, StatusCode::OK);
}
