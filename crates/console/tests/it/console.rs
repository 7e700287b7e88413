//! The staff console: authenticator login and enrolment, departments, staff, citizen lookup
//! with the citizen's access log, audit, jobs, communities, system clients.

use http::StatusCode;
use yiwang_domain::auth::Role;

use crate::support::TestApp;

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
