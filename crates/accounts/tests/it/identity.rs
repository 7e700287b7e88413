//! Identity assurance (ACC-1): the levels, the provider's answers, the counter, and the rule
//! that a verified ID number belongs to one account and never blocks its owner.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};
use yiwang_domain::auth::Role;
use yiwang_domain::paging::Page;

use crate::support::*;

/// 张三 as the identity service knows him.
const NAME: &str = "张三";

fn number() -> String {
    id_number("51160219900101000")
}

async fn open_conflicts(t: &TestApp) -> usize {
    let page = Page::new(None, None, 50).unwrap();
    t.store.open_identity_conflicts(page).await.unwrap().0.len()
}

/// The caller's own account as the API shows it.
async fn own_account(c: &mut Client) -> Value {
    c.json(Method::GET, "/api/v1/me", json!({})).await.json()
}

#[tokio::test]
async fn a_second_person_cannot_become_the_first_by_typing_their_id_number() {
    let t = TestApp::new().await;
    let owner_number = number();
    let mut owner = t.verified_citizen("15100000001", NAME, &owner_number).await;
    let page = owner.get("/account").await.ok();
    assert!(
        page.body.contains("已核验（身份核验服务）"),
        "{}",
        page.body
    );

    // Someone who knows 张三's details types them: recorded only as self-declared, with the
    // same answer as for a number nobody holds; the admin gets a conflict to look at.
    let mut other = t.citizen("15100000002").await;
    let r = other
        .post_form(
            "/account/verify",
            &[("name", NAME), ("id_number", &owner_number)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/account?declared=1");
    let me = own_account(&mut other).await;
    assert_eq!(me["identity_level"], "self_declared");
    assert_eq!(open_conflicts(&t).await, 1);

    // Through the identity service as well: the number is verified on another account, so
    // the answer sends them to a counter and nothing changes.
    let r = other
        .post_form(
            "/account/verify",
            &[
                ("name", NAME),
                ("id_number", &owner_number),
                ("method", "provider"),
            ],
        )
        .await;
    // The page shows the form again with the way forward.
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("政务服务窗口"), "{}", r.body);
    let r = other
        .json(
            Method::POST,
            "/api/v1/me/real-name",
            json!({ "name": NAME, "id_number": owner_number, "method": "provider" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.error_code(), "identity_needs_counter");
    let me = own_account(&mut other).await;
    assert_eq!(me["identity_level"], "self_declared");
    // Retrying adds nothing to the admin's queue.
    assert_eq!(open_conflicts(&t).await, 1);

    // The owner is still verified, and cannot be moved by typing either.
    let me = own_account(&mut owner).await;
    assert_eq!(me["identity_level"], "provider");
    let r = owner
        .post_form(
            "/account/verify",
            &[
                ("name", "李四"),
                ("id_number", &id_number("51160219880202000")),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("锁定"), "{}", r.body);
    let me = own_account(&mut owner).await;
    assert_eq!(me["identity_level"], "provider");
}

#[tokio::test]
async fn the_identity_service_refuses_a_wrong_name_and_the_dead_and_an_outage_decides_nothing() {
    let t = TestApp::new().await;
    let deceased = id_number("51160219400101001");
    let outage = id_number("51160219700101002");
    t.sandbox
        .load(&format!(
            "{deceased}\t刘老伯\tdeceased\n{outage}\t赵测试\tunavailable\n"
        ))
        .unwrap();
    t.sandbox.add_person(&number(), NAME);
    let mut c = t.citizen("15100000003").await;
    for (name, id) in [("张四", number()), ("刘老伯", deceased)] {
        let r = c
            .post_form(
                "/account/verify",
                &[("name", name), ("id_number", &id), ("method", "provider")],
            )
            .await;
        // The dead and a wrong name get one answer: the page tells no stranger who died.
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        assert!(r.body.contains("核验不一致"), "{name}: {}", r.body);
    }
    let r = c
        .post_form(
            "/account/verify",
            &[
                ("name", "赵测试"),
                ("id_number", &outage),
                ("method", "provider"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("稍后再试"), "{}", r.body);
    let me = own_account(&mut c).await;
    assert!(me["identity_level"].is_null(), "nothing recorded: {me}");

    // The API says the same as the pages.
    let r = c
        .json(
            Method::POST,
            "/api/v1/me/real-name",
            json!({ "name": "张四", "id_number": number(), "method": "provider" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.error_code(), "validation_failed");
    let r = c
        .json(
            Method::POST,
            "/api/v1/me/real-name",
            json!({ "name": NAME, "id_number": number(), "method": "provider" }),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    let me = own_account(&mut c).await;
    assert_eq!(me["identity_level"], "provider");
}

#[tokio::test]
async fn a_clerk_who_saw_the_id_card_verifies_in_person_and_the_citizen_sees_who_and_where() {
    let t = TestApp::new().await;
    let mut citizen = t.citizen("15100000004").await;
    let (mut clerk, _) = t
        .staff("chuangkou", Role::WindowClerk, Some(t.dept_a), "511602")
        .await;
    let page = clerk.get("/console/identity").await.ok();
    assert!(page.body.contains("身份证原件"), "{}", page.body);
    let id = id_number("51160219750505003");
    let fields = [
        ("phone", "15100000004"),
        ("name", "王五"),
        ("id_number", id.as_str()),
        ("place", "广安区政务服务中心3号窗口"),
    ];
    // Every problem at once, and nothing changes.
    let r = clerk
        .post_form(
            "/console/identity",
            &[
                ("phone", "15100009999"),
                ("name", ""),
                ("id_number", "1"),
                ("place", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let me = own_account(&mut citizen).await;
    assert!(me["identity_level"].is_null());
    let r = clerk.post_form("/console/identity", &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let me = own_account(&mut citizen).await;
    assert_eq!(me["identity_level"], "in_person");
    let page = citizen.get("/account").await.ok();
    assert!(page.body.contains("已核验（窗口当面核验）"));
    let log = citizen.get("/account/access-log").await.ok();
    assert!(log.body.contains("核验身份"), "{}", log.body);

    // A citizen cannot reach the counter's page, nor a reviewer who works no counter.
    assert_eq!(
        citizen.get("/console/identity").await.status,
        StatusCode::FORBIDDEN
    );
    let (mut reviewer, _) = t
        .staff("shenhe", Role::Reviewer, Some(t.dept_a), "511602")
        .await;
    let r = reviewer.post_form("/console/identity", &fields).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_platform_admin_decides_who_keeps_a_number_two_accounts_claim() {
    let t = TestApp::new().await;
    let n = number();
    // The first account only typed the number; the owner then verifies it with the service.
    let mut typist = t.citizen("15100000005").await;
    typist
        .post_form("/account/verify", &[("name", NAME), ("id_number", &n)])
        .await;
    let mut owner = t.verified_citizen("15100000006", NAME, &n).await;
    assert_eq!(open_conflicts(&t).await, 1);
    let (mut admin, _) = t.staff("admin", Role::PlatformAdmin, None, "5116").await;
    let page = admin.get("/console/identity/conflicts").await.ok();
    assert!(page.body.contains("保留已有的账号"), "{}", page.body);
    assert!(!page.body.contains(&n), "the number itself is not shown");
    let (open, _) = t
        .store
        .open_identity_conflicts(Page::new(None, None, 50).unwrap())
        .await
        .unwrap();
    let decide = format!("/console/identity/conflicts/{}", open[0].id);
    // A department admin may not decide.
    let (mut dept_admin, _) = t
        .staff("mz", Role::DeptAdmin, Some(t.dept_a), "511602")
        .await;
    let r = dept_admin
        .post_form(&decide, &[("resolution", "keep_claimant")])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = admin.post_form(&decide, &[("resolution", "maybe")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The later (verified) claim keeps it; the typist's identity is cleared.
    let r = admin
        .post_form(&decide, &[("resolution", "keep_claimant")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(open_conflicts(&t).await, 0);
    let me = own_account(&mut typist).await;
    assert!(me["identity_level"].is_null(), "{me}");
    let me = own_account(&mut owner).await;
    assert_eq!(me["identity_level"], "provider");
    // Both are told through the log they can read.
    for c in [&mut typist, &mut owner] {
        let log = c.get("/account/access-log").await.ok();
        assert!(log.body.contains("处理身份证号冲突"), "{}", log.body);
    }
    // Resolving again changes nothing.
    let r = admin
        .post_form(&decide, &[("resolution", "keep_holder")])
        .await;
    assert!(r.status.is_client_error(), "{}", r.status);
    let me = own_account(&mut owner).await;
    assert_eq!(me["identity_level"], "provider");
}
