//! The staff console: authenticator login and enrolment, departments, staff, citizen lookup
//! with the citizen's access log, audit, jobs, communities, system clients.

use http::StatusCode;
use yiwang_domain::auth::Role;

use crate::support::TestApp;

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
