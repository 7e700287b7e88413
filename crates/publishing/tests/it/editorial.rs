//! The editorial workflow (PUB-1…3): an editor drafts, a reviewer sends back or approves —
//! never their own words — publication now or at a set time by the scheduled job, correction
//! in the open and withdrawal with a reason.

use axum::http::StatusCode;
use yiwang_domain::auth::Role;
use yiwang_domain::publishing::DocState;
use yiwang_publishing::services::docs::publish_due;

use crate::support::*;

const TITLE: &str = "关于浓洄街道停水检修的通知";

#[tokio::test]
async fn an_editors_notice_is_sent_back_with_a_comment_approved_for_later_and_published_on_time() {
    let t = TestApp::new().await;
    let mut editor = editor(&t, "editor1").await;
    let mut reviewer = reviewer(&t, "reviewer1").await;
    let mut reader = t.client();

    let mut fields = article(
        "notices",
        TITLE,
        "浓洄街道将于本周六停水检修。\n\n请居民提前储水。",
    );
    fields[2] = ("summary", "本周六浓洄街道停水检修");
    let id = create(&mut editor, &fields).await;
    let page = editor.get(&format!("/console/news/{id}")).await.ok();
    assert!(
        page.body.contains("<span class=\"pill\">草稿</span>"),
        "{}",
        page.body
    );
    step_ok(&mut editor, &id, "submit", "", "").await;

    // The reviewer sends it back; the editor reads why on the document's page.
    let queue = reviewer.get("/console/news?state=in_review").await.ok();
    assert!(queue.body.contains(TITLE), "{}", queue.body);
    step_ok(&mut reviewer, &id, "send_back", "请写明停水的起止时间", "").await;
    let page = editor.get(&format!("/console/news/{id}")).await.ok();
    assert!(page.body.contains("审核意见"), "{}", page.body);
    assert!(page.body.contains("请写明停水的起止时间"), "{}", page.body);

    let mut changed = fields.clone();
    changed[3] = (
        "body",
        "浓洄街道将于本周六8:00至18:00停水检修。\n\n请居民提前储水。",
    );
    let r = save(&mut editor, &id, &changed).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    step_ok(&mut editor, &id, "submit", "", "").await;

    // Approved for the day after tomorrow: scheduled, and nobody outside sees it yet.
    let at = hours_from_now(48);
    step_ok(&mut reviewer, &id, "approve", "", &beijing(at)).await;
    assert_eq!(state_of(&t, &id).await.0, DocState::Scheduled);
    let page = reviewer.get(&format!("/console/news/{id}")).await.ok();
    assert!(
        page.body.contains("<span class=\"pill\">定时发布</span>"),
        "{}",
        page.body
    );
    let public = format!("/news/{id}");
    assert_eq!(reader.get(&public).await.status, StatusCode::NOT_FOUND);
    assert!(
        !reader
            .get("/news/c/notices")
            .await
            .ok()
            .body
            .contains(TITLE)
    );
    assert!(
        !reader
            .get("/news/feed.atom")
            .await
            .ok()
            .body
            .contains(TITLE)
    );

    // Before its time the scheduled job leaves it alone; after, it publishes it once.
    assert_eq!(publish_due(&t.store, hours_from_now(1)).await.unwrap(), 0);
    assert_eq!(publish_due(&t.store, hours_from_now(49)).await.unwrap(), 1);
    assert_eq!(publish_due(&t.store, hours_from_now(50)).await.unwrap(), 0);
    let page = reader.get(&public).await.ok();
    assert!(page.body.contains(TITLE), "{}", page.body);
    assert!(page.body.contains("8:00至18:00"), "the edited words");
    let column = reader.get("/news/c/notices").await.ok();
    assert!(column.body.contains(TITLE), "{}", column.body);
    assert!(column.body.contains(&format!("href=\"/news/{id}\"")));
    let feed = reader.get("/news/feed.atom").await.ok();
    assert!(feed.body.contains(TITLE), "{}", feed.body);
    assert!(feed.body.contains("本周六浓洄街道停水检修"), "the summary");
}

#[tokio::test]
async fn a_reviewer_who_last_edited_a_document_cannot_approve_it_and_another_reviewer_can() {
    let t = TestApp::new().await;
    let mut editor = editor(&t, "editor1").await;
    let mut reviewer = reviewer(&t, "reviewer1").await;
    let fields = article("notices", TITLE, "浓洄街道将于本周六停水检修。");
    let id = create(&mut editor, &fields).await;
    // The reviewer rewrites the draft: the words are now theirs.
    let mut theirs = fields.clone();
    theirs[3] = ("body", "浓洄街道将于本周六全天停水检修。");
    let r = save(&mut reviewer, &id, &theirs).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    step_ok(&mut editor, &id, "submit", "", "").await;

    let page = reviewer.get(&format!("/console/news/{id}")).await.ok();
    assert!(page.body.contains("value=\"send_back\""), "{}", page.body);
    assert!(
        !page.body.contains("value=\"approve\""),
        "approving is not offered to the last editor: {}",
        page.body
    );
    let before = state_of(&t, &id).await;
    let r = step(&mut reviewer, &id, "approve", "", "").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let summary = error_summary(&r.body);
    assert!(summary.contains("href=\"#f-action\""), "{}", r.body);
    assert!(
        summary.contains("不能自己审核通过"),
        "the error says it is about the reviewer's own words: {}",
        r.body
    );
    assert_eq!(state_of(&t, &id).await, before);
    assert_eq!(
        t.client().get(&format!("/news/{id}")).await.status,
        StatusCode::NOT_FOUND
    );

    let mut second = crate::support::reviewer(&t, "reviewer2").await;
    step_ok(&mut second, &id, "approve", "", "").await;
    assert_eq!(state_of(&t, &id).await.0, DocState::Published);
}

#[tokio::test]
async fn a_correction_is_marked_on_the_page_and_compared_line_by_line() {
    let t = TestApp::new().await;
    let mut editor = editor(&t, "editor1").await;
    let mut reviewer = reviewer(&t, "reviewer1").await;
    let fields = article(
        "notices",
        "区政务服务中心周六照常办公",
        "本周六照常办公。\n\n办公时间为9:30至17:00。",
    );
    let id = publish(&mut editor, &mut reviewer, &fields).await;

    let mut corrected = fields.clone();
    corrected[3] = ("body", "本周六照常办公。\n\n办公时间为9:00至17:00。");
    corrected.push(("correction_note", "办公时间由9:30更正为9:00"));
    let form = reviewer.get(&format!("/console/news/{id}/edit")).await.ok();
    assert!(form.body.contains("correction_note"), "{}", form.body);
    let r = save(&mut reviewer, &id, &corrected).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let page = t.client().get(&format!("/news/{id}")).await.ok();
    assert!(page.body.contains("更正"), "{}", page.body);
    assert!(
        page.body.contains("办公时间由9:30更正为9:00"),
        "{}",
        page.body
    );
    assert!(page.body.contains("9:00至17:00"));
    assert!(!page.body.contains("9:30至17:00"));

    // The history links each revision to the one before; the comparison shows the line.
    let console = reviewer.get(&format!("/console/news/{id}")).await.ok();
    let link = console
        .body
        .split("href=\"")
        .filter_map(|s| s.split('"').next())
        .find(|h| h.contains("/compare?"))
        .unwrap_or_else(|| panic!("no comparison link: {}", console.body))
        .replace("&amp;", "&");
    let compare = reviewer.get(&link).await;
    assert_eq!(compare.status, StatusCode::OK, "{link}: {}", compare.body);
    assert!(
        compare.body.contains("- 办公时间为9:30至17:00。"),
        "{}",
        compare.body
    );
    assert!(
        compare.body.contains("+ 办公时间为9:00至17:00。"),
        "{}",
        compare.body
    );
    assert!(
        !compare.body.contains("+ 本周六照常办公"),
        "unchanged lines are not marked"
    );
}

#[tokio::test]
async fn a_withdrawn_notice_keeps_its_address_saying_when_and_why_without_its_text() {
    let t = TestApp::new().await;
    let mut editor = editor(&t, "editor1").await;
    let mut reviewer = reviewer(&t, "reviewer1").await;
    let mut fields = article(
        "notices",
        TITLE,
        "浓洄街道将于本周六停水检修，请居民提前储水。",
    );
    fields[2] = ("summary", "本周六浓洄街道停水检修");
    let id = publish(&mut editor, &mut reviewer, &fields).await;

    // A reason is needed.
    let r = step(&mut reviewer, &id, "withdraw", "", "").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(state_of(&t, &id).await.0, DocState::Published);
    step_ok(&mut reviewer, &id, "withdraw", "检修已改期，另行通知", "").await;

    let mut reader = t.client();
    let page = reader.get(&format!("/news/{id}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains(TITLE));
    assert!(page.body.contains("已撤回"), "{}", page.body);
    assert!(page.body.contains("撤回原因"), "{}", page.body);
    assert!(page.body.contains("检修已改期，另行通知"), "{}", page.body);
    assert!(
        !page.body.contains("请居民提前储水"),
        "the text is gone: {}",
        page.body
    );

    let feed = reader.get("/news/feed.atom").await.ok();
    let entry = feed
        .body
        .split("<entry>")
        .find(|e| e.contains(&id))
        .unwrap_or_else(|| panic!("still in the feed: {}", feed.body));
    let summary = entry
        .split("<summary type=\"text\">")
        .nth(1)
        .and_then(|s| s.split("</summary>").next())
        .unwrap();
    assert!(summary.contains("已撤回"), "{summary}");
    assert!(summary.contains("检修已改期"), "{summary}");
    assert!(!entry.contains("请居民提前储水"), "{entry}");
}

#[tokio::test]
async fn a_platform_admin_adds_a_nested_column_and_renames_it_and_editors_cannot() {
    let t = TestApp::new().await;
    let (mut admin, _) = t.staff("guan.li", Role::PlatformAdmin, None, "5116").await;
    let mut ed = editor(&t, "bian.ji7").await;
    assert_eq!(
        ed.get("/console/news/columns").await.status,
        StatusCode::FORBIDDEN
    );
    let list = admin.get("/console/news").await.ok().body;
    assert!(list.contains("href=\"/console/news/columns\""));
    admin.get("/console/news/columns").await.ok();
    let new = [
        ("code", "township-news"),
        ("kind", "article"),
        ("name_zh", "乡镇动态"),
        ("name_en", "Township news"),
        ("parent", "local"),
        ("position", "45"),
    ];
    // A code already used, or one nested under a nested column, is refused in words.
    let mut taken = new.to_vec();
    taken[0] = ("code", "notices");
    let r = admin.post_form("/console/news/columns", &taken).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        error_summary(&r.body).contains("href=\"#f-code\""),
        "{}",
        r.body
    );
    let r = admin.post_form("/console/news/columns", &new).await;
    assert_eq!(r.location(), "/console/news/columns?saved=1", "{}", r.body);
    let mut deeper = new.to_vec();
    deeper[0] = ("code", "village-news");
    deeper[4] = ("parent", "township-news");
    let r = admin.post_form("/console/news/columns", &deeper).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Readers find it under its parent, and an editor can write in it.
    let mut anyone = t.client();
    assert!(
        anyone
            .get("/news/c/township-news")
            .await
            .ok()
            .body
            .contains("乡镇动态")
    );
    assert!(
        ed.get("/console/news")
            .await
            .ok()
            .body
            .contains("column=township-news")
    );

    let r = admin
        .post_form(
            "/console/news/columns/township-news",
            &[
                ("kind", "article"),
                ("name_zh", "镇街动态"),
                ("name_en", "Town news"),
                ("parent", "local"),
                ("position", "46"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(
        anyone
            .get("/news/c/township-news")
            .await
            .ok()
            .body
            .contains("镇街动态")
    );
    // The kind of a column with documents in it does not change.
    let r = admin
        .post_form(
            "/console/news/columns/township-news",
            &[
                ("kind", "policy"),
                ("name_zh", "镇街动态"),
                ("name_en", "Town news"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}
