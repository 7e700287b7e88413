//! The platform admin's inquiry settings: routing rules with a dry run, limits, categories,
//! answer review, and Open311 keys issued and revoked — each refused whole when wrong.

use axum::http::{Method, StatusCode};
use yiwang_domain::auth::Role;

use crate::support::*;

const SETTINGS: &str = "/console/inquiries/settings";

#[tokio::test]
async fn an_admin_routes_a_topic_tries_it_and_changes_the_limits() {
    let t = TestApp::new().await;
    let (mut admin, _) = t.staff("adm5", Role::PlatformAdmin, None, "5116").await;
    let page = admin.get(SETTINGS).await.ok();
    assert!(page.body.contains("派单规则"));
    let dept = t.dept_a.to_string();
    let r = admin
        .post_form(
            &format!("{SETTINGS}/routes"),
            &[
                ("category", "health"),
                ("region", "511602"),
                ("department", &dept),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let tried = admin
        .get(&format!(
            "{SETTINGS}?try_category=health&try_region=511602001"
        ))
        .await
        .ok();
    assert!(
        tried.body.contains("按现有规则会派给：区民政局"),
        "{}",
        tried.body
    );
    let elsewhere = admin
        .get(&format!(
            "{SETTINGS}?try_category=health&try_region=511603001"
        ))
        .await
        .ok();
    assert!(
        elsewhere.body.contains("按现有规则会派给：派单台"),
        "{}",
        elsewhere.body
    );
    // A region outside the deployment is refused and no rule is added.
    let r = admin
        .post_form(
            &format!("{SETTINGS}/routes"),
            &[
                ("category", "health"),
                ("region", "110105"),
                ("department", &dept),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(t.store.inquiry_routes().await.unwrap().len(), 1);

    // Limits: 3 working days for questions; a 0 is refused with nothing changed.
    let mut fields: Vec<(String, String)> = Vec::new();
    for k in [
        "question",
        "help",
        "complaint",
        "report",
        "suggestion",
        "petition",
    ] {
        fields.push((format!("limits.{k}.acknowledge"), "1".into()));
        fields.push((
            format!("limits.{k}.reply"),
            if k == "question" { "3" } else { "15" }.into(),
        ));
    }
    for (k, v) in [("accept", "15"), ("extension", "30"), ("review", "30")] {
        fields.push((format!("limits.petition.{k}"), v.into()));
    }
    fields.push(("max_transfers".into(), "2".into()));
    fields.push(("rating_days".into(), "7".into()));
    let as_refs = |f: &[(String, String)]| {
        f.iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect::<Vec<_>>()
    };
    let mut bad = as_refs(&fields);
    bad.last_mut().unwrap().1 = "0".into();
    let bad: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = admin.post_form(&format!("{SETTINGS}/limits"), &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let good: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = admin.post_form(&format!("{SETTINGS}/limits"), &good).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let s = t.store.inquiry_settings().await.unwrap();
    assert_eq!(
        s.limits(yiwang_domain::inquiry::Kind::Question).reply.days,
        3
    );

    // A category taken out of use is no longer offered.
    let r = admin
        .post_form(
            &format!("{SETTINGS}/categories"),
            &[
                ("code", "housing"),
                ("name", "住房保障"),
                ("group", "住房"),
                ("description", "保障房"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mut citizen = t.citizen("15100000051").await;
    let form = citizen.get("/inquiries/new").await.ok();
    assert!(!form.body.contains("value=\"housing\""));
}

#[tokio::test]
async fn an_open311_key_works_until_it_is_revoked_and_only_admins_issue_them() {
    let t = TestApp::new().await;
    let (mut clerk, _) = t
        .staff("ck5", Role::WindowClerk, Some(t.dept_a), "511602")
        .await;
    let r = clerk
        .post_form(&format!("{SETTINGS}/open311"), &[("name", "随手拍")])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    let (mut admin, _) = t.staff("adm6", Role::PlatformAdmin, None, "5116").await;
    let r = admin
        .post_form(&format!("{SETTINGS}/open311"), &[("name", "随手拍")])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let key = strong_after(&r.body, "Open311 接入密钥");
    let post = |key: String| {
        let body = format!(
            "api_key={}&service_code=roads&lat=30.45&long=106.63&description={}",
            urlencode(&key),
            urlencode("路面有个大坑，很危险")
        );
        (body, key)
    };
    let mut app = t.client();
    let (body, _) = post(key.clone());
    let r = app
        .request(
            Method::POST,
            "/open311/v2/requests.json",
            Some("application/x-www-form-urlencoded"),
            body.clone().into_bytes(),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let client = t.store.open311_clients().await.unwrap().remove(0);
    let r = admin
        .post_form(&format!("{SETTINGS}/open311/{}/revoke", client.id), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = app
        .request(
            Method::POST,
            "/open311/v2/requests.json",
            Some("application/x-www-form-urlencoded"),
            body.into_bytes(),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
}
