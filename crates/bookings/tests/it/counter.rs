//! The counter: the day's list, check-in by the QR code's content (typed or scanned), only by
//! staff of the place's department and only on the day; no-shows, and the block after
//! repeated ones; the day-before reminder sent once; the hall manager's utilisation.

use http::{Method, StatusCode};
use yiwang_domain::auth::Role;

use crate::support::*;

fn today() -> time::Date {
    yiwang_domain::Timestamp::now().beijing_date()
}

#[tokio::test]
async fn a_clerk_checks_a_person_in_by_their_code_on_the_day_and_only_once() {
    let t = TestApp::new().await;
    let (place, mut m) = hall(&t, 3).await;
    let slots = slots_on(&mut m, &place, tomorrow()).await;
    let mut c = t
        .verified_citizen("13800000002", "李四", "11010519491231002X")
        .await;
    let mine = book(&mut c, &slots[0], "c1", false).await;
    assert_eq!(mine.status, StatusCode::CREATED, "{}", mine.body);
    let id = mine.json()["id"].as_str().unwrap().to_owned();
    let code = mine.json()["code"].as_str().unwrap().to_owned();

    let (mut clerk, _) = t
        .staff("chuangkou", Role::WindowClerk, Some(t.dept_a), "511602")
        .await;
    let (mut stranger, _) = t
        .staff("other", Role::WindowClerk, Some(t.dept_b), "511602")
        .await;

    // Not on the day yet.
    let r = clerk
        .post_form(
            "/console/bookings/check-in",
            &[("code", &code), ("place", &place)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("只能在预约当天签到"), "{}", r.body);
    let me = t.citizen_id("13800000002").await;
    assert_eq!(
        t.store.open_bookings(me).await.unwrap(),
        1,
        "nothing changed"
    );

    move_to_day(&t, &id, today()).await;
    let list = clerk
        .get(&format!("/console/bookings/places/{place}"))
        .await
        .ok();
    assert!(
        list.body.contains("李*"),
        "masked name on the day's list: {}",
        list.body
    );
    assert!(!list.body.contains("李四"));

    // A clerk of another department may not.
    let r = stranger
        .post_form(
            "/console/bookings/check-in",
            &[("code", &code), ("place", &place)],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // A mistyped code: a clear error on the page, nothing changes.
    let r = clerk
        .post_form(
            "/console/bookings/check-in",
            &[("code", "ABC"), ("place", &place)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("没有这个签到码的预约"), "{}", r.body);

    // Typed in lower case with a dash, as a scanner or a person might.
    let typed = format!("{}-{}", &code[..9].to_lowercase(), &code[9..]);
    let r = clerk
        .post_form(
            "/console/bookings/check-in",
            &[("code", &typed), ("place", &place)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = clerk.get(r.location()).await.ok();
    assert!(page.body.contains("签到成功"), "{}", page.body);
    let r = clerk
        .post_form(
            "/console/bookings/check-in",
            &[("code", &code), ("place", &place)],
        )
        .await;
    let page = clerk.get(r.location()).await.ok();
    assert!(
        page.body.contains("已经签到过"),
        "a second scan changes nothing"
    );
    let me = t.citizen_id("13800000002").await;
    assert_eq!(
        t.store.open_bookings(me).await.unwrap(),
        0,
        "served: no longer open"
    );

    // Through the API too, for a counter app.
    let r = clerk
        .json(
            Method::POST,
            "/api/v1/bookings/check-in",
            serde_json::json!({ "code": code }),
        )
        .await
        .ok();
    assert_eq!(r.json()["again"], true);

    // The audit log has the check-in, with the citizen as subject.
    use sqlx::Row;
    let n: i64 = sqlx::query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'booking_served'")
        .fetch_one(t.store.db.reader())
        .await
        .unwrap()
        .try_get("n")
        .unwrap();
    assert_eq!(n, 1);

    // The manager's utilisation shows it.
    let u = m
        .get(&format!("/console/bookings/places/{place}/utilisation"))
        .await
        .ok();
    assert!(u.body.contains("<td>1</td>"), "{}", u.body);
    // A clerk may not see capacity settings.
    let r = clerk
        .get(&format!("/console/bookings/places/{place}/capacity"))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn three_no_shows_block_booking_for_a_while() {
    let t = TestApp::new().await;
    let (place, mut m) = hall(&t, 3).await;
    let (mut clerk, _) = t
        .staff("chuangkou", Role::WindowClerk, Some(t.dept_a), "511602")
        .await;
    let (me, mut c) = app_citizens(&t, 1).await.remove(0);
    for n in 0..3 {
        let day = tomorrow() + time::Duration::days(n);
        let slot = slots_on(&mut m, &place, day).await[0].clone();
        let r = book(&mut c, &slot, &format!("n{n}"), false).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let id = r.json()["id"].as_str().unwrap().to_owned();
        // Not yet started: a no-show cannot be marked.
        if n == 0 {
            let r = clerk
                .post_form(&format!("/console/bookings/{id}/no-show"), &[])
                .await;
            assert_eq!(r.status, StatusCode::CONFLICT);
        }
        move_to_day(&t, &id, today() - time::Duration::days(1)).await;
        if n < 2 {
            let r = clerk
                .post_form(&format!("/console/bookings/{id}/no-show"), &[])
                .await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        }
    }
    // The third nobody marked: the end-of-day sweep makes it a no-show.
    let ended = yiwang_bookings::services::remind::sweep(&t.state)
        .await
        .unwrap();
    assert_eq!(ended, 1);
    assert_eq!(t.store.booking_no_show_days(me).await.unwrap().len(), 3);
    assert_eq!(t.store.open_bookings(me).await.unwrap(), 0);
    let slot = slots_on(&mut m, &place, tomorrow() + time::Duration::days(4)).await[0].clone();
    let r = book(&mut c, &slot, "after", false).await;
    assert_eq!(
        r.json()["error"]["fields"][0]["code"],
        "booking_blocked",
        "{}",
        r.body
    );
    assert_eq!(t.store.booking_inconsistencies().await.unwrap(), (0, 0, 0));
}

#[tokio::test]
async fn the_reminder_the_day_before_is_sent_once() {
    let t = TestApp::new().await;
    let (place, mut m) = hall(&t, 3).await;
    let (me, mut c) = app_citizens(&t, 1).await.remove(0);
    let slot = slots_on(&mut m, &place, tomorrow()).await[0].clone();
    let r = book(&mut c, &slot, "r", false).await;
    let id = r.json()["id"].as_str().unwrap().to_owned();
    // Today, at the last minute of the day: the reminder is due whatever the hour now.
    move_to_day(&t, &id, today()).await;
    let mut tx = t.store.begin().await.unwrap();
    sqlx::query("UPDATE booking_slots SET start_min = 1438, end_min = 1439 WHERE id = $1")
        .bind(slot.clone())
        .execute(&mut *tx)
        .await
        .unwrap();
    yiwang_store::commit(tx).await.unwrap();
    let first = yiwang_bookings::services::remind::remind(&t.state)
        .await
        .unwrap();
    let second = yiwang_bookings::services::remind::remind(&t.state)
        .await
        .unwrap();
    assert_eq!((first, second), (1, 0));
    assert_eq!(notices(&t, me, "booking_reminder").await, 1);
}
