//! Bad input is explained on the field it concerns and changes nothing: the words, a policy
//! document's index number, the review steps and pictures.

use axum::http::StatusCode;
use yiwang_domain::publishing::DocState;

use crate::support::*;

#[tokio::test]
async fn a_draft_without_a_title_or_with_a_picture_without_alt_text_is_refused_and_not_saved() {
    let t = TestApp::new().await;
    let mut editor = editor(&t, "editor1").await;

    let fields = article("notices", "", "本周六照常办公。");
    let r = editor.post_form("/console/news", &fields).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("href=\"#f-title\""), "{}", r.body);
    assert!(
        r.body.contains("本周六照常办公。"),
        "the words typed are kept"
    );

    let fields = article(
        "notices",
        "区政务服务中心周六照常办公",
        "大厅如下：\n\n![](/news/images/x)",
    );
    let r = editor.post_form("/console/news", &fields).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let summary = error_summary(&r.body);
    assert!(
        summary.contains("<a href=\"#f-body\">正文"),
        "the error names the field and links to it: {}",
        r.body
    );
    assert!(r.body.contains("替代文字"), "{}", r.body);

    assert_eq!(doc_count(&t).await, 0);
}

#[tokio::test]
async fn a_policy_document_needs_an_index_number_no_other_document_has() {
    let t = TestApp::new().await;
    let mut editor = editor(&t, "editor1").await;

    let r = editor
        .post_form("/console/news", &policy("广安区最低生活保障实施办法", ""))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("href=\"#f-index_no\""), "{}", r.body);
    assert!(r.body.contains("索引号"), "{}", r.body);
    assert_eq!(doc_count(&t).await, 0);

    let index_no = "11511602MB0T12345X/2026-00012";
    create(&mut editor, &policy("广安区最低生活保障实施办法", index_no)).await;
    let r = editor
        .post_form("/console/news", &policy("广安区临时救助办法", index_no))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("href=\"#f-index_no\""), "{}", r.body);
    assert!(r.body.contains("已经有同样的记录"), "{}", r.body);
    assert_eq!(doc_count(&t).await, 1);
}

#[tokio::test]
async fn approving_for_a_time_past_or_sending_back_without_a_comment_changes_nothing() {
    let t = TestApp::new().await;
    let mut editor = editor(&t, "editor1").await;
    let mut reviewer = reviewer(&t, "reviewer1").await;
    let id = create(
        &mut editor,
        &article("notices", "区政务服务中心周六照常办公", "本周六照常办公。"),
    )
    .await;
    step_ok(&mut editor, &id, "submit", "", "").await;
    let before = state_of(&t, &id).await;
    assert_eq!(before.0, DocState::InReview);

    let r = step(
        &mut reviewer,
        &id,
        "approve",
        "",
        &beijing(hours_from_now(-2)),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("href=\"#f-publish_at\""), "{}", r.body);
    assert_eq!(state_of(&t, &id).await, before);

    let r = step(&mut reviewer, &id, "approve", "", "明天上午").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("href=\"#f-publish_at\""), "{}", r.body);
    assert_eq!(state_of(&t, &id).await, before);

    let r = step(&mut reviewer, &id, "send_back", " ", "").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    // The summary's link leads to the comment box.
    let target = error_summary(&r.body)
        .split("href=\"#")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_else(|| panic!("no link in the summary: {}", r.body))
        .to_owned();
    assert!(
        r.body.contains(&format!("<textarea id=\"{target}\"")),
        "#{target} is the comment box: {}",
        r.body
    );
    assert_eq!(state_of(&t, &id).await, before);
    assert_eq!(
        t.client().get(&format!("/news/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_picture_without_alt_text_or_a_file_that_is_not_a_picture_is_refused() {
    let t = TestApp::new().await;
    let mut editor = editor(&t, "editor1").await;
    let id = create(
        &mut editor,
        &article("notices", "区政务服务中心周六照常办公", "本周六照常办公。"),
    )
    .await;
    let before = state_of(&t, &id).await;
    let path = format!("/console/news/{id}/images");
    editor.get(&format!("/console/news/{id}")).await.ok();

    let r = post_parts(
        &mut editor,
        &path,
        &[
            Part::Text("alt", ""),
            Part::File("image", "hall.png", "image/png", PNG),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("href=\"#f-alt\""), "{}", r.body);

    let r = post_parts(
        &mut editor,
        &path,
        &[
            Part::Text("alt", "政务服务中心大厅"),
            Part::File(
                "image",
                "hall.png",
                "image/png",
                b"<html>not a picture</html>",
            ),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("href=\"#f-image\""), "{}", r.body);
    assert_eq!(state_of(&t, &id).await, before);
    assert!(!r.body.contains("/news/images/"), "no picture line offered");

    // A picture with its description is kept, and the line to paste says what it shows.
    let r = post_parts(
        &mut editor,
        &path,
        &[
            Part::Text("alt", "政务服务中心大厅"),
            Part::File("image", "hall.png", "image/png", PNG),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = editor.get(r.location()).await.ok();
    assert!(
        page.body.contains("![政务服务中心大厅](/news/images/"),
        "{}",
        page.body
    );
    let src = page
        .body
        .split("](/news/images/")
        .nth(1)
        .and_then(|s| s.split(')').next())
        .unwrap();
    let img = t.client().get(&format!("/news/images/{src}")).await;
    assert_eq!(img.status, StatusCode::OK);
    assert_eq!(img.headers["content-type"], "image/png");
    assert_eq!(state_of(&t, &id).await, before);
}
