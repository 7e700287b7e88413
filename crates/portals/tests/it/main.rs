//! End-to-end tests of the regional portals and investment promotion through the platform's
//! HTTP interface. One test binary (link time).
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

mod invest;
mod portal;

mod support {
    pub use yiwang_testkit::*;

    use http::StatusCode;
    use yiwang_domain::auth::Role;

    /// An editor granted a region, logged in to the console.
    pub async fn editor(t: &TestApp, username: &str, region: &str) -> Client {
        t.staff(username, Role::Editor, None, region).await.0
    }

    /// Saves a region's portal page through the console (preview first, as an editor does).
    pub async fn save_page(c: &mut Client, code: &str, fields: &[(&str, &str)]) -> Resp {
        let page = c.get(&format!("/console/portals/{code}")).await.ok();
        let revision = input_value(&page.body, "revision");
        let mut all: Vec<(&str, &str)> = vec![("revision", revision.as_str()), ("action", "save")];
        all.extend_from_slice(fields);
        c.post_form(&format!("/console/portals/{code}"), &all).await
    }

    /// Creates and publishes a project in a region; returns its id.
    pub async fn published_project(c: &mut Client, code: &str, title: &str) -> String {
        c.get(&format!("/console/portals/{code}")).await.ok();
        let fields = [
            ("title", title),
            ("sector", "manufacturing"),
            ("location", "广安经开区"),
            ("land_mu", "150"),
            ("investment_wan", "50000"),
            ("stage", "land_ready"),
            ("contact", "区投资促进中心 0826-2345678"),
            ("summary", "标准厂房已建成。"),
        ];
        let r = c
            .post_form(&format!("/console/portals/{code}/projects"), &fields)
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let at = r.location().to_owned();
        let id = at.rsplit('/').next().unwrap().to_owned();
        let page = c.get(&at).await.ok();
        let revision = input_value(&page.body, "revision");
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("revision", revision.as_str()));
        all.push(("published", "1"));
        let r = c.post_form(&at, &all).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        id
    }
}
