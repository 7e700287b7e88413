//! The account forms' errors name their field and link to it (issue 12 §3): the error
//! summary reads "新密码：密码至少8位。", not "密码至少8位。" with no field named.

use http::StatusCode;

use crate::support::{Client, TestApp, error_summary_items, id_number};

/// The error summary's items: (link, message); the page must have one.
fn summary(page: &str) -> Vec<(String, String)> {
    assert!(
        page.contains("class=\"error-summary\""),
        "no error summary: {page}"
    );
    error_summary_items(page)
}

/// Posts `fields` to `path`, expects the form again with errors, and checks that each link of
/// its summary goes to a field on the page; returns the summary.
async fn refused(c: &mut Client, path: &str, fields: &[(&str, &str)]) -> Vec<(String, String)> {
    let r = c.post_form(path, fields).await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{path}: {}",
        r.body
    );
    let items = summary(&r.body);
    for (href, _) in &items {
        assert!(
            href.starts_with("#f-") && r.body.contains(&format!("id=\"{}\"", &href[1..])),
            "{path}: {href} leads nowhere"
        );
    }
    items
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

#[tokio::test]
async fn changing_the_password_names_each_field_in_the_summary() {
    let t = TestApp::new().await;
    let mut c = t.citizen("13800138011").await;
    c.get("/account/password").await.ok();
    let items = refused(
        &mut c,
        "/account/password",
        &[("current", ""), ("password", "short"), ("confirm", "short")],
    )
    .await;
    assert_eq!(
        items,
        pairs(&[
            ("#f-current", "请填写当前密码。"),
            ("#f-password", "新密码：密码至少8位。"),
        ])
    );
    let items = refused(
        &mut c,
        "/account/password",
        &[
            ("current", "not-my-password"),
            ("password", "Another-good-one-2026"),
            ("confirm", "Another-good-one-2027"),
        ],
    )
    .await;
    assert_eq!(
        items,
        pairs(&[("#f-confirm", "确认密码：两次输入的密码不一样。")])
    );
    // A wrong current password names it too.
    let items = refused(
        &mut c,
        "/account/password",
        &[
            ("current", "not-my-password"),
            ("password", "Another-good-one-2026"),
            ("confirm", "Another-good-one-2026"),
        ],
    )
    .await;
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0].0, "#f-current");
    assert!(items[0].1.starts_with("当前密码："), "{items:?}");
}

#[tokio::test]
async fn real_name_verification_names_each_field_in_the_summary() {
    let t = TestApp::new().await;
    let mut c = t.citizen("13800138012").await;
    c.get("/account/verify").await.ok();
    let items = refused(
        &mut c,
        "/account/verify",
        &[
            ("name", ""),
            ("id_number", "511602198001010020"),
            ("method", "self_declared"),
        ],
    )
    .await;
    let links: Vec<&str> = items.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(links, ["#f-name", "#f-id_number"], "{items:?}");
    assert_eq!(items[0].1, "请填写姓名。");
    assert!(items[1].1.starts_with("身份证号："), "{items:?}");
}

#[tokio::test]
async fn the_phone_and_code_pages_name_their_fields_in_the_summary() {
    let t = TestApp::new().await;
    let mut c = t.client();
    c.get("/account/register").await.ok();
    let items = refused(&mut c, "/account/register", &[("phone", "12345")]).await;
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0].0, "#f-phone");
    assert!(items[0].1.starts_with("手机号码："), "{items:?}");

    c.post_form("/account/register", &[("phone", "13800138013")])
        .await
        .ok();
    let code = t.last_code("13800138013").await;
    let items = refused(
        &mut c,
        "/account/register/complete",
        &[
            ("phone", "13800138013"),
            ("code", &code),
            ("password", "123456"),
            ("confirm", "123456"),
        ],
    )
    .await;
    assert_eq!(items, pairs(&[("#f-password", "密码：密码至少8位。")]));
    let items = refused(
        &mut c,
        "/account/register/complete",
        &[
            ("phone", "13800138013"),
            ("code", &code),
            ("password", crate::support::PASSWORD),
            ("confirm", "Guangan-test-2027"),
        ],
    )
    .await;
    assert_eq!(
        items,
        pairs(&[("#f-confirm", "确认密码：两次输入的密码不一样。")])
    );

    // In English, too.
    let mut c = t.citizen("13800138014").await;
    c.post_form(
        "/settings",
        &[("lang", "en"), ("next", "/account/password")],
    )
    .await;
    let items = refused(
        &mut c,
        "/account/password",
        &[("current", ""), ("password", "short"), ("confirm", "short")],
    )
    .await;
    assert_eq!(
        items,
        pairs(&[
            ("#f-current", "Enter Current password."),
            ("#f-password", "New password: Use at least 8 characters."),
        ])
    );
}

#[tokio::test]
async fn the_enterprise_forms_name_their_fields_in_the_summary() {
    let t = TestApp::new().await;
    let mut rep = t
        .verified_citizen("13800138015", "张秀英", &id_number("51160219800101002"))
        .await;
    rep.get("/account/enterprises").await.ok();
    let items = refused(
        &mut rep,
        "/account/enterprises",
        &[
            ("name", ""),
            ("credit_code", "12345"),
            ("legal_representative", "张秀英"),
        ],
    )
    .await;
    let links: Vec<&str> = items.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(links, ["#f-name", "#f-credit_code"], "{items:?}");
    assert_eq!(items[0].1, "请填写企业名称。");
    assert!(items[1].1.starts_with("统一社会信用代码："), "{items:?}");
}
