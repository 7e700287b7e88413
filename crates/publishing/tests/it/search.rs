//! The one search box finds published documents (kinds `article` and `policy`), and says so
//! when one was withdrawn.

use yiwang_domain::publishing::DocState;

use crate::support::*;

async fn search(t: &TestApp, q: &str, kind: &str) -> Vec<serde_json::Value> {
    t.client()
        .get(&format!("/api/v1/search?q={}&kind={kind}", urlencode(q)))
        .await
        .ok()
        .json()["results"]
        .as_array()
        .unwrap()
        .clone()
}

#[tokio::test]
async fn a_published_article_is_found_and_a_draft_is_not() {
    let t = TestApp::new().await;
    let mut editor = editor(&t, "editor1").await;
    let mut reviewer = reviewer(&t, "reviewer1").await;
    let draft = create(
        &mut editor,
        &article("notices", "城区燃气管道改造公告", "改造期间暂停供气。"),
    )
    .await;
    let id = publish(
        &mut editor,
        &mut reviewer,
        &article("notices", "浓洄街道停水检修的通知", "本周六停水检修。"),
    )
    .await;
    t.catalog.sync().await.unwrap();

    let hits = search(&t, "停水", "article").await;
    assert!(
        hits.iter().any(|h| h["url"] == format!("/news/{id}")),
        "{hits:?}"
    );
    let hits = search(&t, "燃气", "article").await;
    assert!(
        !hits.iter().any(|h| h["url"] == format!("/news/{draft}")),
        "a draft is not public: {hits:?}"
    );
}

#[tokio::test]
async fn a_withdrawn_policy_is_still_found_marked_as_withdrawn() {
    let t = TestApp::new().await;
    let mut editor = editor(&t, "editor1").await;
    let mut reviewer = reviewer(&t, "reviewer1").await;
    let id = publish(
        &mut editor,
        &mut reviewer,
        &policy(
            "广安区最低生活保障实施办法",
            "11511602MB0T12345X/2026-00012",
        ),
    )
    .await;
    t.catalog.sync().await.unwrap();
    let hits = search(&t, "最低生活保障", "policy").await;
    let hit = hits
        .iter()
        .find(|h| h["url"] == format!("/news/{id}"))
        .unwrap_or_else(|| panic!("{hits:?}"));
    assert!(!hit["title"].as_str().unwrap().contains("已撤回"), "{hit}");

    step_ok(&mut reviewer, &id, "withdraw", "已被新的实施办法替代", "").await;
    assert_eq!(state_of(&t, &id).await.0, DocState::Withdrawn);
    t.catalog.sync().await.unwrap();
    let hits = search(&t, "最低生活保障", "policy").await;
    let hit = hits
        .iter()
        .find(|h| h["url"] == format!("/news/{id}"))
        .unwrap_or_else(|| panic!("{hits:?}"));
    assert!(
        hit["title"].as_str().unwrap().starts_with("［已撤回］"),
        "{hit}"
    );
}
