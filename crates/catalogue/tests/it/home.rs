//! The home page is the front door of a 一网通办 site: search, the entries people come for,
//! life events, and for someone signed in their own applications and certificates.

use crate::support::TestApp;

#[tokio::test]
async fn the_home_page_offers_search_tracking_asking_life_events_and_when_signed_in_my_cases() {
    let t = TestApp::new().await;
    let mut anonymous = t.client();
    let home = anonymous.get("/").await.ok().body;
    for part in [
        "action=\"/search\"",
        "href=\"/track\"",
        "href=\"/inquiries/new\"",
        "href=\"/life-events/",
        "href=\"/life-events\"",
        "href=\"/account/register\"",
    ] {
        assert!(home.contains(part), "{part} missing from the home page");
    }
    assert!(!home.contains("href=\"/account/cases\""));

    let mut citizen = t.citizen("13811112222").await;
    let home = citizen.get("/").await.ok().body;
    for part in [
        "href=\"/account/cases\"",
        "href=\"/account/certificates\"",
        "href=\"/track\"",
        "href=\"/inquiries/new\"",
    ] {
        assert!(home.contains(part), "{part} missing from the signed-in home page");
    }
    assert!(!home.contains("href=\"/account/register\""));
}
