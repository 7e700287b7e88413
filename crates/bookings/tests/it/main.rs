//! End-to-end tests of appointments (SVC-2) through the platform's HTTP interface, on SQLite
//! by default and on PostgreSQL when TEST_DATABASE_URL is set. One test binary for the crate
//! (link time); the rig is `yiwang-testkit`.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

mod book;
mod contention;
mod counter;

mod support {
    pub use yiwang_testkit::*;

    use http::{Method, StatusCode};
    use time::Duration;
    use yiwang_domain::auth::Role;
    use yiwang_domain::ids::AccountId;
    use yiwang_store::clients::TokenOwner;

    /// The day after today (Beijing).
    pub fn tomorrow() -> time::Date {
        yiwang_domain::Timestamp::now().beijing_date() + Duration::days(1)
    }

    /// A hall of `dept_a` with one window whose template offers, on every weekday, the slots
    /// `10:00-10:30` and `10:30-11:00` with `places` places each, published through the
    /// console by its manager. Returns the place id and the manager's client.
    pub async fn hall(t: &TestApp, places: u32) -> (String, Client) {
        let (mut m, _) = t
            .staff("dating", Role::DeptAdmin, Some(t.dept_a), "511602")
            .await;
        let r = m
            .post_form(
                "/console/bookings/places",
                &[
                    ("kind", "hall"),
                    ("name", "广安区政务服务中心"),
                    ("department", &t.dept_a.to_string()),
                    ("address", "金安大道二段"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let place = r
            .location()
            .trim_start_matches("/console/bookings/places/")
            .trim_end_matches("/capacity")
            .to_owned();
        let template: Vec<String> = (1..=7)
            .flat_map(|d| {
                [
                    format!("{d} 10:00-10:30 {places}"),
                    format!("{d} 10:30-11:00 {places}"),
                ]
            })
            .collect();
        let r = m
            .post_form(
                &format!("/console/bookings/places/{place}/desks"),
                &[
                    ("kind", "window"),
                    ("name", "1号窗口"),
                    ("unit", "社保医保"),
                    ("items", ""),
                    ("template", &template.join("\n")),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        (place, m)
    }

    /// The ids of a place's slots on a day, in time order.
    pub async fn slots_on(c: &mut Client, place: &str, day: time::Date) -> Vec<String> {
        let r = c
            .get(&format!(
                "/api/v1/booking-places/{place}/slots?from={day}&to={day}"
            ))
            .await
            .ok();
        r.json()
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap().to_owned())
            .collect()
    }

    /// `n` citizens made directly in the store, each with an API token: an app's clients,
    /// each from its own address.
    pub async fn app_citizens(t: &TestApp, n: usize) -> Vec<(AccountId, Client)> {
        let mut out = Vec::with_capacity(n);
        let mut tx = t.store.begin().await.unwrap();
        for i in 0..n {
            let phone = yiwang_domain::identity::Mobile::parse(&format!("139{:08}", i)).unwrap();
            let id = t
                .store
                .create_citizen(&mut tx, &phone, "not-a-hash", yiwang_domain::Lang::ZhHans)
                .await
                .unwrap();
            let (_, token) = t
                .store
                .issue_token(&mut tx, TokenOwner::Account(id), "test", None)
                .await
                .unwrap();
            let mut c = t.client();
            c.bearer = Some(token);
            c.ip = format!("10.0.{}.{}", i / 250, i % 250 + 1).parse().unwrap();
            out.push((id, c));
        }
        yiwang_store::commit(tx).await.unwrap();
        out
    }

    /// Books through the API.
    pub async fn book(c: &mut Client, slot: &str, key: &str, wait: bool) -> Resp {
        let body = serde_json::json!({ "slot": slot, "wait": wait });
        // A browser's script sends its anti-forgery token; an app its bearer token.
        let csrf = match (&c.bearer, &c.csrf) {
            (None, Some(t)) => t.clone(),
            _ => String::new(),
        };
        let mut headers = vec![("idempotency-key", key)];
        if !csrf.is_empty() {
            headers.push(("x-csrf-token", csrf.as_str()));
        }
        c.request(
            Method::POST,
            "/api/v1/bookings",
            Some("application/json"),
            body.to_string().into_bytes(),
            &headers,
        )
        .await
    }

    /// Moves a booking's slot (and the booking) to another day: the day arriving, or passing.
    /// The slot moves to a minute of its own after 11:00 (the template's own slots of that day
    /// are at 10:00 and 10:30).
    pub async fn move_to_day(t: &TestApp, booking: &str, day: time::Date) {
        static MINUTE: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(660);
        let start = MINUTE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut tx = t.store.begin().await.unwrap();
        sqlx::query("UPDATE booking_slots SET day = $1, start_min = $3, end_min = $3 + 1 WHERE id = (SELECT slot_id FROM bookings WHERE id = $2)")
            .bind(day.to_string())
            .bind(booking.to_owned())
            .bind(start)
            .execute(&mut *tx)
            .await
            .unwrap();
        sqlx::query("UPDATE bookings SET day = $1 WHERE slot_id = (SELECT slot_id FROM bookings WHERE id = $2)")
            .bind(day.to_string())
            .bind(booking.to_owned())
            .execute(&mut *tx)
            .await
            .unwrap();
        yiwang_store::commit(tx).await.unwrap();
    }

    /// How many notifications of a kind were recorded for an account.
    pub async fn notices(t: &TestApp, account: AccountId, kind: &str) -> i64 {
        use sqlx::Row;
        sqlx::query("SELECT COUNT(*) AS n FROM notifications WHERE account_id = $1 AND kind = $2")
            .bind(account.to_string())
            .bind(kind.to_owned())
            .fetch_one(t.store.db.reader())
            .await
            .unwrap()
            .try_get::<i64, _>("n")
            .unwrap()
    }
}
