//! End-to-end tests of government information (PUB-1…3, PUB-6) through the platform's HTTP
//! interface, on SQLite by default and on PostgreSQL when TEST_DATABASE_URL is set. One test
//! binary for the crate (link time); the rig is `yiwang-testkit`.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

mod access;
mod alerts;
mod bad_input;
mod disclosure;
mod editorial;
mod links;
mod reading;
mod search;
mod subscriptions;

mod support {
    pub use yiwang_testkit::*;

    use axum::http::{Method, StatusCode};
    use yiwang_domain::Timestamp;
    use yiwang_domain::auth::Role;
    use yiwang_domain::ids::DocId;
    use yiwang_domain::paging::Page;
    use yiwang_domain::publishing::DocState;

    /// An editor of 广安区 (writes, never reviews).
    pub async fn editor(t: &TestApp, username: &str) -> Client {
        t.staff(username, Role::Editor, None, "511602").await.0
    }

    /// A reviewer of the city (a platform administrator: writes and reviews).
    pub async fn reviewer(t: &TestApp, username: &str) -> Client {
        t.staff(username, Role::PlatformAdmin, None, "5116").await.0
    }

    /// The value of a hidden or text input on a page.
    pub fn input_value(body: &str, name: &str) -> String {
        let at = body
            .find(&format!("name=\"{name}\" value=\""))
            .unwrap_or_else(|| panic!("no input {name} in {body}"));
        let rest = &body[at + name.len() + 15..];
        rest.split('"').next().unwrap().to_owned()
    }

    /// The error summary at the top of a page (empty when there is none).
    pub fn error_summary(body: &str) -> &str {
        body.split("<div class=\"error-summary\"")
            .nth(1)
            .and_then(|s| s.split("</div>").next())
            .unwrap_or_default()
    }

    /// An article's fields as the editor's form sends them.
    pub fn article<'a>(column: &'a str, title: &'a str, body: &'a str) -> Vec<(&'a str, &'a str)> {
        vec![
            ("column", column),
            ("title", title),
            ("summary", ""),
            ("body", body),
            ("source", "广安区人民政府办公室"),
            ("author", "李编辑"),
            ("tags", ""),
            ("revision", ""),
        ]
    }

    /// A policy document's fields, with its index number.
    pub fn policy<'a>(title: &'a str, index_no: &'a str) -> Vec<(&'a str, &'a str)> {
        let mut f = article(
            "policies",
            title,
            "第一条 为了保障城乡居民基本生活，制定本办法。",
        );
        f.extend([
            ("index_no", index_no),
            ("doc_no", "广安区府发〔2026〕3号"),
            ("issuer", "广安区人民政府"),
            ("issued_on", "2026-03-01"),
            ("effective_on", ""),
            ("validity", "valid"),
            ("replaced_by", ""),
            ("category", "regulations"),
            ("publicity", "decision"),
        ]);
        f
    }

    /// Creates a draft through the console; returns its id.
    pub async fn create(c: &mut Client, fields: &[(&str, &str)]) -> String {
        let r = c.post_form("/console/news", fields).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "create: {}", r.body);
        r.location()
            .strip_prefix("/console/news/")
            .and_then(|rest| rest.split('?').next())
            .unwrap_or_else(|| panic!("created, but went to {}", r.location()))
            .to_owned()
    }

    /// Takes an editorial step from the document's console page, as shown (its revision).
    pub async fn step(
        c: &mut Client,
        id: &str,
        action: &str,
        note: &str,
        publish_at: &str,
    ) -> Resp {
        let page = c.get(&format!("/console/news/{id}")).await.ok();
        let revision = input_value(&page.body, "revision");
        c.post_form(
            &format!("/console/news/{id}/step"),
            &[
                ("action", action),
                ("note", note),
                ("publish_at", publish_at),
                ("revision", &revision),
            ],
        )
        .await
    }

    /// Takes a step that must succeed.
    pub async fn step_ok(c: &mut Client, id: &str, action: &str, note: &str, publish_at: &str) {
        let r = step(c, id, action, note, publish_at).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{action}: {}", r.body);
    }

    /// Writes, submits and approves (now) a document: the editor writes, the reviewer
    /// publishes. Returns its id.
    pub async fn publish(
        editor: &mut Client,
        reviewer: &mut Client,
        fields: &[(&str, &str)],
    ) -> String {
        let id = create(editor, fields).await;
        step_ok(editor, &id, "submit", "", "").await;
        step_ok(reviewer, &id, "approve", "", "").await;
        id
    }

    /// Saves new words from the edit page (its revision), optionally as a correction.
    pub async fn save(c: &mut Client, id: &str, fields: &[(&str, &str)]) -> Resp {
        let form = c.get(&format!("/console/news/{id}/edit")).await.ok();
        let revision = input_value(&form.body, "revision");
        let mut fields: Vec<(&str, &str)> = fields
            .iter()
            .filter(|(k, _)| *k != "revision")
            .copied()
            .collect();
        fields.push(("revision", &revision));
        c.post_form(&format!("/console/news/{id}/edit"), &fields)
            .await
    }

    /// `YYYY-MM-DDTHH:MM` in Beijing time, as a `datetime-local` input sends it.
    pub fn beijing(at: Timestamp) -> String {
        let d = time::OffsetDateTime::from_unix_timestamp(at.secs())
            .unwrap()
            .to_offset(time::macros::offset!(+8));
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}",
            d.year(),
            u8::from(d.month()),
            d.day(),
            d.hour(),
            d.minute()
        )
    }

    /// `now` moved by some hours.
    pub fn hours_from_now(h: i64) -> Timestamp {
        Timestamp(Timestamp::now().millis() + h * 3_600_000)
    }

    /// How many documents there are, in any state.
    pub async fn doc_count(t: &TestApp) -> i64 {
        t.store
            .console_docs(&[], "", Page::new(Some(1), Some(100), 100).unwrap())
            .await
            .unwrap()
            .1
    }

    /// A document's state and revision.
    pub async fn state_of(t: &TestApp, id: &str) -> (DocState, i64) {
        let row = t
            .store
            .doc(id.parse::<DocId>().unwrap())
            .await
            .unwrap()
            .unwrap();
        (row.state, row.revision)
    }

    /// A part of a multipart form: a text field, or a file with its name and type.
    pub enum Part<'a> {
        Text(&'a str, &'a str),
        File(&'a str, &'a str, &'a str, &'a [u8]),
    }

    /// Posts `multipart/form-data` as a browser sends the console's upload form: the
    /// anti-forgery token in the address and as the first field, then the parts in order.
    pub async fn post_parts(c: &mut Client, path: &str, parts: &[Part<'_>]) -> Resp {
        if c.csrf.is_none() {
            c.get("/").await;
        }
        let csrf = c.csrf.clone().unwrap_or_default();
        let boundary = "yiwang-publishing-test";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{csrf}\r\n"
        )
        .into_bytes();
        for p in parts {
            match p {
                Part::Text(name, value) => body.extend_from_slice(
                    format!(
                        "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                    )
                    .as_bytes(),
                ),
                Part::File(name, file_name, content_type, bytes) => {
                    body.extend_from_slice(
                        format!(
                            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n"
                        )
                        .as_bytes(),
                    );
                    body.extend_from_slice(bytes);
                    body.extend_from_slice(b"\r\n");
                }
            }
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        c.request(
            Method::POST,
            &format!("{path}?_csrf={csrf}"),
            Some(&format!("multipart/form-data; boundary={boundary}")),
            body,
            &[],
        )
        .await
    }

    /// A real 1×1 PNG picture.
    pub const PNG: &[u8] = &[
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F,
        0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00,
        0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49,
        0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];
}
