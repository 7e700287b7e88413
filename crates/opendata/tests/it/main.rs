//! End-to-end tests of open data through the platform's HTTP interface: the steward's
//! console, the pages, the CKAN Action API and DCAT. One test binary (link time).
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

mod api;
mod datastore;
mod stats;
mod steward;

mod support {
    pub use yiwang_testkit::*;

    use http::Method;
    use serde_json::Value;
    use yiwang_domain::auth::Role;
    use yiwang_domain::ids::DepartmentId;

    /// A steward of a department, logged in to the console.
    pub async fn steward(t: &TestApp, username: &str, dept: DepartmentId) -> Client {
        t.staff(username, Role::Editor, Some(dept), "511602")
            .await
            .0
    }

    /// Creates a draft through the console; returns its name.
    pub async fn draft(
        c: &mut Client,
        dept: DepartmentId,
        name: &str,
        title: &str,
        tags: &str,
    ) -> String {
        c.get("/console/data").await.ok();
        let dept = dept.to_string();
        let r = c
            .post_form(
                "/console/data",
                &[
                    ("department", dept.as_str()),
                    ("name", name),
                    ("title", title),
                    ("notes", "测试用的数据集说明"),
                    ("license_id", "cc-by-4.0"),
                    ("frequency", "monthly"),
                    ("groups", "society"),
                    ("tags", tags),
                    ("region", "511602"),
                    ("contact", "0826-2222222"),
                    ("version", "1.0"),
                ],
            )
            .await;
        assert_eq!(r.status, http::StatusCode::SEE_OTHER, "{}", r.body);
        name.to_owned()
    }

    /// Uploads a file to a dataset through the console.
    pub async fn upload(c: &mut Client, name: &str, file_name: &str, bytes: &[u8]) -> Resp {
        c.get(&format!("/console/data/{name}")).await.ok();
        let boundary = "yiwang-opendata-test";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"resource_name\"\r\n\r\n{file_name}\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
             Content-Type: text/csv\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let csrf = c.csrf.clone().unwrap_or_default();
        c.request(
            Method::POST,
            &format!("/console/data/{name}/files?_csrf={csrf}"),
            Some(&format!("multipart/form-data; boundary={boundary}")),
            body,
            &[],
        )
        .await
    }

    /// Publishes a dataset through the console.
    pub async fn publish(c: &mut Client, name: &str) {
        c.get(&format!("/console/data/{name}")).await.ok();
        let r = c
            .post_form(&format!("/console/data/{name}/publish"), &[])
            .await;
        assert_eq!(r.status, http::StatusCode::SEE_OTHER, "{}", r.body);
    }

    /// Calls a CKAN action by GET (`/api/3/action/`); returns (status, body).
    pub async fn ckan_get(t: &TestApp, action: &str, query: &str) -> (http::StatusCode, Value) {
        let r = t
            .client()
            .get(&format!("/api/3/action/{action}?{query}"))
            .await;
        (
            r.status,
            serde_json::from_str(&r.body).unwrap_or(Value::Null),
        )
    }

    /// Calls a CKAN action as ckanapi does: POST JSON to `/api/action/`.
    pub async fn ckan_post(t: &TestApp, action: &str, body: Value) -> (http::StatusCode, Value) {
        let mut c = t.client();
        let r = c
            .request(
                Method::POST,
                &format!("/api/action/{action}"),
                Some("application/json"),
                body.to_string().into_bytes(),
                &[],
            )
            .await;
        (
            r.status,
            serde_json::from_str(&r.body).unwrap_or(Value::Null),
        )
    }

    /// Three published datasets of department A (one with a CSV in the datastore) and one of
    /// department B; returns A's steward.
    pub async fn catalogue(t: &TestApp) -> Client {
        let mut a = steward(t, "steward.a", t.dept_a).await;
        draft(
            &mut a,
            t.dept_a,
            "minimum-living",
            "城乡低保对象统计",
            "低保,民政",
        )
        .await;
        let csv = "区县,人数,金额,日期\n广安区,1200,35.5,2025-01-01\n岳池县,980,20,2025-01-01\n武胜县,760,18.25,2025-02-01\n";
        upload(&mut a, "minimum-living", "dibao.csv", csv.as_bytes()).await;
        publish(&mut a, "minimum-living").await;
        draft(&mut a, t.dept_a, "elderly-care", "养老服务机构名录", "养老").await;
        publish(&mut a, "elderly-care").await;
        draft(&mut a, t.dept_a, "marriage-halls", "婚姻登记处", "婚姻").await;
        publish(&mut a, "marriage-halls").await;
        let mut b = steward(t, "steward.b", t.dept_b).await;
        draft(&mut b, t.dept_b, "jobs-fairs", "招聘会安排", "就业").await;
        publish(&mut b, "jobs-fairs").await;
        a
    }
}
