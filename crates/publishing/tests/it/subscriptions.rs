//! Following government information (PUB-6): a follower of a column hears of each new
//! document once, and gets one digest a day at the hour they chose.

use axum::http::StatusCode;
use yiwang_domain::Timestamp;

use crate::support::*;

#[tokio::test]
async fn a_follower_hears_of_a_new_notice_once_and_gets_one_digest_a_day() {
    let t = TestApp::new().await;
    let mut ed = editor(&t, "bian.ji9").await;
    let mut rev = reviewer(&t, "shen.gao9").await;
    let mut citizen = t.citizen("15100000091").await;
    let mut other = t.citizen("15100000092").await;
    let hour = Timestamp::now().to_beijing().hour().to_string();

    let form = citizen
        .get("/account/subscriptions?column=notices")
        .await
        .ok();
    assert!(
        form.body.contains("value=\"notices\" checked"),
        "pre-selected from the column's page"
    );
    // Bad values change nothing.
    for (k, v) in [("region", "999999"), ("hour", "25"), ("column", "nope")] {
        let r = citizen
            .post_form("/account/subscriptions", &[("column", "notices"), (k, v)])
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{k}: {}",
            r.body
        );
    }
    let r = citizen
        .post_form(
            "/account/subscriptions",
            &[
                ("column", "notices"),
                ("category", "finance"),
                ("hour", &hour),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let id = publish(
        &mut ed,
        &mut rev,
        &article(
            "notices",
            "关于元旦假期办事安排的通知",
            "元旦假期期间网上办事照常受理。",
        ),
    )
    .await;
    let doc = id.parse().unwrap();
    let tell = yiwang_publishing::services::subscriptions::tell_followers;
    assert_eq!(
        tell(&t.store, doc).await.unwrap(),
        1,
        "the follower, not the other citizen"
    );
    assert_eq!(tell(&t.store, doc).await.unwrap(), 0, "told once");
    t.drain().await;
    let inbox = citizen
        .get("/api/v1/me/messages")
        .await
        .ok()
        .json()
        .to_string();
    assert!(
        inbox.contains("新发布：关于元旦假期办事安排的通知"),
        "{inbox}"
    );
    assert!(
        !other
            .get("/api/v1/me/messages")
            .await
            .ok()
            .json()
            .to_string()
            .contains("新发布")
    );

    let digest = yiwang_publishing::services::subscriptions::send_digests;
    assert_eq!(digest(&t.store, Timestamp::now()).await.unwrap(), 1);
    assert_eq!(
        digest(&t.store, Timestamp::now()).await.unwrap(),
        0,
        "one a day"
    );
    t.drain().await;
    let inbox = citizen
        .get("/api/v1/me/messages")
        .await
        .ok()
        .json()
        .to_string();
    assert!(inbox.contains("每日1条"), "{inbox}");
}

#[tokio::test]
async fn the_digest_leads_with_the_editors_pick_and_its_link_stops_it() {
    let t = TestApp::new().await;
    let mut ed = editor(&t, "bian.ji8").await;
    let mut rev = reviewer(&t, "shen.gao8").await;
    let mut citizen = t.citizen("15100000081").await;
    let hour = Timestamp::now().to_beijing().hour().to_string();
    citizen
        .post_form(
            "/account/subscriptions",
            &[("column", "notices"), ("hour", &hour)],
        )
        .await
        .ok();
    let followed = publish(
        &mut ed,
        &mut rev,
        &article("notices", "关于元旦假期办事安排的通知", "照常受理。"),
    )
    .await;
    // Not followed, but picked by an editor: everyone's digest leads with it.
    let picked = publish(
        &mut ed,
        &mut rev,
        &article(
            "local",
            "广安区政务服务中心延长周末服务时间",
            "周六上午也可办理。",
        ),
    )
    .await;
    let page = ed.get(&format!("/console/news/{picked}")).await.ok();
    assert!(
        !page.body.contains("value=\"pick\""),
        "an editor does not pick"
    );
    let page = rev.get(&format!("/console/news/{picked}")).await.ok();
    assert!(page.body.contains("value=\"pick\""), "{}", page.body);
    step_ok(&mut rev, &picked, "pick", "", "").await;
    assert!(
        rev.get(&format!("/console/news/{picked}"))
            .await
            .body
            .contains("value=\"unpick\"")
    );

    let digest = yiwang_publishing::services::subscriptions::send_digests;
    assert_eq!(digest(&t.store, Timestamp::now()).await.unwrap(), 1);
    t.drain().await;
    let inbox = citizen.get("/api/v1/me/messages").await.ok().json();
    let body = inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["kind"] == "digest")
        .map(|m| m["body"].as_str().unwrap().to_owned())
        .expect("a digest");
    let first = body.lines().next().unwrap();
    assert!(
        first.starts_with("1. 广安区政务服务中心延长周末服务时间"),
        "{body}"
    );
    assert!(
        body.contains(&format!(
            "2. 关于元旦假期办事安排的通知（/news/{followed}）"
        )),
        "{body}"
    );
    let stop = body
        .lines()
        .last()
        .and_then(|l| l.split("：").last())
        .unwrap()
        .to_owned();
    assert!(stop.starts_with("/unsubscribe/"), "{body}");

    // The link works without logging in, and the digest stops; the subscription to the
    // column stays.
    let r = t
        .client()
        .request(
            axum::http::Method::POST,
            &stop,
            Some("application/x-www-form-urlencoded"),
            b"List-Unsubscribe=One-Click".to_vec(),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let form = citizen.get("/account/subscriptions").await.ok().body;
    assert!(form.contains("value=\"notices\" checked"));
    assert!(
        !form.contains(&format!("value=\"{hour}\" selected")),
        "no digest hour any more"
    );
}
