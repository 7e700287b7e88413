//! Citizens: registering, logging in and out, resetting, verifying a real name.

use http::StatusCode;

use crate::support::{PASSWORD, TestApp, id_number};

#[tokio::test]
async fn a_citizen_registers_with_an_sms_code_and_lands_on_their_account() {
    let t = TestApp::new().await;
    let mut c = t.client();
    assert!(c.get("/account/register").await.body.contains("注册账号"));
    let r = c
        .post_form("/account/register", &[("phone", "138 0013 8000")])
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains("138****8000"),
        "the step-two page shows the masked number"
    );
    let code = t.last_code("13800138000").await;
    let r = c
        .post_form(
            "/account/register/complete",
            &[
                ("phone", "13800138000"),
                ("code", &code),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/account?welcome=1");
    let page = c.get("/account?welcome=1").await;
    assert!(page.body.contains("注册成功"), "{}", page.body);
    assert!(page.body.contains("138****8000"));
    assert!(page.body.contains("未实名"));
    // The welcome message is in the inbox, counted in the header.
    t.drain().await;
    let page = c.get("/account").await;
    assert!(
        page.body
            .contains("class=\"badge\" data-live-unread><span data-count>1</span>"),
        "unread badge missing (shown, with 1): {}",
        page.body
    );
}

#[tokio::test]
async fn registering_a_taken_number_looks_the_same_but_texts_a_reminder_instead_of_a_code() {
    let t = TestApp::new().await;
    t.citizen("13900139000").await;
    t.forget_rate_limits().await;
    let mut stranger = t.client();
    let r = stranger
        .post_form("/account/register", &[("phone", "13900139000")])
        .await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "no hint that the number is registered"
    );
    assert!(r.body.contains("如果这个号码可以使用"));
    t.drain().await;
    let msgs = t
        .store
        .dev_messages(
            Some("13900139000"),
            yiwang_domain::paging::Page::new(None, None, 10).unwrap(),
        )
        .await
        .unwrap();
    assert!(
        msgs[0].body.contains("已有账号"),
        "the owner is told instead: {}",
        msgs[0].body
    );
    assert_eq!(
        crate::support::six_digits(&msgs[0].body),
        None,
        "and no code"
    );
}

#[tokio::test]
async fn a_wrong_code_creates_no_account_and_five_wrong_codes_void_it() {
    let t = TestApp::new().await;
    let mut c = t.client();
    c.post_form("/account/register", &[("phone", "13700137000")])
        .await
        .ok();
    let code = t.last_code("13700137000").await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        let r = c
            .post_form(
                "/account/register/complete",
                &[
                    ("phone", "13700137000"),
                    ("code", wrong),
                    ("password", PASSWORD),
                    ("confirm", PASSWORD),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("验证码不正确或已过期"));
    }
    assert!(
        t.store
            .find_citizen_by_phone(&yiwang_domain::identity::Mobile::parse("13700137000").unwrap())
            .await
            .unwrap()
            .is_none()
    );
    // The right code no longer works either.
    let r = c
        .post_form(
            "/account/register/complete",
            &[
                ("phone", "13700137000"),
                ("code", &code),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn every_problem_of_a_registration_form_is_listed_at_once() {
    let t = TestApp::new().await;
    let mut c = t.client();
    let r = c
        .post_form(
            "/account/register/complete",
            &[
                ("phone", "12345"),
                ("code", "12"),
                ("password", "short"),
                ("confirm", "other"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    for msg in ["请输入11位中国大陆手机号", "验证码是6位数字", "密码至少8位"]
    {
        assert!(r.body.contains(msg), "missing {msg}");
    }
    assert!(
        r.body.contains("href=\"#f-phone\""),
        "the error summary links to the field"
    );
    assert!(r.body.contains("aria-invalid=\"true\""));
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_number_get_the_same_answer() {
    let t = TestApp::new().await;
    t.citizen("13600136000").await;
    let mut a = t.client();
    let wrong = a
        .post_form(
            "/account/login",
            &[("phone", "13600136000"), ("password", "not-the-password")],
        )
        .await;
    let mut b = t.client();
    let unknown = b
        .post_form(
            "/account/login",
            &[("phone", "13600136001"), ("password", "not-the-password")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.body.contains("账号或密码不正确") && unknown.body.contains("账号或密码不正确"));
}

#[tokio::test]
async fn five_failed_logins_lock_the_account_even_against_the_right_password() {
    let t = TestApp::new().await;
    t.citizen("13500135000").await;
    let mut c = t.client();
    for i in 0..5 {
        let r = c
            .post_form(
                "/account/login",
                &[("phone", "13500135000"), ("password", "wrong-password")],
            )
            .await;
        let expected = if i < 4 {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::TOO_MANY_REQUESTS
        };
        assert_eq!(r.status, expected, "attempt {i}");
    }
    let r = c
        .post_form(
            "/account/login",
            &[("phone", "13500135000"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers.contains_key("retry-after"));
    assert!(r.body.contains("账号已暂时锁定"));
}

#[tokio::test]
async fn login_logout_and_the_session_cookie() {
    let t = TestApp::new().await;
    t.citizen("13400134000").await;
    let mut c = t.client();
    c.get("/account/login").await.ok();
    let r = c
        .post_form(
            "/account/login",
            &[
                ("phone", "13400134000"),
                ("password", PASSWORD),
                ("next", "/account/messages"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/account/messages");
    let cookie = r.headers.get("set-cookie").unwrap().to_str().unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert_eq!(c.get("/account").await.status, StatusCode::OK);
    let r = c.post_form("/account/logout", &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = c.get("/account").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(
        r.location().starts_with("/account/login?next=%2Faccount")
            || r.location().starts_with("/account/login?next=/account"),
        "{}",
        r.location()
    );
}

#[tokio::test]
async fn an_open_redirect_through_next_is_refused() {
    let t = TestApp::new().await;
    t.citizen("13400134001").await;
    // Another site, or a tab (dropped by browsers, so `/\t/evil` is `//evil` to them) as
    // typed or encoded.
    for next in [
        "//evil.example/",
        "/\t/evil.example",
        "/%09/evil.example",
        "/%2509/evil.example",
    ] {
        let mut c = t.client();
        let r = c
            .post_form(
                "/account/login",
                &[
                    ("phone", "13400134001"),
                    ("password", PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(r.location(), "/account", "{next:?}");
    }
}

#[tokio::test]
async fn a_login_sent_with_a_stale_session_cookie_keeps_the_new_session() {
    let t = TestApp::new().await;
    t.citizen("13400134002").await;
    let mut c = t.client();
    c.get("/account/login").await.ok();
    // A session cookie the server no longer knows (it ended, or the database was reset).
    c.cookies.insert(
        "yw_session".into(),
        "stale-session-token-000000000000000".into(),
    );
    let r = c
        .post_form(
            "/account/login",
            &[("phone", "13400134002"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let sessions: Vec<&str> = r
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .filter(|v| v.starts_with("yw_session="))
        .collect();
    assert_eq!(sessions.len(), 1, "only the new session: {sessions:?}");
    assert!(!sessions[0].contains("Max-Age=0"), "{sessions:?}");
    assert_eq!(c.get("/account").await.status, StatusCode::OK, "logged in");
    // A stale cookie on any other request is still cleared.
    let mut other = t.client();
    other.cookies.insert(
        "yw_session".into(),
        "stale-session-token-000000000000001".into(),
    );
    let r = other.get("/").await;
    assert!(
        r.headers
            .get_all("set-cookie")
            .iter()
            .any(|v| v.to_str().unwrap().starts_with("yw_session=;")),
        "{:?}",
        r.headers
    );
}

#[tokio::test]
async fn an_idle_session_expires_and_says_so() {
    let t = TestApp::new().await;
    let mut c = t.citizen("13300133000").await;
    // Make the session look 31 minutes idle.
    sqlx::query("UPDATE sessions SET last_seen_at = last_seen_at - 1860000")
        .execute(t.store.db.writer())
        .await
        .unwrap();
    let r = c.get("/account").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location().contains("expired=1"));
    let page = c.get(r.location()).await;
    assert!(page.body.contains("已自动退出"), "{}", page.body);
    assert_eq!(
        c.get("/account").await.status,
        StatusCode::SEE_OTHER,
        "the session stays ended"
    );
}

#[tokio::test]
async fn a_forgotten_password_is_reset_with_an_sms_code_and_old_sessions_end() {
    let t = TestApp::new().await;
    let mut old = t.citizen("13200132000").await;
    t.forget_rate_limits().await;
    let mut c = t.client();
    c.get("/account/reset").await.ok();
    assert_eq!(
        c.post_form("/account/reset", &[("phone", "13200132000")])
            .await
            .status,
        StatusCode::OK
    );
    let code = t.last_code("13200132000").await;
    let new_password = "新的密码-很长-2026";
    let r = c
        .post_form(
            "/account/reset/complete",
            &[
                ("phone", "13200132000"),
                ("code", &code),
                ("password", new_password),
                ("confirm", new_password),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/account/login?reset=1");
    assert_eq!(
        old.get("/account").await.status,
        StatusCode::SEE_OTHER,
        "the old session ended"
    );
    let bad = c
        .post_form(
            "/account/login",
            &[("phone", "13200132000"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    let good = c
        .post_form(
            "/account/login",
            &[("phone", "13200132000"), ("password", new_password)],
        )
        .await;
    assert_eq!(good.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_reset_for_an_unknown_number_sends_nothing_and_says_the_same() {
    let t = TestApp::new().await;
    let mut c = t.client();
    let r = c
        .post_form("/account/reset", &[("phone", "13100131000")])
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("如果这个号码可以使用"));
    t.drain().await;
    let msgs = t
        .store
        .dev_messages(
            Some("13100131000"),
            yiwang_domain::paging::Page::new(None, None, 10).unwrap(),
        )
        .await
        .unwrap();
    assert!(msgs.is_empty());
}

#[tokio::test]
async fn codes_are_limited_to_one_a_minute_per_number() {
    let t = TestApp::new().await;
    let mut c = t.client();
    assert_eq!(
        c.post_form("/account/register", &[("phone", "13000130000")])
            .await
            .status,
        StatusCode::OK
    );
    let r = c
        .post_form("/account/register", &[("phone", "13000130000")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("操作太频繁"));
}

#[tokio::test]
async fn real_name_verification_checks_the_number_and_masks_it() {
    let t = TestApp::new().await;
    let mut c = t.citizen("15000150000").await;
    let good = id_number("51160219850315123");
    let mut bad = good.clone();
    bad.pop();
    bad.push(if good.ends_with('0') { '1' } else { '0' });
    let r = c
        .post_form(
            "/account/verify",
            &[("name", "王小明"), ("id_number", &bad)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("校验不通过"));
    let r = c
        .post_form(
            "/account/verify",
            &[
                ("name", "王小明"),
                ("id_number", &id_number("99160219850315123")),
            ],
        )
        .await;
    assert!(r.body.contains("地区码不存在"), "unknown province");
    let r = c
        .post_form(
            "/account/verify",
            &[
                ("name", "王小明"),
                ("id_number", &id_number("51160220990315123")),
            ],
        )
        .await;
    assert!(r.body.contains("出生日期不正确"), "born in the future");
    let r = c
        .post_form(
            "/account/verify",
            &[("name", "王小明"), ("id_number", &good)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // Typed by the person: recorded as self-declared, not verified.
    let page = c.get("/account?declared=1").await;
    assert!(page.body.contains("自行填写，未核验") && page.body.contains("王小明"));
    assert!(
        page.body
            .contains(&format!("511***********{}", &good[14..])),
        "masked ID shown"
    );
    assert!(!page.body.contains(&good), "the full number is never shown");
    // A second account typing the same number gets the same answer as for a free number
    // (nothing says the number is registered), and the conflict waits for a platform admin.
    let mut other = t.citizen("15000150001").await;
    let r = other
        .post_form(
            "/account/verify",
            &[("name", "王小明"), ("id_number", &good)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/account?declared=1");
    let (open, _) = t
        .store
        .open_identity_conflicts(yiwang_domain::paging::Page::new(Some(1), None, 50).unwrap())
        .await
        .unwrap();
    assert_eq!(open.len(), 1);
}

#[tokio::test]
async fn personal_data_is_encrypted_at_rest() {
    let t = TestApp::new().await;
    let id = id_number("51160219850315123");
    t.verified_citizen("15100151000", "李四", &id).await;
    let rows = sqlx::query("SELECT phone_enc, id_number_enc, real_name_enc, phone_index FROM accounts WHERE kind = 'citizen'")
        .fetch_all(t.store.db.reader())
        .await
        .unwrap();
    use sqlx::Row;
    for r in rows {
        for col in ["phone_enc", "id_number_enc", "real_name_enc"] {
            let blob: Vec<u8> = r.try_get(col).unwrap();
            let text = String::from_utf8_lossy(&blob);
            assert!(
                !text.contains("15100151000") && !text.contains(&id) && !text.contains("李四"),
                "{col} holds plaintext"
            );
        }
        let index: String = r.try_get("phone_index").unwrap();
        assert!(!index.contains("15100151000"));
    }
}

#[tokio::test]
async fn a_password_change_needs_the_current_password_and_ends_other_sessions() {
    let t = TestApp::new().await;
    let mut here = t.citizen("15200152000").await;
    let mut elsewhere = t.client();
    elsewhere
        .post_form(
            "/account/login",
            &[("phone", "15200152000"), ("password", PASSWORD)],
        )
        .await
        .ok();
    assert_eq!(elsewhere.get("/account").await.status, StatusCode::OK);
    let r = here
        .post_form(
            "/account/password",
            &[
                ("current", "wrong"),
                ("password", "另一个好密码2026"),
                ("confirm", "另一个好密码2026"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("当前密码不正确"));
    let r = here
        .post_form(
            "/account/password",
            &[
                ("current", PASSWORD),
                ("password", "另一个好密码2026"),
                ("confirm", "另一个好密码2026"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        here.get("/account").await.status,
        StatusCode::OK,
        "this session stays"
    );
    assert_eq!(
        elsewhere.get("/account").await.status,
        StatusCode::SEE_OTHER,
        "the other one ended"
    );
}
