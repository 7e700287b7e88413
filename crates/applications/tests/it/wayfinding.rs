//! The way back to one's own applications (issue 12, "what a new user stumbled on"): 我的
//! links 我的办件, 我的证照 and 办件查询; a message about a case opens the case.

use crate::applications::{ITEM, id, world};

#[tokio::test]
async fn a_citizen_finds_their_cases_certificates_and_tracking_from_me_and_the_home_page() {
    let mut w = world().await;
    let me = w.citizen.get("/account").await.ok().body;
    for link in [
        "href=\"/account/cases\"",
        "href=\"/account/certificates\"",
        "href=\"/track\"",
    ] {
        assert!(me.contains(link), "{link} missing from 我的");
    }
    let home = w.citizen.get("/").await.ok().body;
    assert!(
        home.contains("href=\"/track\""),
        "办件查询 missing from home"
    );
    // 热门服务: on a fresh site nothing has been opened yet, so the items with an online form.
    assert!(
        home.contains(&format!("href=\"/items/{}\"", w.item)),
        "the item with a form is not among the popular services"
    );
    let mut anonymous = w.t.client();
    let home = anonymous.get("/").await.ok().body;
    assert!(
        home.contains("href=\"/track\""),
        "办件查询 missing from home"
    );
}

#[tokio::test]
async fn a_message_about_an_application_links_to_that_application() {
    let mut w = world().await;
    let case = w.submitted().await;
    let receipt = case["receipt"].as_str().unwrap().to_owned();
    w.t.drain().await;
    let inbox = w.citizen.get("/account/messages").await.ok().body;
    assert!(inbox.contains(&receipt), "{inbox}");
    assert!(
        inbox.contains(&format!("href=\"/account/cases/{}\"", id(&case))),
        "the message does not link to the case: {inbox}"
    );
    let page = w
        .citizen
        .get(&format!("/account/cases/{}", id(&case)))
        .await
        .ok()
        .body;
    assert!(page.contains(ITEM));
    // The receipt number never breaks across lines.
    assert!(
        page.contains(&format!("class=\"nowrap\">{receipt}<")),
        "the receipt number may wrap"
    );

    // Tracking by receipt takes the receipt from the link and asks only for the code.
    let mut anonymous = w.t.client();
    let form = anonymous
        .get(&format!("/track?receipt={receipt}"))
        .await
        .ok()
        .body;
    assert!(form.contains(&format!("value=\"{receipt}\"")), "{form}");
}

/// The count shown on the console home's tile labelled `label`.
fn tally(page: &str, label: &str) -> i64 {
    let at = page
        .find(&format!("<span>{label}</span>"))
        .unwrap_or_else(|| panic!("no tile {label}"));
    let tile = &page[page[..at].rfind("<li").unwrap()..at];
    let n = &tile[tile.find("class=\"count").unwrap()..];
    n[n.find('>').unwrap() + 1..n.find("</strong>").unwrap()]
        .parse()
        .unwrap()
}

#[tokio::test]
async fn a_clerk_s_console_home_shows_what_waits_for_them_before_the_platform_counters() {
    let mut w = world().await;
    let mut reviewer = w
        .staff("reviewer", yiwang_domain::auth::Role::Reviewer)
        .await;
    let home = reviewer.get("/console").await.ok().body;
    assert_eq!(tally(&home, "等我办理"), 0);
    w.submitted().await;
    let home = reviewer.get("/console").await.ok().body;
    assert_eq!(tally(&home, "等我办理"), 1);
    assert_eq!(tally(&home, "已超期"), 0);
    assert_eq!(tally(&home, "已退回补正，等申请人改正"), 0);
    let waiting = home.find("等您处理").expect("no 等您处理");
    let counters = home.find("在线会话").expect("no platform counters");
    assert!(waiting < counters, "the platform's counters come first");
    assert!(home.contains("href=\"/console/cases\""));
    // The queue's item column is kept readable on a phone.
    let queue = reviewer.get("/console/cases").await.ok().body;
    assert!(
        queue.contains(&format!("<td class=\"col-item\">{ITEM}</td>")),
        "{queue}"
    );
}
