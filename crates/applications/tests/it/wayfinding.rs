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

/// The link of the console home's tile labelled `label`.
fn tally_link(page: &str, label: &str) -> String {
    let at = page
        .find(&format!("<span>{label}</span>"))
        .unwrap_or_else(|| panic!("no tile {label}"));
    let tile = &page[page[..at].rfind("<li").unwrap()..at];
    let h = tile.find("href=\"").expect("the tile links nowhere") + 6;
    // As a browser reads the attribute: askama writes & as &#38;.
    tile[h..h + tile[h..].find('"').unwrap()]
        .replace("&amp;", "&")
        .replace("&#38;", "&")
}

#[tokio::test]
async fn a_case_returned_for_correction_is_counted_on_the_console_home_and_listed_behind_it() {
    use crate::applications::accept_and_return;
    let mut w = world().await;
    let mut reviewer = w
        .staff("reviewer", yiwang_domain::auth::Role::Reviewer)
        .await;
    let returned = id(&w.submitted().await);
    let other = id(&w.submitted().await);
    accept_and_return(&mut w, &mut reviewer, &returned, "身份证复印件不清晰").await;

    let home = reviewer.get("/console").await.ok().body;
    let label = "已退回补正，等申请人改正";
    assert_eq!(tally(&home, label), 1);
    // The returned case no longer waits for the reviewer; the other one does.
    assert_eq!(tally(&home, "等我办理"), 1);
    let link = tally_link(&home, label);
    let queue = reviewer.get(&link).await.ok().body;
    assert!(
        queue.contains(&format!("href=\"/console/cases/{returned}\"")),
        "{link} does not list the returned case: {queue}"
    );
    assert!(
        !queue.contains(&format!("href=\"/console/cases/{other}\"")),
        "{link} lists a case that was not returned"
    );

    // Once the applicant has corrected it, it is no longer counted.
    let path = format!("/account/cases/{returned}/supplement");
    w.citizen.get(&path).await.ok();
    let version = w.version.to_string();
    let r = crate::support::post_multipart(
        &mut w.citizen,
        &path,
        &[
            ("form_version", version.as_str()),
            ("name", crate::applications::NAME),
            ("id_number", w.id_number.as_str()),
            ("members[0].member_name", "张小明"),
            ("action", "continue"),
        ],
    )
    .await;
    assert_eq!(r.status, http::StatusCode::SEE_OTHER, "{}", r.body);
    let home = reviewer.get("/console").await.ok().body;
    assert_eq!(tally(&home, label), 0);
}
