//! A payer finds a bill by its code and pays it through the sandbox; every way the provider's
//! word arrives — notification, duplicates, replays, out of order, the return page, the query
//! job — records the payment once.

use http::StatusCode;
use serde_json::json;
use std::sync::atomic::Ordering;

use crate::support::*;

#[tokio::test]
async fn a_payer_with_the_code_and_name_pays_once_and_gets_a_verifiable_receipt() {
    let rig = Rig::new().await;
    let bill = rig.bill(None, "JJ-0001").await;
    let code = bill["code"].as_str().unwrap().to_owned();
    let mut c = rig.t.client();

    // Typed from paper in groups, with a wrong digit: refused with the checksum error.
    let mut wrong = code.clone().into_bytes();
    wrong[5] = if wrong[5] == b'9' { b'0' } else { wrong[5] + 1 };
    let wrong = String::from_utf8(wrong).unwrap();
    c.get("/pay").await.ok();
    let r = c
        .post_form("/pay", &[("code", &wrong), ("name", "张三")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("缴款码有一位不对"), "{}", r.body);
    // The right code with another payer's name: the same answer as no bill at all.
    let r = c
        .post_form("/pay", &[("code", &code), ("name", "李四")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("没有找到这张缴款单"));

    // A double click: the same key twice, then a fresh page's key — one order at the sandbox.
    let key = "k-0000000000000001";
    let first = press_pay(&mut c, &code, "张三", key).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    let cashier = first.location().to_owned();
    assert!(cashier.starts_with("/sandbox/pay/SBX"), "{cashier}");
    let again = press_pay(&mut c, &code, "张三", key).await;
    assert_eq!(again.location(), cashier);
    let other_key = press_pay(&mut c, &code, "张三", "k-0000000000000002").await;
    assert_eq!(other_key.location(), cashier);

    // The cashier page shows the amount and a QR code; the payer pays.
    let page = c.get(&cashier).await.ok();
    assert!(page.body.contains("¥200.00") && page.body.contains("<svg"));
    let back = c.post_form(&cashier, &[("action", "pay")]).await;
    assert_eq!(back.status, StatusCode::SEE_OTHER);
    let result = back.location().to_owned();
    assert!(result.starts_with("/pay/attempts/"));

    // The notifier sends the signed notification (twice, as providers do).
    rig.payments
        .sandbox
        .knobs
        .extra_copies
        .store(0, Ordering::Relaxed);
    assert!(rig.drain().await >= 1);
    assert_eq!(rig.ledger().await, (1, 20000, 0, 0));

    // The return page after the notification: done, with the receipt.
    let done = c.get(&result).await.ok();
    assert!(done.body.contains("缴费成功"), "{}", done.body);
    let receipt = done
        .body
        .split("href=\"/pay/receipts/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    let rpage = c.get(&format!("/pay/receipts/{receipt}")).await.ok();
    assert!(
        rpage.body.contains("张*") && !rpage.body.contains("张三"),
        "the payer is masked"
    );
    let verify = rpage
        .body
        .split("href=\"/pay/verify?t=")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    let ok = c.get(&format!("/pay/verify?t={verify}")).await.ok();
    assert!(ok.body.contains("这张票据由本平台签发"));
    // One character changed in the token: refused.
    let mut forged = verify.clone().into_bytes();
    let i = forged.len() - 5;
    forged[i] = if forged[i] == b'A' { b'B' } else { b'A' };
    let bad = c
        .get(&format!(
            "/pay/verify?t={}",
            String::from_utf8(forged).unwrap()
        ))
        .await
        .ok();
    assert!(bad.body.contains("无法验证"));
    let svg = c.get(&format!("/pay/receipts/{receipt}/qr.svg")).await.ok();
    assert!(svg.body.starts_with("<svg") || svg.body.contains("<svg"));

    // Paying again: the bill is paid, the page says so, nothing is charged.
    let r = press_pay_after_paid(&mut c, &code).await;
    assert!(r.contains("已缴清"), "{r}");
    assert_eq!(rig.ledger().await, (1, 20000, 0, 0));
}

async fn press_pay_after_paid(c: &mut Client, code: &str) -> String {
    c.get("/pay").await.ok();
    c.post_form("/pay", &[("code", code), ("name", "张三")])
        .await
        .ok()
        .body
}

#[tokio::test]
async fn duplicate_replayed_out_of_order_and_forged_notifications_change_nothing_more() {
    let rig = Rig::new().await;
    let bill = rig.bill(None, "JJ-0002").await;
    let code = bill["code"].as_str().unwrap().to_owned();
    let mut c = rig.t.client();
    // Three copies of each notification, as an impatient provider sends them.
    rig.payments
        .sandbox
        .knobs
        .extra_copies
        .store(2, Ordering::Relaxed);
    let cashier = press_pay(&mut c, &code, "张三", "k-0000000000000003")
        .await
        .location()
        .to_owned();
    c.get(&cashier).await.ok();
    c.post_form(&cashier, &[("action", "pay")]).await;
    rig.drain().await;
    assert_eq!(rig.ledger().await, (1, 20000, 0, 0));

    let trade = trade_no(&cashier);
    let sandbox = &rig.payments.sandbox;
    let body = sandbox.notification_body("order", &trade).await.unwrap();
    let mut provider = rig.t.client();
    // Replayed later, by the provider or anyone who caught it: "success", nothing more.
    for _ in 0..3 {
        let r = provider
            .request(
                http::Method::POST,
                "/payments/notify/sandbox",
                Some("text/plain"),
                body.clone().into_bytes(),
                &[],
            )
            .await;
        assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "success"));
    }
    // A "closed" word signed by the provider arriving after the success: no change.
    let order = rig.t.store.sandbox_order(&trade).await.unwrap().unwrap();
    let stale = sandbox
        .sign(&json!({"type": "sandbox.notify", "event": "order", "merchant_ref": order.merchant_ref, "state": "closed", "trade_no": trade, "amount_fen": 20000}))
        .await
        .unwrap();
    let r = provider
        .request(
            http::Method::POST,
            "/payments/notify/sandbox",
            Some("text/plain"),
            stale.into_bytes(),
            &[],
        )
        .await;
    assert_eq!(r.body, "success");
    // A forged one (another key's signature over a success of a bigger amount): "fail".
    let forger = yiwang_crypto::certs::SigningKey::generate().unwrap();
    let forged = forger
        .sign(&json!({"v": 1, "kid": forger.kid(), "type": "sandbox.notify", "event": "order", "merchant_ref": order.merchant_ref, "state": "paid", "trade_no": "X", "amount_fen": 1}))
        .unwrap();
    let r = provider
        .request(
            http::Method::POST,
            "/payments/notify/sandbox",
            Some("text/plain"),
            forged.into_bytes(),
            &[],
        )
        .await;
    assert_eq!(r.body, "fail");
    // Garbage, and a notification for an order we never made: "fail".
    let r = provider
        .request(
            http::Method::POST,
            "/payments/notify/sandbox",
            Some("text/plain"),
            b"trade_status=TRADE_SUCCESS".to_vec(),
            &[],
        )
        .await;
    assert_eq!(r.body, "fail");
    let unknown = sandbox
        .sign(&json!({"type": "sandbox.notify", "event": "order", "merchant_ref": yiwang_domain::ids::PaymentId::generate().to_string(), "state": "paid", "trade_no": "SBXnone", "amount_fen": 20000}))
        .await
        .unwrap();
    let r = provider
        .request(
            http::Method::POST,
            "/payments/notify/sandbox",
            Some("text/plain"),
            unknown.into_bytes(),
            &[],
        )
        .await;
    assert_eq!(r.body, "fail");
    assert_eq!(rig.ledger().await, (1, 20000, 0, 0));
    let (paid, sum, _, _) = rig.t.store.sandbox_totals().await.unwrap();
    assert_eq!(
        (paid, sum.get()),
        (1, 20000),
        "the ledger balances with the provider"
    );
}

#[tokio::test]
async fn with_notifications_lost_and_the_browser_closed_the_query_job_records_the_payment_and_the_wallet_has_the_receipt()
 {
    let rig = Rig::new().await;
    // The citizen exists before any payment job (the platform's own worker knows none).
    let mut citizen = rig.t.citizen("13800000031").await;
    let bill = rig.bill(Some("13800000031"), "JJ-0003").await;
    assert_eq!(bill["has_account"], true);
    rig.payments
        .sandbox
        .knobs
        .drop
        .store(true, Ordering::Relaxed);

    // The bill is in 我的缴费 without typing anything.
    let mine = citizen.get("/account/payments").await.ok();
    assert!(mine.body.contains("交通违法罚款"), "{}", mine.body);
    let id = bill["id"].as_str().unwrap();
    let page = citizen.get(&format!("/account/payments/{id}")).await.ok();
    let key = input_value(&page.body, "key");
    let r = citizen
        .post_form(
            &format!("/pay/bills/{id}/start"),
            &[("code", ""), ("name", ""), ("key", &key)],
        )
        .await;
    let cashier = r.location().to_owned();
    citizen.get(&cashier).await.ok();
    citizen.post_form(&cashier, &[("action", "pay")]).await;
    // The browser is closed here: the return page is never opened, no notification comes.
    assert_eq!(rig.ledger().await, (0, 0, 0, 0));
    rig.drain().await;
    assert_eq!(rig.ledger().await, (1, 20000, 0, 0));
    let mine = citizen.get("/account/payments").await.ok();
    assert!(mine.body.contains("/pay/receipts/"), "{}", mine.body);
    let wallet = citizen.get("/account/certificates").await.ok();
    assert!(
        wallet.body.contains("缴费票据") && wallet.body.contains("/pay/receipts/"),
        "{}",
        wallet.body
    );
    // Later notifications (the knob back) change nothing.
    rig.payments
        .sandbox
        .knobs
        .drop
        .store(false, Ordering::Relaxed);
    rig.drain().await;
    assert_eq!(rig.ledger().await, (1, 20000, 0, 0));
}

#[tokio::test]
async fn a_cancelled_payment_charges_nothing_and_the_bill_can_be_paid_again() {
    let rig = Rig::new().await;
    let bill = rig.bill(None, "JJ-0004").await;
    let code = bill["code"].as_str().unwrap().to_owned();
    let mut c = rig.t.client();
    let cashier = press_pay(&mut c, &code, "张三", "k-0000000000000004")
        .await
        .location()
        .to_owned();
    c.get(&cashier).await.ok();
    let back = c.post_form(&cashier, &[("action", "cancel")]).await;
    let result = c.get(back.location()).await.ok();
    assert!(result.body.contains("这次支付没有完成"), "{}", result.body);
    rig.drain().await;
    // A second order is opened now, and paid.
    let second = press_pay(&mut c, &code, "张三", "k-0000000000000005")
        .await
        .location()
        .to_owned();
    assert_ne!(second, cashier);
    c.get(&second).await.ok();
    c.post_form(&second, &[("action", "pay")]).await;
    rig.drain().await;
    assert_eq!(rig.ledger().await, (1, 20000, 0, 0));
}

#[tokio::test]
async fn two_arrivals_of_one_success_at_the_same_moment_record_it_once() {
    let rig = Rig::new().await;
    rig.payments
        .sandbox
        .knobs
        .drop
        .store(true, Ordering::Relaxed);
    let bill = rig.bill(None, "JJ-0005").await;
    let code = bill["code"].as_str().unwrap().to_owned();
    let mut c = rig.t.client();
    let cashier = press_pay(&mut c, &code, "张三", "k-0000000000000006")
        .await
        .location()
        .to_owned();
    c.get(&cashier).await.ok();
    let back = c.post_form(&cashier, &[("action", "pay")]).await;
    let attempt: yiwang_domain::ids::PaymentId = back
        .location()
        .trim_start_matches("/pay/attempts/")
        .parse()
        .unwrap();
    let state = &rig.t.state;
    let (a, b, d) = tokio::join!(
        yiwang_payments::services::pay::query(state, attempt, "query"),
        yiwang_payments::services::pay::query(state, attempt, "return"),
        yiwang_payments::services::pay::query(state, attempt, "notification"),
    );
    let recorded = [a.unwrap(), b.unwrap(), d.unwrap()]
        .iter()
        .filter(|s| **s == yiwang_payments::services::pay::Settled::Recorded)
        .count();
    assert_eq!(recorded, 1);
    assert_eq!(rig.ledger().await, (1, 20000, 0, 0));
}
