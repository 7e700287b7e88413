//! Refunds within what was paid, and the finance officer's daily reconciliation: a payment
//! the provider has and we do not is found, and resolving it records it once.

use http::StatusCode;
use std::sync::atomic::Ordering;

use crate::support::*;

#[tokio::test]
async fn partial_refunds_never_exceed_the_payment_and_enter_the_ledger_once() {
    let rig = Rig::new().await;
    let (mut officer, _) = rig
        .t
        .staff(
            "cai.wu2",
            yiwang_domain::auth::Role::FinanceOfficer,
            None,
            "5116",
        )
        .await;
    let bill = rig.bill(None, "JJ-0101").await;
    let code = bill["code"].as_str().unwrap().to_owned();
    let mut c = rig.t.client();
    let cashier = press_pay(&mut c, &code, "张三", "k-0000000000000101")
        .await
        .location()
        .to_owned();
    c.get(&cashier).await.ok();
    let back = c.post_form(&cashier, &[("action", "pay")]).await;
    rig.drain().await;
    let attempt = back
        .location()
        .trim_start_matches("/pay/attempts/")
        .to_owned();
    let bill_page = format!("/console/payments/bills/{}", bill["id"].as_str().unwrap());
    officer.get(&bill_page).await.ok();
    let refund = format!("/console/payments/attempts/{attempt}/refund");
    let r = officer
        .post_form(&refund, &[("amount", "50"), ("reason", "部分撤销处罚")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // ¥150 left; ¥150.01 is refused and changes nothing.
    let r = officer
        .post_form(&refund, &[("amount", "150.01"), ("reason", "全部撤销")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("退款金额超过了已缴且未退的金额"),
        "{}",
        r.body
    );
    rig.drain().await;
    assert_eq!(rig.ledger().await, (1, 20000, 1, 5000));
    let r = officer
        .post_form(&refund, &[("amount", "150"), ("reason", "全部撤销")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    rig.drain().await;
    assert_eq!(rig.ledger().await, (1, 20000, 2, 20000));
    let (_, _, n, sum) = rig.t.store.sandbox_totals().await.unwrap();
    assert_eq!((n, sum.get()), (2, 20000));
}

#[tokio::test]
async fn a_payment_the_provider_has_and_we_do_not_is_found_and_resolving_it_adds_it_once() {
    let rig = Rig::new().await;
    let (mut officer, _) = rig
        .t
        .staff(
            "cai.wu3",
            yiwang_domain::auth::Role::FinanceOfficer,
            None,
            "5116",
        )
        .await;
    rig.payments
        .sandbox
        .knobs
        .drop
        .store(true, Ordering::Relaxed);
    // Two payments; one is settled, the other's word never reaches us (as if we crashed
    // between the provider's success and our commit, and the query job has not run yet).
    let mut c = rig.t.client();
    for (reference, key) in [
        ("JJ-0201", "k-0000000000000201"),
        ("JJ-0202", "k-0000000000000202"),
    ] {
        let bill = rig.bill(None, reference).await;
        let code = bill["code"].as_str().unwrap().to_owned();
        let cashier = press_pay(&mut c, &code, "张三", key)
            .await
            .location()
            .to_owned();
        c.get(&cashier).await.ok();
        let back = c.post_form(&cashier, &[("action", "pay")]).await;
        if reference == "JJ-0201" {
            c.get(back.location()).await.ok();
        }
    }
    assert_eq!(rig.ledger().await, (1, 20000, 0, 0));
    let day = yiwang_domain::Timestamp::now().beijing_date().to_string();
    officer.get("/console/payments/reconcile").await.ok();
    let r = officer
        .post_form("/console/payments/reconcile", &[("day", &day)])
        .await
        .ok();
    assert!(r.body.contains("当天账目不平衡"), "{}", r.body);
    assert!(r.body.contains("支付平台有、本平台没有"));
    // The finance officer's task on the console's home.
    let home = officer.get("/console").await.ok();
    assert!(home.body.contains("未平的对账日"), "{}", home.body);
    let csv = officer
        .get(&format!("/console/payments/reconcile.csv?day={day}"))
        .await
        .ok();
    assert!(
        csv.body.contains("only_provider") && csv.body.contains("matched"),
        "{}",
        csv.body
    );
    // Resolve, twice: one posting.
    officer
        .post_form("/console/payments/reconcile/resolve", &[("day", &day)])
        .await
        .ok();
    let r = officer
        .post_form("/console/payments/reconcile/resolve", &[("day", &day)])
        .await
        .ok();
    assert!(r.body.contains("当天账目平衡"), "{}", r.body);
    assert_eq!(rig.ledger().await, (2, 40000, 0, 0));
    // The query job finds nothing left; the statement file lists both.
    rig.drain().await;
    assert_eq!(rig.ledger().await, (2, 40000, 0, 0));
    let file = officer
        .get(&format!("/sandbox/statements/{day}.csv"))
        .await
        .ok();
    assert_eq!(file.body.lines().count(), 3, "{}", file.body);
    assert!(rig.t.store.unbalanced_days().await.unwrap().is_empty());
}
