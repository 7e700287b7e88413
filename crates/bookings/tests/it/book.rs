//! A citizen books through the pages: the place, a day's slots, the form, the confirmation
//! with a QR code; a double click books once; bad input gets a clear error and changes
//! nothing; cancelling frees the place.

use http::{Method, StatusCode};
use yiwang_domain::auth::Role;

use crate::support::*;

const ID: &str = "11010519491231002X";

#[tokio::test]
async fn a_citizen_books_a_visit_and_sees_the_qr_code_and_a_double_click_books_once() {
    let t = TestApp::new().await;
    let (place, mut m) = hall(&t, 2).await;
    let slots = slots_on(&mut m, &place, tomorrow()).await;
    let mut c = t.verified_citizen("13800000001", "张三", ID).await;

    let list = c.get("/bookings").await.ok();
    assert!(list.body.contains("广安区政务服务中心"), "{}", list.body);
    let page = c
        .get(&format!("/bookings/places/{place}?day={}", tomorrow()))
        .await
        .ok();
    assert!(
        page.body.contains("10:00-10:30") && page.body.contains("1号窗口"),
        "{}",
        page.body
    );
    let form = c.get(&format!("/bookings/slots/{}", slots[0])).await.ok();
    let key = input_value(&form.body, "idempotency_key");
    assert!(!key.is_empty());

    let fields = [
        ("idempotency_key", key.as_str()),
        ("for_name", ""),
        ("for_id_number", ""),
    ];
    let first = c
        .post_form(&format!("/bookings/slots/{}", slots[0]), &fields)
        .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    let again = c
        .post_form(&format!("/bookings/slots/{}", slots[0]), &fields)
        .await;
    assert_eq!(again.location(), first.location(), "the same booking");
    let done = c.get(first.location()).await.ok();
    assert!(done.body.contains("预约成功"), "{}", done.body);
    assert!(done.body.contains("<svg"), "the QR code");
    let mine = c.get("/api/v1/me/bookings").await.ok();
    assert_eq!(mine.json()["total"], 1, "a double click booked once");
    let code = mine.json()["items"][0]["code"].as_str().unwrap().to_owned();
    assert_eq!(code.len(), 18);
    assert!(done.body.contains(&code));
    let me = t.citizen_id("13800000001").await;
    assert_eq!(notices(&t, me, "booking_confirmed").await, 1);

    // Booking the same slot again with a new key: one booking per person and slot.
    let form = c.get(&format!("/bookings/slots/{}", slots[0])).await.ok();
    let key2 = input_value(&form.body, "idempotency_key");
    let dup = c
        .post_form(
            &format!("/bookings/slots/{}", slots[0]),
            &[("idempotency_key", key2.as_str())],
        )
        .await;
    assert_eq!(dup.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        dup.body.contains("此人在这个时段已有预约或候补"),
        "{}",
        dup.body
    );

    // For a family member: the ID number is checked (GB 11643 check digit).
    let bad = c
        .post_form(
            &format!("/bookings/slots/{}", slots[1]),
            &[
                ("idempotency_key", "k-family"),
                ("for_name", "张小三"),
                ("for_id_number", "110105194912310021"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_summary_items(&bad.body).len(), 1, "{}", bad.body);
    let child = id_number("11010520150101001");
    let ok = c
        .post_form(
            &format!("/bookings/slots/{}", slots[1]),
            &[
                ("idempotency_key", "k-family2"),
                ("for_name", "张小三"),
                ("for_id_number", &child),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let family = c.get(ok.location()).await.ok();
    assert!(family.body.contains("张小三"));
    // Stored encrypted: the ID number is nowhere in the row.
    use sqlx::Row;
    let rows = sqlx::query("SELECT subject, person_enc FROM bookings WHERE person_enc IS NOT NULL")
        .fetch_all(t.store.db.reader())
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    let blob: Vec<u8> = rows[0].try_get("person_enc").unwrap();
    assert!(!String::from_utf8_lossy(&blob).contains(&child));
    assert!(
        !rows[0]
            .try_get::<String, _>("subject")
            .unwrap()
            .contains("110105")
    );

    // Cancel: the place is free again.
    let id = first
        .location()
        .trim_start_matches("/account/bookings/")
        .to_owned();
    let r = c
        .post_form(&format!("/account/bookings/{id}/cancel"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = c.get(r.location()).await.ok();
    assert!(page.body.contains("预约已取消"));
    let s = t
        .store
        .booking_slot(slots[0].parse().unwrap())
        .await
        .unwrap();
    assert_eq!(s.taken, 0);
    // Cancelling twice changes nothing.
    let r = c
        .post_form(&format!("/account/bookings/{id}/cancel"), &[])
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(t.store.booking_inconsistencies().await.unwrap(), (0, 0, 0));
}

#[tokio::test]
async fn bad_bookings_get_a_clear_error_and_change_nothing() {
    let t = TestApp::new().await;
    let (place, mut m) = hall(&t, 1).await;
    let day = tomorrow();
    let slots = slots_on(&mut m, &place, day).await;
    let people = app_citizens(&t, 2).await;
    let (me, mut c) = people[0].clone();
    let mut other = people[1].1.clone();

    // A slot that does not exist, a malformed key, the key reused for another slot.
    let r = book(&mut c, "nonsense", "a1", false).await;
    assert_eq!(r.error_code(), "validation_failed");
    assert_eq!(r.json()["error"]["fields"][0]["code"], "invalid_choice");
    // An application that is not one's own (here: none at all) cannot be attached.
    let body = serde_json::json!({ "slot": slots[0], "case_id": yiwang_domain::ids::CaseId::generate().to_string() });
    let r = c
        .request(
            Method::POST,
            "/api/v1/bookings",
            Some("application/json"),
            body.to_string().into_bytes(),
            &[("idempotency-key", "a0")],
        )
        .await;
    assert_eq!(r.json()["error"]["fields"][0]["field"], "case_id");
    assert_eq!(r.json()["error"]["fields"][0]["code"], "invalid_choice");
    let r = book(&mut c, &slots[0], "bad key", false).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        book(&mut c, &slots[0], "a2", false).await.status,
        StatusCode::CREATED
    );
    let r = book(&mut c, &slots[1], "a2", false).await;
    assert_eq!(r.error_code(), "idempotency_key_reused");

    // A full slot, without asking to wait: slot_full, in the reader's language.
    let r = book(&mut other, &slots[0], "b1", false).await;
    assert_eq!(r.json()["error"]["fields"][0]["code"], "slot_full");
    assert!(r.body.contains("登记候补"), "{}", r.body);

    // More open bookings than allowed (3): book the second slot, then two on later days.
    assert_eq!(
        book(&mut c, &slots[1], "a3", false).await.status,
        StatusCode::CREATED
    );
    let later = slots_on(&mut m, &place, day + time::Duration::days(1)).await;
    assert_eq!(
        book(&mut c, &later[0], "a4", false).await.status,
        StatusCode::CREATED
    );
    let r = book(&mut c, &later[1], "a5", false).await;
    assert_eq!(
        r.json()["error"]["fields"][0]["code"],
        "too_many_open_bookings"
    );

    // A past slot: today's slot moved to yesterday.
    let r = book(&mut other, &later[1], "b2", false).await;
    let id = r.json()["id"].as_str().unwrap().to_owned();
    move_to_day(&t, &id, day - time::Duration::days(2)).await;
    let r = book(&mut other, &later[1], "b3", false).await;
    assert_eq!(r.json()["error"]["fields"][0]["code"], "slot_past");

    // Beyond the horizon, once the platform admin shortens it.
    let (mut admin, _) = t.staff("admin", Role::PlatformAdmin, None, "5116").await;
    let r = admin
        .json(
            Method::PUT,
            "/api/v1/admin/booking-rules",
            serde_json::json!({"days_ahead": 0, "max_open": 3, "cancel_cutoff_minutes": 120, "no_show_limit": 3, "no_show_window_days": 90, "block_days": 30}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let r = book(&mut other, &slots[1], "b4", true).await;
    assert_eq!(r.json()["error"]["fields"][0]["code"], "too_far_ahead");
    let r = admin
        .json(
            Method::PUT,
            "/api/v1/admin/booking-rules",
            serde_json::json!({"days_ahead": 500, "max_open": 3, "cancel_cutoff_minutes": 120, "no_show_limit": 3, "no_show_window_days": 90, "block_days": 30}),
        )
        .await;
    assert_eq!(r.json()["error"]["fields"][0]["code"], "out_of_range");

    // A hall manager of the department may not set the platform's rules.
    let r = m
        .json(
            Method::PUT,
            "/api/v1/admin/booking-rules",
            serde_json::json!({"days_ahead": 3, "max_open": 3, "cancel_cutoff_minutes": 120, "no_show_limit": 3, "no_show_window_days": 90, "block_days": 30}),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // Nothing of the refused ones was written.
    assert_eq!(t.store.open_bookings(me).await.unwrap(), 3);
    assert_eq!(t.store.my_bookings(me).await.unwrap().len(), 3);
    assert_eq!(t.store.booking_inconsistencies().await.unwrap(), (0, 0, 0));
}

#[tokio::test]
async fn a_cancellation_after_the_cut_off_is_refused() {
    let t = TestApp::new().await;
    let (place, mut m) = hall(&t, 1).await;
    let slots = slots_on(&mut m, &place, tomorrow()).await;
    let (_, mut c) = app_citizens(&t, 1).await.remove(0);
    let r = book(&mut c, &slots[0], "x", false).await;
    let id = r.json()["id"].as_str().unwrap().to_owned();
    // The day arrives: its 10:00 start is either past or within the two-hour cut-off only
    // after 08:00; put it in the past to be sure.
    move_to_day(
        &t,
        &id,
        yiwang_domain::Timestamp::now().beijing_date() - time::Duration::days(1),
    )
    .await;
    let r = c
        .json(
            Method::POST,
            &format!("/api/v1/me/bookings/{id}/cancel"),
            serde_json::json!({}),
        )
        .await;
    assert_eq!(r.error_code(), "window_closed");
    let s = t
        .store
        .booking_slot(slots[0].parse().unwrap())
        .await
        .unwrap();
    assert_eq!(s.taken, 1, "nothing changed");
}

#[tokio::test]
async fn closing_a_booked_day_cancels_its_bookings_tells_each_holder_why_and_counts_no_no_show() {
    let t = TestApp::new().await;
    let (place, mut m) = hall(&t, 1).await;
    let slots = slots_on(&mut m, &place, tomorrow()).await;
    let mut people = app_citizens(&t, 3).await;
    // One holds the 10:00 place, one waits for it, one holds 10:30.
    let r = book(&mut people[0].1, &slots[0], "k-close-1", false).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let r = book(&mut people[1].1, &slots[0], "k-close-2", true).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["state"], "waiting");
    let r = book(&mut people[2].1, &slots[1], "k-close-3", false).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);

    // The manager closes the hall tomorrow, for a power cut.
    let r = m
        .post_form(
            &format!("/console/bookings/places/{place}/closures"),
            &[
                ("desk", ""),
                ("day", &tomorrow().to_string()),
                ("reason", "停电检修"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    for (i, (id, c)) in people.iter_mut().enumerate() {
        let mine = c.get("/api/v1/me/bookings").await.ok().json();
        assert_eq!(mine["items"][0]["state"], "cancelled", "holder {i}: {mine}");
        assert_eq!(notices(&t, *id, "booking_cancelled_by_hall").await, 1);
        // Their open bookings went back: each may book again at once.
        assert_eq!(t.store.open_bookings(*id).await.unwrap(), 0, "holder {i}");
    }
    let (over, drift, holders) = t.store.booking_inconsistencies().await.unwrap();
    assert_eq!((over, drift, holders), (0, 0, 0));
    // The message says why and that it is not a no-show.
    let text: String = {
        use sqlx::Row;
        sqlx::query("SELECT notice FROM notifications WHERE account_id = $1 AND kind = 'booking_cancelled_by_hall'")
            .bind(people[0].0.to_string())
            .fetch_one(t.store.db.reader())
            .await
            .unwrap()
            .try_get::<String, _>("notice")
            .unwrap()
    };
    assert!(text.contains("停电检修"), "{text}");
    assert!(slots_on(&mut m, &place, tomorrow()).await.is_empty());
}

#[tokio::test]
async fn a_platform_admin_sets_the_rules_in_the_console_and_a_wrong_value_changes_nothing() {
    let t = TestApp::new().await;
    let root = t.state.config.root_region.to_string();
    let (mut admin, _) = t.staff("pingtai", Role::PlatformAdmin, None, &root).await;
    let page = admin.get("/console/bookings/rules").await.ok();
    assert!(page.body.contains("可提前预约的天数"), "{}", page.body);
    let form = |days: &'static str, open: &'static str| {
        vec![
            ("days_ahead", days),
            ("max_open", open),
            ("cancel_cutoff_minutes", "60"),
            ("no_show_limit", "3"),
            ("no_show_window_days", "90"),
            ("block_days", "30"),
        ]
    };
    // Half a day and more bookings than allowed: both fields named, nothing saved.
    let r = admin
        .post_form("/console/bookings/rules", &form("1.5", "30"))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("id=\"f-days_ahead-error\""), "{}", r.body);
    assert!(r.body.contains("value=\"1.5\""), "shown as typed");
    let r = admin
        .post_form("/console/bookings/rules", &form("21", "30"))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("id=\"f-max_open-error\""), "{}", r.body);
    let before = admin.get("/console/bookings/rules").await.ok();
    assert!(!before.body.contains("value=\"21\""));
    // Right: saved and in force.
    let r = admin
        .post_form("/console/bookings/rules", &form("21", "2"))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let after = admin.get("/console/bookings/rules?saved=1").await.ok();
    assert!(after.body.contains("value=\"21\"") && after.body.contains("已保存"));
    // A hall manager of one department may not.
    let (mut manager, _) = t
        .staff("dating2", Role::DeptAdmin, Some(t.dept_a), "511602")
        .await;
    let r = manager.get("/console/bookings/rules").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = manager
        .post_form("/console/bookings/rules", &form("1", "1"))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}
