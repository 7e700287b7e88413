//! Emergency alerts (PUB-7): an officer checks the alert as it will read and issues it; it
//! shows as a banner on every page of the people it concerns and reaches each of them once;
//! a red one waits for a second officer; lifting takes the banner down.

use axum::http::StatusCode;
use yiwang_domain::Timestamp;
use yiwang_domain::auth::Role;
use yiwang_domain::region::RegionCode;

use crate::support::*;

fn alert<'a>(region: &'a str, severity: &'a str, until: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("region", region),
        ("severity", severity),
        ("kind", "alert"),
        ("title", "地震预警"),
        ("text", "预计30秒后有震感，震级约5级。"),
        ("instructions", "远离窗户，躲在结实的桌子下，不要乘电梯。"),
        ("until", until),
    ]
}

async fn issue(c: &mut Client, fields: &[(&str, &str)]) -> String {
    // First the check: the alert as it will read, with the button that issues it.
    let r = c.post_form("/console/alerts", fields).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("请确认警报内容"), "{}", r.body);
    let mut confirmed = fields.to_vec();
    confirmed.push(("confirmed", "1"));
    let r = c.post_form("/console/alerts", &confirmed).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    r.location()
        .strip_prefix("/console/alerts/")
        .and_then(|x| x.split('?').next())
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_district_alert_shows_to_the_people_there_reaches_each_once_and_goes_when_lifted() {
    let t = TestApp::new().await;
    let until = beijing(hours_from_now(2));
    let (mut officer, _) = t.staff("ying.ji", Role::DutyOfficer, None, "511602").await;
    let mut here = t.citizen("15100000071").await;
    let mut there = t.citizen("15100000072").await;
    for (c, street) in [(&mut here, "511602001"), (&mut there, "511603001")] {
        c.get("/account/home-region").await.ok();
        let r = c
            .post_form("/account/home-region", &[("region", street)])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }

    let id = issue(&mut officer, &alert("511602", "orange", &until)).await;
    assert!(
        here.get("/account")
            .await
            .ok()
            .body
            .contains("【橙色预警】地震预警"),
        "a resident of the district sees the banner"
    );
    assert!(
        !there.get("/account").await.ok().body.contains("地震预警"),
        "a resident elsewhere does not"
    );
    let mut anyone = t.client();
    assert!(
        anyone
            .get("/regions/511602")
            .await
            .ok()
            .body
            .contains("地震预警"),
        "the district's page shows it"
    );
    assert!(
        !anyone.get("/").await.ok().body.contains("地震预警"),
        "the city's home page does not"
    );
    assert!(
        anyone
            .get(&format!("/alerts/{id}"))
            .await
            .ok()
            .body
            .contains("远离窗户")
    );

    // The fan-out job tells each person concerned once, even when run again after a crash.
    let root = RegionCode::parse("5116").unwrap();
    let alert_id = id.parse().unwrap();
    let told = yiwang_publishing::services::alerts::tell_everyone(&t.store, &root, alert_id)
        .await
        .unwrap();
    assert_eq!(told, 2, "the resident and the officer of the district");
    assert_eq!(
        yiwang_publishing::services::alerts::tell_everyone(&t.store, &root, alert_id)
            .await
            .unwrap(),
        0
    );
    t.drain().await;
    let inbox = here
        .get("/api/v1/me/messages")
        .await
        .ok()
        .json()
        .to_string();
    assert!(inbox.contains("地震预警"), "{inbox}");
    assert!(
        !there
            .get("/api/v1/me/messages")
            .await
            .ok()
            .json()
            .to_string()
            .contains("地震预警")
    );

    // Lifted: the banner goes at once.
    let page = officer.get(&format!("/console/alerts/{id}")).await.ok();
    let revision = input_value(&page.body, "revision");
    let r = officer
        .post_form(
            &format!("/console/alerts/{id}/lift"),
            &[("revision", &revision)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(
        !here
            .get("/account")
            .await
            .ok()
            .body
            .contains("【橙色预警】")
    );
    assert!(
        anyone
            .get(&format!("/alerts/{id}"))
            .await
            .ok()
            .body
            .contains("已解除")
    );
}

#[tokio::test]
async fn a_red_alert_waits_for_a_second_officer_and_bad_alerts_change_nothing() {
    let t = TestApp::new().await;
    let until = beijing(hours_from_now(1));
    let (mut first, _) = t.staff("ying.ji1", Role::DutyOfficer, None, "5116").await;
    let (mut second, _) = t.staff("ying.ji2", Role::DutyOfficer, None, "5116").await;
    let id = issue(&mut first, &alert("5116", "red", &until)).await;
    let mut anyone = t.client();
    assert!(
        !anyone.get("/").await.ok().body.contains("地震预警"),
        "not shown before approval"
    );
    assert_eq!(
        anyone.get(&format!("/alerts/{id}")).await.status,
        StatusCode::NOT_FOUND
    );

    // The officer who issued it cannot approve it.
    let page = first.get(&format!("/console/alerts/{id}")).await.ok();
    let revision = input_value(&page.body, "revision");
    let r = first
        .post_form(
            &format!("/console/alerts/{id}/approve"),
            &[("revision", &revision)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("不能自己批准"), "{}", r.body);
    let r = second
        .post_form(
            &format!("/console/alerts/{id}/approve"),
            &[("revision", &revision)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(
        anyone
            .get("/")
            .await
            .ok()
            .body
            .contains("【红色预警】地震预警"),
        "a city-wide alert is on every page"
    );

    // Bad input, and a region outside the officer's: refused in words, nothing issued.
    let (mut district, _) = t.staff("ying.ji3", Role::DutyOfficer, None, "511603").await;
    let before = t.store.recent_alerts(100).await.unwrap().len();
    let past = beijing(Timestamp(Timestamp::now().millis() - 3_600_000));
    for (fields, field) in [
        (alert("511602", "orange", &until), "region"),
        (alert("511603", "purple", &until), "severity"),
        (alert("511603", "orange", &past), "until"),
    ] {
        let mut confirmed = fields.clone();
        confirmed.push(("confirmed", "1"));
        let r = district.post_form("/console/alerts", &confirmed).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}: {}",
            r.body
        );
        assert!(
            error_summary(&r.body).contains(&format!("href=\"#f-{field}\"")),
            "{field}: {}",
            r.body
        );
    }
    assert_eq!(t.store.recent_alerts(100).await.unwrap().len(), before);
    // A citizen cannot open the officers' console.
    let mut citizen = t.citizen("15100000073").await;
    assert_ne!(citizen.get("/console/alerts").await.status, StatusCode::OK);
}

/// Reads the event stream until `want` appears in an event of kind `event`, or gives up
/// after `secs` seconds.
async fn wait_for(body: &mut axum::body::Body, event: &str, want: &str, secs: u64) -> String {
    use http_body_util::BodyExt;
    let mut seen = String::new();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while std::time::Instant::now() < deadline {
        let left = deadline - std::time::Instant::now();
        match tokio::time::timeout(left, body.frame()).await {
            Ok(Some(Ok(f))) => {
                if let Some(d) = f.data_ref() {
                    seen.push_str(&String::from_utf8_lossy(d));
                }
                if seen
                    .split("\n\n")
                    .any(|e| e.contains(&format!("event: {event}")) && e.contains(want))
                {
                    return seen;
                }
            }
            _ => break,
        }
    }
    panic!("no {event} event with {want:?} within {secs} s; saw: {seen}");
}

#[tokio::test]
async fn an_open_page_hears_of_a_new_alert_and_a_new_message_without_reloading() {
    let t = TestApp::new().await;
    let (mut officer, _) = t.staff("ying.ji4", Role::DutyOfficer, None, "5116").await;
    let mut citizen = t.citizen("15100000074").await;
    citizen.get("/account").await.ok();
    let (status, headers, mut body) = citizen.open_stream("/events").await;
    assert_eq!(headers["content-type"], "text/event-stream");
    assert_eq!(status, StatusCode::OK);
    // Nobody signed in: no stream.
    let (status, _, _) = t.client().open_stream("/events").await;
    assert_ne!(status, StatusCode::OK);

    let until = beijing(hours_from_now(1));
    issue(&mut officer, &alert("5116", "yellow", &until)).await;
    let seen = wait_for(&mut body, "banners", "【黄色预警】地震预警", 8).await;
    assert!(seen.contains("/alerts/"), "{seen}");

    // A message arrives (the fan-out's, delivered by the worker): the unread count follows.
    let root = RegionCode::parse("5116").unwrap();
    let id = t.store.recent_alerts(1).await.unwrap()[0].id;
    yiwang_publishing::services::alerts::tell_everyone(&t.store, &root, id)
        .await
        .unwrap();
    t.drain().await;
    wait_for(&mut body, "unread", "data: ", 8).await;
}

#[tokio::test]
async fn an_update_names_the_alert_it_corrects_replaces_its_banner_and_reaches_people_as_an_update()
{
    let t = TestApp::new().await;
    let until = beijing(hours_from_now(2));
    let (mut officer, _) = t.staff("ying.ji5", Role::DutyOfficer, None, "511602").await;
    let (mut elsewhere, _) = t.staff("ying.ji6", Role::DutyOfficer, None, "511603").await;
    let mut here = t.citizen("15100000075").await;
    here.get("/account/home-region").await.ok();
    here.post_form("/account/home-region", &[("region", "511602001")])
        .await
        .ok();
    let first = issue(&mut officer, &alert("511602", "orange", &until)).await;
    let page = officer.get(&format!("/console/alerts/{first}")).await.ok();
    assert!(page.body.contains(&format!(
        "/console/alerts/new?follows={first}&amp;kind=update"
    )));
    let form = officer
        .get(&format!("/console/alerts/new?follows={first}&kind=update"))
        .await
        .ok();
    assert!(
        form.body.contains(&format!("value=\"{first}\" selected")),
        "{}",
        form.body
    );

    // An update without the alert it follows, or following another district's, is refused.
    let mut update = alert("511602", "orange", &until);
    update[2] = ("kind", "update");
    update[4] = ("text", "震级修正为4级，预计10秒后有震感。");
    let r = officer.post_form("/console/alerts", &update).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let theirs = issue(&mut elsewhere, &alert("511603", "blue", &until)).await;
    let mut wrong = update.clone();
    wrong.push(("follows", &theirs));
    wrong.push(("confirmed", "1"));
    let r = officer.post_form("/console/alerts", &wrong).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);

    update.push(("follows", &first));
    let second = issue(&mut officer, &update).await;
    let root = RegionCode::parse("5116").unwrap();
    yiwang_publishing::services::alerts::tell_everyone(&t.store, &root, second.parse().unwrap())
        .await
        .unwrap();
    t.drain().await;
    let account = here.get("/account").await.ok().body;
    assert!(
        account.contains("【橙色预警】（更正）地震预警"),
        "{account}"
    );
    assert!(
        !account.contains("预计30秒后有震感"),
        "the corrected banner is down: {account}"
    );
    let mut anyone = t.client();
    let shown = anyone.get(&format!("/alerts/{second}")).await.ok().body;
    assert!(
        shown.contains(&format!("href=\"/alerts/{first}\"")),
        "{shown}"
    );
    let original = anyone.get(&format!("/alerts/{first}")).await.ok().body;
    assert!(
        original.contains(&format!("href=\"/alerts/{second}\"")),
        "{original}"
    );
    let inbox = here
        .get("/api/v1/me/messages")
        .await
        .ok()
        .json()
        .to_string();
    assert!(inbox.contains("【更正】【橙色预警】地震预警"), "{inbox}");
}
