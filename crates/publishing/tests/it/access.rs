//! Who may do what: citizens never reach the console, staff without publishing rights cannot
//! write, and editors cannot approve.

use axum::http::StatusCode;
use yiwang_domain::auth::Role;
use yiwang_domain::publishing::DocState;

use crate::support::*;

#[tokio::test]
async fn a_citizen_cannot_open_the_publishing_console() {
    let t = TestApp::new().await;
    let mut citizen = t.citizen("15100000041").await;
    let r = citizen.get("/console/news").await;
    assert!(
        r.status == StatusCode::FORBIDDEN || r.status.is_redirection(),
        "{}: {}",
        r.status,
        r.body
    );
    assert!(!r.body.contains("写新文章"));
    let r = citizen
        .post_form(
            "/console/news",
            &article("notices", "区政务服务中心周六照常办公", "本周六照常办公。"),
        )
        .await;
    assert!(
        r.status == StatusCode::FORBIDDEN || r.status == StatusCode::SEE_OTHER,
        "{}",
        r.status
    );
    assert_eq!(doc_count(&t).await, 0);
}

#[tokio::test]
async fn a_case_reviewer_has_no_publishing_rights() {
    let t = TestApp::new().await;
    let (mut clerk, _) = t
        .staff("shenhe1", Role::Reviewer, Some(t.dept_a), "511602")
        .await;
    assert_eq!(
        clerk.get("/console/news/new?column=news").await.status,
        StatusCode::FORBIDDEN
    );
    let r = clerk
        .post_form(
            "/console/news",
            &article("news", "区政务服务中心周六照常办公", "本周六照常办公。"),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(doc_count(&t).await, 0);
}

#[tokio::test]
async fn an_editor_is_not_offered_approval_and_cannot_approve_by_hand() {
    let t = TestApp::new().await;
    let mut editor = editor(&t, "editor1").await;
    let id = create(
        &mut editor,
        &article("notices", "区政务服务中心周六照常办公", "本周六照常办公。"),
    )
    .await;
    step_ok(&mut editor, &id, "submit", "", "").await;
    let page = editor.get(&format!("/console/news/{id}")).await.ok();
    assert!(!page.body.contains("value=\"approve\""), "{}", page.body);
    let before = state_of(&t, &id).await;
    assert_eq!(before.0, DocState::InReview);
    let revision = before.1.to_string();
    let r = editor
        .post_form(
            &format!("/console/news/{id}/step"),
            &[
                ("action", "approve"),
                ("note", ""),
                ("publish_at", ""),
                ("revision", &revision),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(state_of(&t, &id).await, before);
    assert_eq!(
        t.client().get(&format!("/news/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
}
