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
    assert!(home.contains("href=\"/track\""), "办件查询 missing from home");
    // 热门服务: on a fresh site nothing has been opened yet, so the items with an online form.
    assert!(
        home.contains(&format!("href=\"/items/{}\"", w.item)),
        "the item with a form is not among the popular services"
    );
    let mut anonymous = w.t.client();
    let home = anonymous.get("/").await.ok().body;
    assert!(home.contains("href=\"/track\""), "办件查询 missing from home");
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
