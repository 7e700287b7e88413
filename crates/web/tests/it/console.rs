//! The staff console: authenticator login and enrolment, departments, staff, citizen lookup
//! with the citizen's access log, audit, jobs, communities, system clients.

use http::StatusCode;
use yiwang_domain::auth::Role;

use crate::support::{PASSWORD, TestApp, id_number};

#[tokio::test]
async fn staff_need_their_authenticator_code_and_each_code_works_once() {
    let t = TestApp::new().await;
    t.create_staff("li.si", Role::Reviewer, Some(t.dept_a), "511602")
        .await;
    let mut c = t.client();
    c.get("/console/login").await.ok();
    let r = c
        .post_form(
            "/console/login",
            &[("username", "li.si"), ("password", PASSWORD), ("code", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.body.contains("请输入手机验证器上的动态口令"));
    let r = c
        .post_form(
            "/console/login",
            &[
                ("username", "li.si"),
                ("password", PASSWORD),
                ("code", "000000"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let code = t.totp("li.si").await;
    let r = c
        .post_form(
            "/console/login",
            &[
                ("username", "li.si"),
                ("password", PASSWORD),
                ("code", &code),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/console");
    // The same code again, from another browser: refused as a replay.
    let mut other = t.client();
    let r = other
        .post_form(
            "/console/login",
            &[
                ("username", "li.si"),
                ("password", PASSWORD),
                ("code", &code),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.body.contains("动态口令不正确或已使用过"));
    // A wrong password says only that, whatever the code.
    let r = other
        .post_form(
            "/console/login",
            &[
                ("username", "li.si"),
                ("password", "nope-nope-nope"),
                ("code", ""),
            ],
        )
        .await;
    assert!(r.body.contains("账号或密码不正确"));
}

#[tokio::test]
async fn a_new_staff_member_links_an_authenticator_by_qr_code_at_first_login() {
    let t = TestApp::new().await;
    let (mut admin, _) = t.staff("admin", Role::PlatformAdmin, None, "5116").await;
    admin.get("/console/staff/new").await.ok();
    let r = admin
        .post_form(
            "/console/staff",
            &[
                ("username", "Wang.Wu"),
                ("display_name", "王五"),
                ("phone", ""),
                ("password", "初始密码-足够长-1"),
                ("role", "window_clerk"),
                ("department", &t.dept_a.to_string()),
                ("region", "511602"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mut c = t.client();
    let r = c
        .post_form(
            "/console/login",
            &[
                ("username", "wang.wu"),
                ("password", "初始密码-足够长-1"),
                ("code", ""),
            ],
        )
        .await;
    assert_eq!(r.location(), "/console/enrol");
    // Until enrolment is done, nothing else opens.
    assert_eq!(c.get("/console").await.status, StatusCode::SEE_OTHER);
    let page = c.get("/console/enrol").await;
    assert!(page.body.contains("<svg"), "a QR code is shown");
    let secret_b32 = page
        .body
        .split("<code class=\"secret\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_owned();
    let secret = base32_decode(&secret_b32);
    let now = yiwang_domain::Timestamp::now().secs() as u64;
    let r = c.post_form("/console/enrol", &[("code", "123")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let code = yiwang_crypto::totp::code_at(&secret, now).unwrap();
    let r = c.post_form("/console/enrol", &[("code", &code)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let dash = c.get("/console").await;
    assert_eq!(dash.status, StatusCode::OK);
    assert!(dash.body.contains("窗口人员"), "the role is shown");
}

fn base32_decode(s: &str) -> Vec<u8> {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let (mut buf, mut bits, mut out) = (0u32, 0, Vec::new());
    for c in s.bytes() {
        buf = (buf << 5) | A.iter().position(|a| *a == c).unwrap() as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buf >> bits) as u8);
        }
    }
    out
}

#[tokio::test]
async fn a_platform_admin_creates_a_department_that_the_public_directory_shows() {
    let t = TestApp::new().await;
    let (mut admin, _) = t.staff("admin", Role::PlatformAdmin, None, "5116").await;
    admin.get("/console/departments/new").await.ok();
    let r = admin
        .post_form(
            "/console/departments",
            &[("name", ""), ("region", "99"), ("phone", "abc")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("请填写这一项")
            && r.body.contains("没有这个地区")
            && r.body.contains("请输入正确的电话号码")
    );
    let r = admin
        .post_form(
            "/console/departments",
            &[
                ("name", "区市监局"),
                ("region", "511602"),
                ("phone", "0826-2333333"),
                ("hours", "工作日 9:00-17:00"),
                ("code", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = t.client().get(r.location()).await;
    assert!(page.body.contains("区市监局") && page.body.contains("0826-2333333"));
    assert!(
        page.body.contains("暂未填写"),
        "the missing address is shown honestly"
    );
    let audit = admin.get("/console/audit?action=department_created").await;
    assert!(audit.body.contains("新建部门"));
}

#[tokio::test]
async fn a_department_admin_edits_their_department_and_a_concurrent_edit_is_refused() {
    let t = TestApp::new().await;
    let (mut a, _) = t
        .staff("mz1", Role::DeptAdmin, Some(t.dept_a), "511602")
        .await;
    let (mut b, _) = t
        .staff("mz2", Role::DeptAdmin, Some(t.dept_a), "511602")
        .await;
    let path = format!("/console/departments/{}", t.dept_a);
    let form_a = a.get(&path).await;
    assert!(form_a.body.contains("name=\"version\" value=\"1\""));
    b.get(&path).await.ok();
    let r = a
        .post_form(
            &path,
            &[
                ("name", "区民政局"),
                ("region", "511602"),
                ("phone", "0826-2000001"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = b
        .post_form(
            &path,
            &[
                ("name", "区民政局"),
                ("region", "511602"),
                ("phone", "0826-2999999"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("别人刚刚修改了这条记录"));
    let d = t.store.department(t.dept_a).await.unwrap();
    assert_eq!(
        d.phone.as_deref(),
        Some("0826-2000001"),
        "the first edit stands"
    );
    assert_eq!(d.version, 2);
    // Not their department: forbidden.
    assert_eq!(
        a.get(&format!("/console/departments/{}", t.dept_b))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_department_admin_staffs_their_department_but_cannot_create_supervisors() {
    let t = TestApp::new().await;
    let (mut a, _) = t
        .staff("mz", Role::DeptAdmin, Some(t.dept_a), "511602")
        .await;
    let fields = |role: &'static str, dept: String| {
        vec![
            ("username", "new.one".to_owned()),
            ("display_name", "新人".to_owned()),
            ("password", "足够长的初始密码1".to_owned()),
            ("role", role.to_owned()),
            ("department", dept),
            ("region", "511602".to_owned()),
        ]
    };
    let post = |f: Vec<(&'static str, String)>| f;
    let f = post(fields("supervisor", String::new()));
    let r = a
        .post_form(
            "/console/staff",
            &f.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>(),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        !t.store.any_staff().await.unwrap()
            || t.store.staff_login("new.one").await.unwrap().is_none()
    );
    let f = post(fields("window_clerk", t.dept_b.to_string()));
    let r = a
        .post_form(
            "/console/staff",
            &f.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>(),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "not their department"
    );
    let f = post(fields("window_clerk", t.dept_a.to_string()));
    let r = a
        .post_form(
            "/console/staff",
            &f.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>(),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(t.store.staff_login("new.one").await.unwrap().is_some());
}

#[tokio::test]
async fn a_clerk_looks_up_a_citizen_and_the_citizen_sees_who_read_their_data() {
    let t = TestApp::new().await;
    let id = id_number("51160219560101123");
    let mut citizen = t.verified_citizen("18600186000", "陈阿婆", &id).await;
    let (mut clerk, _) = t
        .staff("chuangkou", Role::WindowClerk, Some(t.dept_a), "511602")
        .await;
    clerk.get("/console/citizens").await.ok();
    let r = clerk
        .post_form(
            "/console/citizens",
            &[("query", "18600186000"), ("reason", "")],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a reason is required"
    );
    let r = clerk
        .post_form(
            "/console/citizens",
            &[("query", &id), ("reason", "窗口代办核对身份")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = clerk.get(r.location()).await;
    assert!(
        page.body.contains("陈阿婆")
            && page.body.contains(&id)
            && page.body.contains("18600186000")
    );
    let log = citizen.get("/account/access-log").await;
    assert!(log.body.contains("chuangkou名"), "the staff member's name");
    assert!(log.body.contains("区民政局"), "their department");
    assert!(log.body.contains("窗口代办核对身份"), "the reason");
    assert!(log.body.contains("查看您的个人信息") && log.body.contains("查询您的账号"));
    // Someone else sees nothing of it.
    let mut other = t.citizen("18600186001").await;
    assert!(
        other
            .get("/account/access-log")
            .await
            .body
            .contains("还没有工作人员查看过")
    );
}

#[tokio::test]
async fn the_audit_log_is_scoped_to_the_readers_region() {
    let t = TestApp::new().await;
    let (mut admin, _) = t.staff("admin", Role::PlatformAdmin, None, "5116").await;
    admin
        .post_form(
            "/console/departments",
            &[("name", "前锋区民政局"), ("region", "511603")],
        )
        .await
        .ok();
    admin
        .post_form(
            "/console/departments",
            &[("name", "区市监局"), ("region", "511602")],
        )
        .await
        .ok();
    let (mut sup, _) = t.staff("duban", Role::Supervisor, None, "511602").await;
    let all = admin.get("/console/audit?action=department_created").await;
    assert!(all.body.contains("共 2 条"), "{}", all.body);
    let mine = sup.get("/console/audit?action=department_created").await;
    assert!(mine.body.contains("共 1 条"), "{}", mine.body);
    // Reading the log is itself recorded.
    let searched = admin.get("/console/audit?action=audit_searched").await;
    assert!(searched.body.contains("查询审计日志"));
    assert_eq!(
        admin.get("/console/audit?from=2026-13-45").await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn an_admin_adds_a_community_under_a_street() {
    let t = TestApp::new().await;
    let (mut admin, _) = t.staff("admin", Role::PlatformAdmin, None, "5116").await;
    let page = admin.get("/console/regions/511602001").await;
    assert!(page.body.contains("添加社区（村）"));
    let r = admin
        .post_form(
            "/console/regions/511602001/communities",
            &[("name", "滨河社区"), ("suffix", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let public = t.client().get("/regions/511602001").await;
    assert!(
        public.body.contains("滨河社区")
            || t.client()
                .get("/regions/511602001001")
                .await
                .body
                .contains("滨河社区")
    );
    let r = admin
        .post_form(
            "/console/regions/511602001/communities",
            &[("name", "滨河社区"), ("suffix", "")],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "no duplicate names under one street"
    );
    assert_eq!(
        admin.get("/console/regions/511602").await.status,
        StatusCode::OK
    );
    assert!(
        !admin
            .get("/console/regions/511602")
            .await
            .body
            .contains("添加社区（村）"),
        "only under streets"
    );
}

#[tokio::test]
async fn failed_jobs_show_up_for_the_operator_and_can_be_run_again() {
    let t = TestApp::new().await;
    let mut tx = t.store.begin().await.unwrap();
    let job = yiwang_store::jobs::NewJob::now("no_such_handler", serde_json::json!({}));
    t.store.enqueue(&mut tx, job).await.unwrap();
    yiwang_store::commit(tx).await.unwrap();
    t.drain().await;
    let (mut admin, _) = t.staff("admin", Role::PlatformAdmin, None, "5116").await;
    let page = admin.get("/console/jobs").await;
    assert!(
        page.body.contains("no_such_handler") && page.body.contains("no handler"),
        "{}",
        page.body
    );
    let id = page
        .body
        .split("/console/jobs/")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    let r = admin
        .post_form(&format!("/console/jobs/{id}/retry"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let (queued, _) = t
        .store
        .list_jobs(
            yiwang_domain::job::JobStatus::Queued,
            yiwang_domain::paging::Page::new(None, None, 10).unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(queued.len(), 1);
    let dash = admin.get("/console").await;
    assert!(dash.status.is_success());
}

#[tokio::test]
async fn a_system_client_gets_a_token_once_and_reads_only_the_directory() {
    let t = TestApp::new().await;
    let (mut admin, _) = t.staff("admin", Role::PlatformAdmin, None, "5116").await;
    let page = admin
        .post_form("/console/clients", &[("name", "市12345热线系统")])
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let token = page
        .body
        .split("<p class=\"token\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_owned();
    assert!(token.starts_with("yw_"));
    assert!(
        !admin.get("/console/clients").await.body.contains(&token),
        "shown only once"
    );
    let mut sys = t.client();
    sys.bearer = Some(token);
    assert_eq!(sys.get("/api/v1/departments").await.status, StatusCode::OK);
    assert_eq!(
        sys.get("/api/v1/admin/jobs").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(sys.get("/api/v1/me").await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_staff_members_own_password_change_is_audited() {
    let t = TestApp::new().await;
    let (mut admin, _) = t.staff("admin", Role::PlatformAdmin, None, "5116").await;
    let r = admin
        .post_form(
            "/account/password",
            &[
                ("current", PASSWORD),
                ("password", "新的工作密码-2026"),
                ("confirm", "新的工作密码-2026"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/console");
    let log = admin.get("/console/audit?action=password_changed").await;
    assert!(
        log.body.contains("共 1 条") && log.body.contains("admin名"),
        "{}",
        log.body
    );
}

#[tokio::test]
async fn disabling_a_staff_member_ends_their_session_at_once() {
    let t = TestApp::new().await;
    let (mut admin, _) = t.staff("admin", Role::PlatformAdmin, None, "5116").await;
    let (mut clerk, clerk_id) = t
        .staff("clerk", Role::WindowClerk, Some(t.dept_a), "511602")
        .await;
    assert_eq!(clerk.get("/console").await.status, StatusCode::OK);
    let r = admin
        .post_form(
            &format!("/console/staff/{clerk_id}/status"),
            &[("active", "0")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(clerk.get("/console").await.status, StatusCode::SEE_OTHER);
    let mut again = t.client();
    let code = t.totp("clerk").await;
    let r = again
        .post_form(
            "/console/login",
            &[
                ("username", "clerk"),
                ("password", PASSWORD),
                ("code", &code),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    // Nobody changes their own status.
    let (_, admin_id) = (0, t.store.staff_login("admin").await.unwrap().unwrap().id);
    assert_eq!(
        admin
            .post_form(
                &format!("/console/staff/{admin_id}/status"),
                &[("active", "0")]
            )
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}
