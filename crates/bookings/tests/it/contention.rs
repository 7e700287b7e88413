//! Never overbooked (SVC-2): two hundred people try to book the last ten places of a slot at
//! once; exactly ten succeed, the rest are told it is full and may wait; cancellations hand
//! places to the waiting list in the order people joined.

use futures_util::future::join_all;
use http::StatusCode;

use crate::support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_people_try_to_book_ten_places_and_exactly_ten_succeed() {
    let t = TestApp::new().await;
    let (place, mut manager) = hall(&t, 10).await;
    let slot = slots_on(&mut manager, &place, tomorrow()).await[0].clone();
    let people = app_citizens(&t, 200).await;

    let tries = people.iter().enumerate().map(|(i, (_, c))| {
        let mut c = c.clone();
        let slot = slot.clone();
        tokio::spawn(async move { book(&mut c, &slot, &format!("k{i}"), false).await })
    });
    let answers: Vec<Resp> = join_all(tries)
        .await
        .into_iter()
        .map(|r| r.unwrap())
        .collect();
    let booked = answers
        .iter()
        .filter(|r| r.status == StatusCode::CREATED)
        .count();
    let full = answers
        .iter()
        .filter(|r| r.status == StatusCode::UNPROCESSABLE_ENTITY && r.body.contains("slot_full"))
        .count();
    assert_eq!(booked, 10, "exactly the places");
    assert_eq!(full, 190, "everyone else is told it is full");

    use sqlx::Row;
    let confirmed: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM bookings WHERE slot_id = $1 AND state = 'confirmed'",
    )
    .bind(slot.clone())
    .fetch_one(t.store.db.reader())
    .await
    .unwrap()
    .try_get("n")
    .unwrap();
    assert_eq!(confirmed, 10);
    let s = t.store.booking_slot(slot.parse().unwrap()).await.unwrap();
    assert_eq!((s.places, s.taken), (10, 10));
    assert_eq!(t.store.booking_inconsistencies().await.unwrap(), (0, 0, 0));

    // Thirty of those turned away join the waiting list, at once; a double click books once.
    let waiting_people: Vec<usize> = answers
        .iter()
        .enumerate()
        .filter(|(_, r)| r.status != StatusCode::CREATED)
        .map(|(i, _)| i)
        .take(30)
        .collect();
    let joins = waiting_people.iter().flat_map(|i| {
        let i = *i;
        let slot = slot.clone();
        let c = people[i].1.clone();
        (0..2).map(move |_| {
            let mut c = c.clone();
            let slot = slot.clone();
            tokio::spawn(async move { book(&mut c, &slot, &format!("w{i}"), true).await })
        })
    });
    let joined: Vec<Resp> = join_all(joins)
        .await
        .into_iter()
        .map(|r| r.unwrap())
        .collect();
    assert!(
        joined
            .iter()
            .all(|r| r.status == StatusCode::CREATED || r.status == StatusCode::OK),
        "{:?}",
        joined
            .iter()
            .map(|r| (&r.status, &r.body))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        joined
            .iter()
            .filter(|r| r.status == StatusCode::CREATED)
            .count(),
        30,
        "one entry per person"
    );
    assert!(joined.iter().all(|r| r.json()["state"] == "waiting"));
    let s = t.store.booking_slot(slot.parse().unwrap()).await.unwrap();
    assert_eq!(s.taken, 10, "waiting takes no place");

    // The waiting list's order, as the database recorded who joined first.
    let order: Vec<String> = sqlx::query("SELECT account_id FROM bookings WHERE slot_id = $1 AND state = 'waiting' ORDER BY created_at, id")
        .bind(slot.clone())
        .fetch_all(t.store.db.reader())
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String, _>("account_id").unwrap())
        .collect();
    assert_eq!(order.len(), 30);

    // Three of the ten cancel at the same moment: the first three waiting get the places.
    let holders: Vec<usize> = answers
        .iter()
        .enumerate()
        .filter(|(_, r)| r.status == StatusCode::CREATED)
        .map(|(i, _)| i)
        .take(3)
        .collect();
    let cancels = holders.iter().map(|i| {
        let mut c = people[*i].1.clone();
        let id = answers[*i].json()["id"].as_str().unwrap().to_owned();
        tokio::spawn(async move {
            c.json(
                http::Method::POST,
                &format!("/api/v1/me/bookings/{id}/cancel"),
                serde_json::json!({}),
            )
            .await
        })
    });
    for r in join_all(cancels).await {
        let r = r.unwrap();
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.json()["state"], "cancelled");
    }
    let promoted: Vec<String> = sqlx::query("SELECT b.account_id FROM bookings b WHERE b.slot_id = $1 AND b.state = 'confirmed' AND b.idempotency_key LIKE '%:w%'")
        .bind(slot.clone())
        .fetch_all(t.store.db.reader())
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String, _>("account_id").unwrap())
        .collect();
    let mut expected = order[..3].to_vec();
    expected.sort();
    let mut got = promoted.clone();
    got.sort();
    assert_eq!(got, expected, "the first three on the list, in order");
    for a in &promoted {
        assert_eq!(
            notices(&t, a.parse().unwrap(), "booking_from_waiting_list").await,
            1
        );
    }
    let s = t.store.booking_slot(slot.parse().unwrap()).await.unwrap();
    assert_eq!(s.taken, 10, "the places went on, none was lost");
    assert_eq!(t.store.booking_inconsistencies().await.unwrap(), (0, 0, 0));
}
