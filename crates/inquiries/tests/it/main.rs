//! End-to-end tests of inquiries through the platform's HTTP interface, on SQLite by default
//! and on PostgreSQL when TEST_DATABASE_URL is set. One test binary for the crate (link time);
//! the rig is `yiwang-testkit`.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

mod admin;
mod api;
mod ask;
mod board;
mod open311;

mod support {
    pub use yiwang_testkit::*;

    use yiwang_domain::ids::{AccountId, DepartmentId};

    /// Routes a category, everywhere in the test city, to a department.
    pub async fn route(t: &TestApp, category: &str, to: DepartmentId, by: AccountId) {
        let mut tx = t.store.begin().await.unwrap();
        t.store
            .set_inquiry_route(&mut tx, category, "5116", to, by)
            .await
            .unwrap();
        yiwang_store::commit(tx).await.unwrap();
    }

    /// Takes a step on a case page in the console: reads the revision the page shows and posts
    /// `fields` with it.
    pub async fn take_step(staff: &mut Client, case: &str, fields: &[(&str, &str)]) -> Resp {
        let page = staff.get(case).await.ok();
        let revision = input_value(&page.body, "revision");
        let mut fields = fields.to_vec();
        fields.push(("revision", &revision));
        staff.post_form(case, &fields).await
    }

    /// The text of the first `<strong class="receipt">` after `after`.
    pub fn strong_after(body: &str, after: &str) -> String {
        let at = body
            .find(after)
            .unwrap_or_else(|| panic!("no {after} in {body}"));
        let rest = &body[at..];
        let s = rest.find("<strong class=\"receipt\">").unwrap() + 24;
        rest[s..].split('<').next().unwrap().to_owned()
    }
}
