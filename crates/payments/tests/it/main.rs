//! End-to-end tests of fee payment through the platform's HTTP interface, on SQLite by
//! default and on PostgreSQL when TEST_DATABASE_URL is set. One test binary (link time).
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

mod api;
mod fees;
mod pay;
mod reconcile;

mod support {
    pub use yiwang_testkit::*;

    use std::sync::Arc;
    use std::time::Duration;

    use serde_json::json;
    use yiwang_domain::auth::{Grant, Role};
    use yiwang_domain::region::RegionCode;
    use yiwang_jobs::{Worker, WorkerConfig};
    use yiwang_payments::provider::Payments;
    use yiwang_payments::provider::sandbox::NOTIFY_KIND;
    use yiwang_store::clients::TokenOwner;
    use yiwang_store::staff::Holder;

    /// The traffic police's unit code in the tests.
    pub const UNIT: &str = "511602101";
    /// Another unit.
    pub const OTHER_UNIT: &str = "511602102";

    /// The platform with payments installed (the query job asks at once), a worker running
    /// the payment jobs, and two collecting units each with its own system client.
    pub struct Rig {
        pub t: TestApp,
        pub payments: Payments,
        pub worker: Arc<Worker>,
        /// The first unit's client token.
        pub unit_token: String,
        /// The second unit's client token.
        pub other_token: String,
    }

    impl Rig {
        pub async fn new() -> Rig {
            let t = TestApp::new().await;
            let state = yiwang_payments::install(t.state.clone());
            let mut payments = state.part::<Payments>().unwrap().clone();
            payments.query_after = Duration::ZERO;
            let t = t.with_part(payments.clone());
            let worker = Worker::new(t.store.clone(), WorkerConfig::default())
                .handle(
                    NOTIFY_KIND,
                    yiwang_payments::jobs::Notifier(t.state.clone()),
                )
                .handle(
                    yiwang_payments::jobs::QUERY_KIND,
                    yiwang_payments::jobs::Query(t.state.clone()),
                )
                .handle(
                    yiwang_store::payments::CASE_FEE_JOB,
                    yiwang_payments::jobs::CaseFee(t.state.clone()),
                )
                // The messages the payer is sent, so that draining delivers them too.
                .handle(
                    yiwang_jobs::deliver::KIND,
                    yiwang_jobs::deliver::Deliver {
                        senders: yiwang_jobs::senders::Senders::dev(t.store.clone()),
                        site_name: t.state.config.site_name.clone(),
                        public_url: None,
                    },
                );
            let admin = t
                .create_staff("pay.admin", Role::PlatformAdmin, None, "5116")
                .await;
            let mut tokens = Vec::new();
            for (code, name) in [
                (UNIT, "广安区公安局交通警察大队"),
                (OTHER_UNIT, "广安区教育考试院"),
            ] {
                let s = &t.store;
                let mut tx = s.begin().await.unwrap();
                let id = s
                    .create_client(&mut tx, &format!("{name}系统"), admin)
                    .await
                    .unwrap();
                let grant = Grant {
                    role: Role::FinanceOfficer,
                    department: None,
                    region: RegionCode::parse("5116").unwrap(),
                };
                s.add_grant(&mut tx, Holder::Client(id), &grant, Some(admin))
                    .await
                    .unwrap();
                let (_, token) = s
                    .issue_token(&mut tx, TokenOwner::Client(id), "bills", None)
                    .await
                    .unwrap();
                s.put_pay_unit(&mut tx, code, name, "511602", Some(id))
                    .await
                    .unwrap();
                yiwang_store::commit(tx).await.unwrap();
                tokens.push(token);
            }
            let other_token = tokens.pop().unwrap();
            let unit_token = tokens.pop().unwrap();
            Rig {
                t,
                payments,
                worker: Arc::new(worker),
                unit_token,
                other_token,
            }
        }

        /// A client of the first unit's system.
        pub fn unit(&self) -> Client {
            let mut c = self.t.client();
            c.bearer = Some(self.unit_token.clone());
            c
        }

        /// Runs the payment jobs until none are due.
        pub async fn drain(&self) -> usize {
            let mut n = 0;
            for _ in 0..50 {
                let ran = self.worker.run_once().await.unwrap();
                if ran == 0 {
                    return n;
                }
                n += ran;
            }
            panic!("jobs kept coming");
        }

        /// A bill of ¥200 for 张三 from the first unit, optionally tied to a phone's account.
        pub async fn bill(&self, phone: Option<&str>, reference: &str) -> serde_json::Value {
            let r = self
                .unit()
                .json(
                    http::Method::POST,
                    "/api/v1/bills",
                    json!({
                        "unit": UNIT, "external_ref": reference, "payer_name": "张三",
                        "payer_phone": phone, "title": "交通违法罚款",
                        "items": [{"name": "罚款（闯红灯）", "amount_fen": 20000}],
                        "due_on": "2099-12-31", "late_fee_bp": 30,
                    }),
                )
                .await;
            assert_eq!(r.status, http::StatusCode::CREATED, "{}", r.body);
            r.json()
        }

        /// Ledger totals: (payments, paid fen, refunds, refunded fen).
        pub async fn ledger(&self) -> (i64, i64, i64, i64) {
            let l = self.t.store.ledger_totals().await.unwrap();
            (l.payments, l.paid.get(), l.refunds, l.refunded.get())
        }
    }

    /// Looks a bill up by code and name on the payer's page and presses 去支付: returns the
    /// response of the press (a redirect to the sandbox's cashier).
    pub async fn press_pay(c: &mut Client, code: &str, name: &str, key: &str) -> Resp {
        c.get("/pay").await.ok();
        let page = c
            .post_form("/pay", &[("code", code), ("name", name)])
            .await
            .ok();
        let action = page
            .body
            .split("action=\"/pay/bills/")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or_else(|| panic!("no pay button in {}", page.body))
            .to_owned();
        c.post_form(
            &format!("/pay/bills/{action}"),
            &[("code", code), ("name", name), ("key", key)],
        )
        .await
    }

    /// The sandbox's trade number in a cashier address.
    pub fn trade_no(location: &str) -> String {
        location.trim_start_matches("/sandbox/pay/").to_owned()
    }
}
