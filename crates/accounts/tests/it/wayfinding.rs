//! Registering from "apply" keeps the way (issue 12): the 注册 link carries `next`, a field
//! error keeps the SMS code that was typed, and the new account lands on the application.

use http::StatusCode;

use crate::support::{Client, PASSWORD, Resp, TestApp};

/// The value of the `href` that starts with `prefix` in `page`.
fn href(page: &str, prefix: &str) -> String {
    let at = page
        .find(&format!("href=\"{prefix}"))
        .unwrap_or_else(|| panic!("no link to {prefix}"));
    let rest = &page[at + 6..];
    rest[..rest.find('"').unwrap()].replace("&amp;", "&")
}

/// The value of the input named `name` in the page's content (the frame's settings form has
/// a `next` of its own).
fn value_of(page: &str, name: &str) -> String {
    let page = &page[page.find("<main").unwrap()..];
    let at = page
        .find(&format!("name=\"{name}\" value=\""))
        .unwrap_or_else(|| panic!("no input {name}"));
    let rest = &page[at + name.len() + 15..];
    rest[..rest.find('"').unwrap()].to_owned()
}

/// The login page someone is sent to on their way to `next`.
async fn login_page(c: &mut Client, next: &str) -> String {
    c.get(&format!(
        "/account/login?next={}",
        crate::support::urlencode(next)
    ))
    .await
    .ok()
    .body
}

/// Completes a registration with the SMS code, the password typed twice alike, and `next`.
async fn complete_registration(
    c: &mut Client,
    phone: &str,
    code: &str,
    password: &str,
    next: &str,
) -> Resp {
    c.post_form(
        "/account/register/complete",
        &[
            ("phone", phone),
            ("code", code),
            ("password", password),
            ("confirm", password),
            ("next", next),
        ],
    )
    .await
}

#[tokio::test]
async fn registering_from_an_application_lands_on_it_and_a_weak_password_keeps_the_code() {
    let t = TestApp::new().await;
    let mut c = t.client();
    let apply = "/items/01900000-0000-7000-8000-000000000001/apply";
    // Applying without an account sends the person to log in; they follow 注册 from there.
    let login = login_page(&mut c, apply).await;
    let main = &login[login.find("<main").unwrap()..];
    let register = href(main, "/account/register");
    assert!(
        register.contains("next="),
        "the 注册 link drops next: {register}"
    );
    let page = c.get(&register).await.ok().body;
    assert_eq!(value_of(&page, "next"), apply);

    let r = c
        .post_form(
            "/account/register",
            &[("phone", "13800138001"), ("next", apply)],
        )
        .await
        .ok();
    assert_eq!(value_of(&r.body, "next"), apply);
    let code = t.last_code("13800138001").await;

    // A weak password: the code stays filled in and still works, no resend needed.
    let r = complete_registration(&mut c, "13800138001", &code, "123456", apply).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(value_of(&r.body, "code"), code, "the code was emptied");
    assert_eq!(value_of(&r.body, "next"), apply);
    let r = complete_registration(&mut c, "13800138001", &code, PASSWORD, apply).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), apply);
}

#[tokio::test]
async fn registration_goes_only_to_a_path_on_this_site() {
    let t = TestApp::new().await;
    let mut c = t.client();
    c.get("/account/register").await.ok();
    c.post_form("/account/register", &[("phone", "13800138002")])
        .await
        .ok();
    let code = t.last_code("13800138002").await;
    let r = complete_registration(&mut c, "13800138002", &code, PASSWORD, "//evil.example/").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/account?welcome=1");
}

/// The frame's header (its 登录 and 注册 links), not the page's content.
fn header(page: &str) -> &str {
    let start = page.find("<header").expect("no header");
    &page[start..start + page[start..].find("</header>").unwrap()]
}

#[tokio::test]
async fn the_header_register_link_keeps_where_the_person_was_going() {
    let t = TestApp::new().await;
    let mut c = t.client();
    let apply = "/items/01900000-0000-7000-8000-000000000001/apply?for=me";
    let login = login_page(&mut c, apply).await;
    // The header's 注册, not the login form's own link.
    let register = href(header(&login), "/account/register");
    assert!(
        register.starts_with("/account/register?next="),
        "the header's 注册 drops next: {register}"
    );
    let page = c.get(&register).await.ok().body;
    assert_eq!(value_of(&page, "next"), apply);
    // …and the registration page's header 登录 keeps it the other way.
    let back = href(header(&page), "/account/login");
    assert_eq!(
        back,
        format!(
            "/account/login?next={}",
            yiwang_kit::pipeline::percent_encode(apply)
        )
    );

    // A wrong password redraws the login page at the form's address: the header still
    // carries next, from the form.
    let r = c
        .post_form(
            "/account/login",
            &[
                ("phone", "13800138009"),
                ("password", "not-the-password"),
                ("next", apply),
            ],
        )
        .await;
    assert!(r.status.is_client_error(), "{}", r.status);
    let register = href(header(&r.body), "/account/register");
    assert!(register.contains("next="), "{register}");

    // Registering from the header's link lands where the person was going.
    c.post_form(
        "/account/register",
        &[("phone", "13800138003"), ("next", apply)],
    )
    .await
    .ok();
    let code = t.last_code("13800138003").await;
    let r = complete_registration(&mut c, "13800138003", &code, PASSWORD, apply).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), apply);
}

#[tokio::test]
async fn the_header_links_never_carry_a_way_off_the_site() {
    let t = TestApp::new().await;
    let mut c = t.client();
    for bad in [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "/%09/evil.example",
        "%2F%2Fevil.example",
    ] {
        let page = c
            .get(&format!(
                "/account/login?next={}",
                crate::support::urlencode(bad)
            ))
            .await
            .ok()
            .body;
        let h = header(&page);
        assert_eq!(href(h, "/account/register"), "/account/register", "{bad}");
        assert_eq!(href(h, "/account/login"), "/account/login", "{bad}");
    }
    // A page without next links to plain registration.
    let home = c.get("/services").await.ok().body;
    assert_eq!(
        href(header(&home), "/account/register"),
        "/account/register"
    );
}
