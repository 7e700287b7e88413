//! Registering systems and rotating keys in the console.

use http::StatusCode;

use super::*;

#[tokio::test]
async fn only_platform_admins_register_systems_and_bad_input_changes_nothing() {
    let t = TestApp::new().await;
    let root = t.state.config.root_region.to_string();
    let (mut reviewer, _) = t
        .staff("ssoreader", Role::Reviewer, Some(t.dept_a), &root)
        .await;
    assert_eq!(
        reviewer.get("/console/sso").await.status,
        StatusCode::FORBIDDEN
    );
    let r = reviewer
        .post_form(
            "/console/sso",
            &[("name", "x系统"), ("redirect_uris", REDIRECT)],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    let mut admin = admin(&t).await;
    admin.get("/console/sso").await.ok();
    for (field, value) in [
        ("redirect_uris", "http://rp.example.cn/cb"),
        ("redirect_uris", "https://rp.example.cn/cb#x"),
        ("redirect_uris", ""),
        ("logo_url", "javascript:alert(1)"),
        ("jwks", "{not json"),
        ("scopes", "email"),
    ] {
        let mut fields = vec![("name", "测试系统"), ("redirect_uris", REDIRECT)];
        fields.retain(|(k, _)| *k != field);
        fields.push((field, value));
        let r = admin.post_form("/console/sso", &fields).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}={value}"
        );
        assert!(r.body.contains("error-summary"), "{field}");
    }
    assert!(t.store.oidc_clients().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_new_secret_replaces_the_old_and_disabling_stops_sign_ins() {
    let t = TestApp::new().await;
    let mut admin = admin(&t).await;
    let rp = register(&t, &mut admin, "税务系统", &[]).await;
    let page = admin
        .post_form(&format!("/console/sso/clients/{}/secret", rp.id), &[])
        .await
        .ok();
    // The notice shows the client id, then the new secret.
    let fresh = page
        .body
        .split("<code>")
        .nth(2)
        .unwrap()
        .split("</code>")
        .next()
        .unwrap()
        .to_owned();
    assert_ne!(fresh, rp.secret);
    let r = token(
        &t,
        &rp,
        &[("grant_type", "authorization_code"), ("code", "x")],
    )
    .await;
    assert_eq!(
        r.json()["error"],
        "invalid_client",
        "the old secret no longer works"
    );
    let renewed = Rp {
        id: rp.id.clone(),
        secret: fresh,
    };
    let r = token(
        &t,
        &renewed,
        &[("grant_type", "authorization_code"), ("code", "x")],
    )
    .await;
    assert_eq!(
        r.json()["error"],
        "invalid_grant",
        "the new one authenticates"
    );

    admin
        .post_form(
            &format!("/console/sso/clients/{}/disable", rp.id),
            &[("disabled", "1")],
        )
        .await
        .ok();
    let mut person = person(&t, "13800001220").await;
    let r = person.get(&Pending::new().url(&rp, "openid")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_rotated_key_signs_new_tokens_and_the_old_one_stays_published() {
    let t = TestApp::new().await;
    let mut admin = admin(&t).await;
    let rp = register(&t, &mut admin, "档案系统", &[]).await;
    let mut person = person(&t, "13800001221").await;
    let p = Pending::new();
    let code = code_for(&mut person, &rp, &p, "openid").await;
    let old = redeem(&t, &rp, &code, &p).await.ok().json();
    let old_kid = Jws::parse(old["id_token"].as_str().unwrap())
        .unwrap()
        .header["kid"]
        .clone();
    admin.get("/console/sso").await.ok();
    assert_eq!(
        admin.post_form("/console/sso/keys", &[]).await.status,
        StatusCode::SEE_OTHER
    );
    let p = Pending::new();
    let code = code_for(&mut person, &rp, &p, "openid").await;
    let new = redeem(&t, &rp, &code, &p).await.ok().json();
    let new_kid = Jws::parse(new["id_token"].as_str().unwrap())
        .unwrap()
        .header["kid"]
        .clone();
    assert_ne!(old_kid, new_kid);
    // Both verify against the published set.
    id_claims(&t, old["id_token"].as_str().unwrap()).await;
    id_claims(&t, new["id_token"].as_str().unwrap()).await;
    let audit = t.store.oidc_public_keys(1_000_000).await.unwrap();
    assert_eq!(audit.len(), 2);
}
