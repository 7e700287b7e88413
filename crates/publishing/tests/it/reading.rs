//! Reading (PUB-1, PUB-3, PUB-6): what an editor pastes never runs in a reader's browser,
//! and the feeds answer feed readers cheaply.

use axum::http::{Method, StatusCode};

use crate::support::*;

#[tokio::test]
async fn script_pasted_into_a_document_never_reaches_a_reader() {
    let t = TestApp::new().await;
    let mut editor = editor(&t, "editor1").await;
    let mut reviewer = reviewer(&t, "reviewer1").await;
    let body = "办理须知如下。\n\n<script>alert(1)</script>\n\n[点此查看](javascript:alert(1))\n\n<img src=x onerror=alert(1) alt=a>\n\n**请带身份证。**";
    let id = publish(
        &mut editor,
        &mut reviewer,
        &article("notices", "户籍业务办理须知", body),
    )
    .await;

    let page = t.client().get(&format!("/news/{id}")).await.ok();
    assert!(
        page.body.contains("<strong>请带身份证。</strong>"),
        "{}",
        page.body
    );
    for bad in ["<script>alert", "javascript:", "onerror"] {
        assert!(!page.body.contains(bad), "{bad} on the page: {}", page.body);
    }
    let feed = t.client().get("/news/feed.atom").await.ok();
    assert!(feed.body.contains("户籍业务办理须知"));
    for bad in ["&lt;script&gt;alert", "javascript:", "onerror"] {
        assert!(!feed.body.contains(bad), "{bad} in the feed: {}", feed.body);
    }
}

#[tokio::test]
async fn a_feed_reader_polls_with_the_etag_and_is_told_nothing_changed() {
    let t = TestApp::new().await;
    let mut editor = editor(&t, "editor1").await;
    let mut reviewer = reviewer(&t, "reviewer1").await;
    publish(
        &mut editor,
        &mut reviewer,
        &article("notices", "区政务服务中心周六照常办公", "本周六照常办公。"),
    )
    .await;

    let mut feeds = t.client();
    let first = feeds.get("/news/feed.atom").await.ok();
    assert_eq!(first.status, StatusCode::OK);
    let content_type = first.headers["content-type"].to_str().unwrap();
    assert!(
        content_type.starts_with("application/atom+xml"),
        "{content_type}"
    );
    assert!(first.body.contains("区政务服务中心周六照常办公"));
    let etag = first.headers["etag"].to_str().unwrap().to_owned();
    assert!(first.headers.contains_key("last-modified"));

    let again = feeds
        .request(
            Method::GET,
            "/news/feed.atom",
            None,
            Vec::new(),
            &[("if-none-match", &etag)],
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{}", again.body);
    assert!(again.body.is_empty());

    // Something new: the old tag no longer matches.
    publish(
        &mut editor,
        &mut reviewer,
        &article("notices", "浓洄街道停水检修的通知", "本周六停水。"),
    )
    .await;
    let changed = feeds
        .request(
            Method::GET,
            "/news/feed.atom",
            None,
            Vec::new(),
            &[("if-none-match", &etag)],
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK);
    assert!(changed.body.contains("浓洄街道停水检修的通知"));
}

#[tokio::test]
async fn an_unknown_category_is_refused_by_the_feed_and_ignored_by_the_catalogue_page() {
    let t = TestApp::new().await;
    let mut anyone = t.client();
    let feed = anyone.get("/policies/feed.atom?category=bogus").await;
    assert_eq!(
        feed.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        feed.body
    );
    let page = anyone.get("/policies?category=bogus").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let feed = anyone.get("/policies/feed.atom?category=regulations").await;
    assert_eq!(feed.status, StatusCode::OK, "{}", feed.body);
}

#[tokio::test]
async fn a_documents_qr_code_names_its_address_and_a_draft_has_none() {
    let t = TestApp::new().await;
    let mut editor = editor(&t, "editor2").await;
    let mut reviewer = reviewer(&t, "reviewer2").await;
    let id = publish(
        &mut editor,
        &mut reviewer,
        &article("notices", "区政务服务中心周六照常办公", "本周六照常办公。"),
    )
    .await;
    let mut anyone = t.client();
    let page = anyone.get(&format!("/news/{id}")).await.ok();
    assert!(
        page.body.contains(&format!("src=\"/news/{id}/qr.svg\"")),
        "{}",
        page.body
    );
    let qr = anyone.get(&format!("/news/{id}/qr.svg")).await.ok();
    assert_eq!(qr.headers["content-type"], "image/svg+xml");
    assert_eq!(
        qr.body,
        yiwang_kit::qr::svg(&format!("http://localhost/news/{id}")).unwrap()
    );
    let draft = create(
        &mut editor,
        &article("notices", "尚未发布的通知", "还在起草。"),
    )
    .await;
    assert_eq!(
        anyone.get(&format!("/news/{draft}/qr.svg")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_column_page_lists_the_column_nested_in_it_newest_first_across_pages() {
    let t = TestApp::new().await;
    let mut editor = editor(&t, "editor1").await;
    let mut reviewer = reviewer(&t, "reviewer1").await;
    // 图片新闻 (photos) is nested in 本地新闻 (local): 21 documents, alternating.
    let mut titles = Vec::new();
    for i in 1..=21 {
        let column = if i % 2 == 0 { "photos" } else { "local" };
        let title = format!("本地新闻第{i:02}条");
        publish(
            &mut editor,
            &mut reviewer,
            &article(column, &title, "正文。"),
        )
        .await;
        titles.push(title);
    }
    let positions = |body: &str| -> Vec<usize> {
        titles
            .iter()
            .filter_map(|title| body.find(title.as_str()))
            .collect()
    };
    let mut reader = t.client();
    let first = reader.get("/news/c/local").await.ok();
    // The newest twenty, from both columns, newest first; the oldest is on page 2.
    assert!(!first.body.contains(&titles[0]), "{}", first.body);
    let found = positions(&first.body);
    assert_eq!(found.len(), 20, "{}", first.body);
    for w in titles[1..].windows(2) {
        let (older, newer) = (first.body.find(&w[0]), first.body.find(&w[1]));
        assert!(newer < older, "{} before {}", w[1], w[0]);
    }
    let second = reader.get("/news/c/local?page=2").await.ok();
    assert!(second.body.contains(&titles[0]), "{}", second.body);
    assert_eq!(positions(&second.body).len(), 1, "{}", second.body);
    // The nested column alone holds only its own.
    let photos = reader.get("/news/c/photos").await.ok();
    assert_eq!(positions(&photos.body).len(), 10, "{}", photos.body);
    assert!(!photos.body.contains(&titles[20]));
    // The news front shows the parent's five latest, the nested column's among them.
    let front = reader.get("/news").await.ok();
    assert!(front.body.contains(&titles[20]) && front.body.contains(&titles[19]));
    assert!(
        !front.body.contains(&titles[15]),
        "only five: {}",
        front.body
    );
}
