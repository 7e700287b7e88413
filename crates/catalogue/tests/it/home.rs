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
        assert!(
            home.contains(part),
            "{part} missing from the signed-in home page"
        );
    }
    assert!(!home.contains("href=\"/account/register\""));
}

/// 超大 text on a 375 px phone: the frame's stylesheet keeps the header on one row, wraps the
/// navigation (so 我的 is never cut off) and keeps the display settings compact, wrapping
/// them rather than scrolling sideways (English in 超大 is wider than the screen).
#[tokio::test]
async fn on_a_phone_the_frame_stays_small_and_the_last_tab_is_reachable() {
    let t = TestApp::new().await;
    let mut c = t.client();
    let home = c.get("/").await.ok().body;
    let at = home.find("rel=\"stylesheet\" href=\"").unwrap() + 23;
    let css_url = &home[at..at + home[at..].find('"').unwrap()];
    let css = c.get(css_url).await.ok().body;
    let narrow = &css[css
        .find("@media (max-width: 40rem) {\n  .bar")
        .expect("no narrow-screen frame rules")..];
    for rule in [
        ".main-nav ul { flex-wrap: wrap;",
        ".prefs .wrap { flex-wrap: wrap;",
        "html.xl .prefs {",
        ".bar { flex-wrap: nowrap;",
    ] {
        assert!(narrow.contains(rule), "{rule} missing");
    }
    let prefs = &narrow[narrow.find(".prefs .wrap {").unwrap()..];
    let prefs = &prefs[..prefs.find('}').unwrap()];
    assert!(
        !prefs.contains("overflow-x"),
        "the display settings scroll sideways: {prefs}"
    );
    assert!(css.contains(".nowrap { white-space: nowrap; }"));
}
