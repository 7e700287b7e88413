//! The sign-in flow as a relying party meets it.

use http::StatusCode;

use super::*;

#[tokio::test]
async fn discovery_names_the_endpoints_and_the_keys_are_public_only() {
    let t = TestApp::new().await;
    let d = t
        .client()
        .get("/.well-known/openid-configuration")
        .await
        .ok()
        .json();
    assert_eq!(d["issuer"], ISSUER);
    assert_eq!(d["token_endpoint"], format!("{ISSUER}/oidc/token"));
    assert_eq!(
        d["code_challenge_methods_supported"],
        serde_json::json!(["S256"])
    );
    assert_eq!(
        d["subject_types_supported"],
        serde_json::json!(["pairwise"])
    );
    let keys = t.client().get("/oidc/jwks").await.ok().json();
    let k = &keys["keys"][0];
    assert_eq!(k["kty"], "RSA");
    for private in ["d", "p", "q", "dp", "dq", "qi"] {
        assert!(k.get(private).is_none(), "{private} published");
    }
}

#[tokio::test]
async fn a_person_agrees_once_and_the_system_gets_a_signed_id_token_and_their_name() {
    let t = TestApp::new().await;
    let mut admin = admin(&t).await;
    let rp = register(&t, &mut admin, "不动产登记系统", &["profile", "phone"]).await;
    let mut anon = t.client();
    let p = Pending::new();
    // Not signed in: to the login page, which comes back here.
    let r = anon.get(&p.url(&rp, "openid profile")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(
        r.location()
            .starts_with("/account/login?next=/oidc/authorize%3F"),
        "{}",
        r.location()
    );

    let mut person = person(&t, "13800001201").await;
    let page = person.get(&p.url(&rp, "openid profile")).await.ok();
    assert!(page.body.contains("不动产登记系统"));
    assert!(page.body.contains("您的姓名"));
    assert!(
        !page.body.contains("您的手机号码"),
        "only what is asked is listed"
    );
    let r = consent(&mut person, &page, "allow").await;
    let code = param(r.location(), "code").unwrap();

    let tokens = redeem(&t, &rp, &code, &p).await;
    assert_eq!(tokens.status, StatusCode::OK, "{}", tokens.body);
    assert_eq!(tokens.headers["cache-control"], "no-store");
    let body = tokens.json();
    assert!(
        body.get("refresh_token").is_none(),
        "no offline_access asked, no refresh token"
    );
    let claims = id_claims(&t, body["id_token"].as_str().unwrap()).await;
    assert_eq!(claims["iss"], ISSUER);
    assert_eq!(claims["aud"], rp.id.as_str());
    assert_eq!(claims["nonce"], p.nonce.as_str());
    assert_eq!(claims["amr"], serde_json::json!(["pwd"]));
    assert_eq!(
        claims["at_hash"],
        jose::half_hash(body["access_token"].as_str().unwrap()).as_str()
    );
    let info = userinfo(&t, body["access_token"].as_str().unwrap())
        .await
        .ok()
        .json();
    assert_eq!(info["sub"], claims["sub"]);
    assert_eq!(info["name"], "李秀英");
    assert_eq!(info["real_name_verified"], true);
    assert!(
        info.get("phone_number").is_none(),
        "phone was not asked for"
    );

    // The second time the person is not asked again.
    let p2 = Pending::new();
    let r = person.get(&p2.url(&rp, "openid profile")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(param(r.location(), "code").is_some());
    // Asking for more than was agreed asks again.
    let r = person
        .get(&Pending::new().url(&rp, "openid profile phone"))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("您的手机号码"));
}

#[tokio::test]
async fn declining_sends_access_denied_and_gives_nothing() {
    let t = TestApp::new().await;
    let mut admin = admin(&t).await;
    let rp = register(&t, &mut admin, "社保系统", &["profile"]).await;
    let mut person = person(&t, "13800001202").await;
    let p = Pending::new();
    let page = person.get(&p.url(&rp, "openid profile")).await.ok();
    let r = consent(&mut person, &page, "deny").await;
    assert_eq!(
        param(r.location(), "error").as_deref(),
        Some("access_denied")
    );
    assert!(param(r.location(), "code").is_none());
    let list = person.get("/account/connected").await.ok();
    assert!(!list.body.contains("社保系统"));
}

#[tokio::test]
async fn codes_are_single_use_pkce_is_checked_and_a_replay_revokes_what_the_code_gave() {
    let t = TestApp::new().await;
    let mut admin = admin(&t).await;
    let rp = register(&t, &mut admin, "公积金系统", &["profile"]).await;
    let mut person = person(&t, "13800001203").await;

    // A wrong verifier spends the code.
    let p = Pending::new();
    let code = code_for(&mut person, &rp, &p, "openid").await;
    let wrong = Pending::new();
    let r = redeem(&t, &rp, &code, &wrong).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["error"], "invalid_grant");
    assert_eq!(
        redeem(&t, &rp, &code, &p).await.json()["error"],
        "invalid_grant"
    );

    // A replayed code revokes the tokens the first redemption gave.
    let p = Pending::new();
    let code = code_for(&mut person, &rp, &p, "openid").await;
    let first = redeem(&t, &rp, &code, &p).await.ok().json();
    let access = first["access_token"].as_str().unwrap();
    userinfo(&t, access).await.ok();
    let again = redeem(&t, &rp, &code, &p).await;
    assert_eq!(again.json()["error"], "invalid_grant");
    let r = userinfo(&t, access).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(
        r.headers["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Bearer")
    );

    // plain PKCE and a missing challenge are refused before any code exists.
    let plain = p
        .url(&rp, "openid")
        .replace("code_challenge_method=S256", "code_challenge_method=plain");
    let r = person.get(&plain).await;
    assert_eq!(
        param(r.location(), "error").as_deref(),
        Some("invalid_request")
    );
    let url = p.url(&rp, "openid");
    let none = url.split("&code_challenge=").next().unwrap();
    let r = person.get(none).await;
    assert_eq!(
        param(r.location(), "error").as_deref(),
        Some("invalid_request")
    );
}

#[tokio::test]
async fn refresh_tokens_rotate_and_a_reused_one_revokes_the_family() {
    let t = TestApp::new().await;
    let mut admin = admin(&t).await;
    let rp = register(&t, &mut admin, "电子证照系统", &["offline_access"]).await;
    let mut person = person(&t, "13800001204").await;
    let p = Pending::new();
    let code = code_for(&mut person, &rp, &p, "openid offline_access").await;
    let first = redeem(&t, &rp, &code, &p).await.ok().json();
    let r1 = first["refresh_token"].as_str().unwrap().to_owned();
    let second = token(
        &t,
        &rp,
        &[("grant_type", "refresh_token"), ("refresh_token", &r1)],
    )
    .await
    .ok()
    .json();
    let r2 = second["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(r1, r2);
    let a2 = second["access_token"].as_str().unwrap().to_owned();
    userinfo(&t, &a2).await.ok();
    // The old one again: refused, and the new ones die with it.
    let reuse = token(
        &t,
        &rp,
        &[("grant_type", "refresh_token"), ("refresh_token", &r1)],
    )
    .await;
    assert_eq!(reuse.json()["error"], "invalid_grant");
    let r = token(
        &t,
        &rp,
        &[("grant_type", "refresh_token"), ("refresh_token", &r2)],
    )
    .await;
    assert_eq!(r.json()["error"], "invalid_grant");
    assert_eq!(userinfo(&t, &a2).await.status, StatusCode::UNAUTHORIZED);
    // Another client cannot use this client's refresh token.
    let other = register(&t, &mut admin, "另一个系统", &["offline_access"]).await;
    let p = Pending::new();
    let code = code_for(&mut person, &rp, &p, "openid offline_access").await;
    let fresh = redeem(&t, &rp, &code, &p).await.ok().json();
    let r = token(
        &t,
        &other,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", fresh["refresh_token"].as_str().unwrap()),
        ],
    )
    .await;
    assert_eq!(r.json()["error"], "invalid_grant");
}

#[tokio::test]
async fn two_systems_see_different_subjects_for_one_person() {
    let t = TestApp::new().await;
    let mut admin = admin(&t).await;
    let a = register(&t, &mut admin, "系统甲", &[]).await;
    let b = register(&t, &mut admin, "系统乙", &[]).await;
    let mut person = person(&t, "13800001205").await;
    let mut subs = Vec::new();
    for rp in [&a, &b, &a] {
        let p = Pending::new();
        let code = code_for(&mut person, rp, &p, "openid").await;
        let body = redeem(&t, rp, &code, &p).await.ok().json();
        subs.push(id_claims(&t, body["id_token"].as_str().unwrap()).await["sub"].clone());
    }
    assert_ne!(subs[0], subs[1]);
    assert_eq!(subs[0], subs[2], "stable for one system");
}

#[tokio::test]
async fn client_authentication_failures_and_bad_requests() {
    let t = TestApp::new().await;
    let mut admin = admin(&t).await;
    let rp = register(&t, &mut admin, "不动产登记系统", &[]).await;
    let wrong = Rp {
        id: rp.id.clone(),
        secret: "not-the-secret".into(),
    };
    let r = token(
        &t,
        &wrong,
        &[("grant_type", "authorization_code"), ("code", "x")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.json()["error"], "invalid_client");
    let r = token(&t, &rp, &[("grant_type", "password")]).await;
    assert_eq!(r.json()["error"], "unsupported_grant_type");
    let r = token(
        &t,
        &rp,
        &[("grant_type", "authorization_code"), ("code", "nope")],
    )
    .await;
    assert_eq!(r.json()["error"], "invalid_grant");
    // An unknown client or an unregistered redirect URI is never redirected to.
    let mut c = t.client();
    let p = Pending::new();
    let evil = p
        .url(&rp, "openid")
        .replace(&urlencode(REDIRECT), &urlencode("https://evil.example/cb"));
    let r = c.get(&evil).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.headers.get("location").is_none());
    let r = c.get("/oidc/authorize?client_id=nobody").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    // An unknown scope goes back as invalid_scope.
    let mut person = person(&t, "13800001206").await;
    let r = person.get(&p.url(&rp, "openid email")).await;
    assert_eq!(
        param(r.location(), "error").as_deref(),
        Some("invalid_scope")
    );
    // A scope this client is not allowed, likewise.
    let r = person.get(&p.url(&rp, "openid id_number")).await;
    assert_eq!(
        param(r.location(), "error").as_deref(),
        Some("invalid_scope")
    );
}

#[tokio::test]
async fn private_key_jwt_authenticates_a_government_system_by_its_key() {
    let t = TestApp::new().await;
    let mut admin = admin(&t).await;
    let key = jose::RsaSigner::from_pkcs8("rp1", &jose::RsaSigner::generate().unwrap()).unwrap();
    let jwks = serde_json::json!({"keys": [key.public_jwk()]}).to_string();
    admin.get("/console/sso").await.ok();
    let r = admin
        .post_form(
            "/console/sso",
            &[
                ("name", "公安内网系统"),
                ("redirect_uris", REDIRECT),
                ("jwks", &jwks),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let id = r
        .body
        .split("<code>")
        .nth(1)
        .unwrap()
        .split("</code>")
        .next()
        .unwrap()
        .to_owned();
    let rp = Rp {
        id: id.clone(),
        secret: String::new(),
    };
    let mut person = person(&t, "13800001207").await;
    let p = Pending::new();
    let code = code_for(&mut person, &rp, &p, "openid").await;
    let now = yiwang_domain::Timestamp::now().secs();
    let assertion = |signer: &jose::RsaSigner| {
        signer
            .sign(
                "JWT",
                &serde_json::json!({"iss": id, "sub": id, "aud": format!("{ISSUER}/oidc/token"),
                                     "exp": now + 60, "iat": now, "jti": "j1"}),
            )
            .unwrap()
    };
    let post = |a: String, code: String| {
        let body = format!(
            "grant_type=authorization_code&code={}&redirect_uri={}&code_verifier={}&client_assertion_type={}&client_assertion={}",
            urlencode(&code),
            urlencode(REDIRECT),
            p.verifier,
            urlencode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
            a
        );
        let mut c = t.client();
        async move {
            c.request(
                Method::POST,
                "/oidc/token",
                Some("application/x-www-form-urlencoded"),
                body.into_bytes(),
                &[],
            )
            .await
        }
    };
    let stranger =
        jose::RsaSigner::from_pkcs8("rp1", &jose::RsaSigner::generate().unwrap()).unwrap();
    let r = post(assertion(&stranger), code.clone()).await;
    assert_eq!(r.json()["error"], "invalid_client");
    let p2 = Pending {
        verifier: p.verifier.clone(),
        state: p.state.clone(),
        nonce: p.nonce.clone(),
    };
    let code = code_for(&mut person, &rp, &p2, "openid").await;
    let r = post(assertion(&key), code).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

#[tokio::test]
async fn staff_sign_in_carries_the_second_factor() {
    let t = TestApp::new().await;
    let mut admin = admin(&t).await;
    let rp = register(&t, &mut admin, "内部办公系统", &[]).await;
    let root = t.state.config.root_region.to_string();
    let (mut staff, _) = t
        .staff("ssoreviewer", Role::Reviewer, Some(t.dept_a), &root)
        .await;
    let p = Pending::new();
    let code = code_for(&mut staff, &rp, &p, "openid").await;
    let body = redeem(&t, &rp, &code, &p).await.ok().json();
    let claims = id_claims(&t, body["id_token"].as_str().unwrap()).await;
    assert_eq!(claims["acr"], "urn:yiwang:acr:mfa");
    assert!(claims["amr"].as_array().unwrap().iter().any(|m| m == "otp"));
}

#[tokio::test]
async fn connected_systems_are_listed_and_taking_one_back_signs_it_out() {
    let t = TestApp::new().await;
    let mut admin = admin(&t).await;
    let rp = register(&t, &mut admin, "医保系统", &["profile"]).await;
    let mut person = person(&t, "13800001208").await;
    let p = Pending::new();
    let code = code_for(&mut person, &rp, &p, "openid profile").await;
    let body = redeem(&t, &rp, &code, &p).await.ok().json();
    let access = body["access_token"].as_str().unwrap();
    let list = person.get("/account/connected").await.ok();
    assert!(list.body.contains("医保系统"));
    assert!(list.body.contains("最近登录"));
    // The access log says the system was given the name.
    let log = person.get("/account/access-log").await.ok();
    assert!(log.body.contains("医保系统"), "{}", log.body);
    // Someone else cannot take it back for them.
    let mut other = t.citizen("13800001209").await;
    other.get("/account/connected").await.ok();
    let r = other
        .post_form(&format!("/account/connected/{}/revoke", rp.id), &[])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    userinfo(&t, access).await.ok();
    let r = person
        .post_form(&format!("/account/connected/{}/revoke", rp.id), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(userinfo(&t, access).await.status, StatusCode::UNAUTHORIZED);
    assert!(
        !person
            .get("/account/connected")
            .await
            .body
            .contains("医保系统")
    );
    // Next time the person is asked again.
    let r = person.get(&Pending::new().url(&rp, "openid profile")).await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn logout_asks_first_then_ends_the_session_and_every_token_from_it() {
    let t = TestApp::new().await;
    let mut admin = admin(&t).await;
    let rp = register(&t, &mut admin, "政务服务系统", &[]).await;
    let mut person = person(&t, "13800001210").await;
    let p = Pending::new();
    let code = code_for(&mut person, &rp, &p, "openid").await;
    let body = redeem(&t, &rp, &code, &p).await.ok().json();
    let id_token = body["id_token"].as_str().unwrap();
    let access = body["access_token"].as_str().unwrap();
    let url = format!(
        "/oidc/logout?id_token_hint={id_token}&post_logout_redirect_uri={}&state=s1",
        urlencode("https://rp.example.cn/bye")
    );
    let page = person.get(&url).await.ok();
    assert!(page.body.contains("政务服务系统"));
    userinfo(&t, access).await.ok();
    let r = person
        .post_form(
            "/oidc/logout",
            &[
                ("id_token_hint", id_token),
                ("post_logout_redirect_uri", "https://rp.example.cn/bye"),
                ("state", "s1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "https://rp.example.cn/bye?state=s1");
    assert_eq!(userinfo(&t, access).await.status, StatusCode::UNAUTHORIZED);
    let r = person.get("/account/connected").await;
    assert_eq!(
        r.status,
        StatusCode::SEE_OTHER,
        "signed out of the platform too"
    );
    // An unregistered place to go back to is not followed.
    let mut c = t.client();
    let r = c
        .get(&format!(
            "/oidc/logout?id_token_hint={id_token}&post_logout_redirect_uri={}",
            urlencode("https://evil.example/")
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!r.body.contains("href=\"https://evil.example"));
}

#[tokio::test]
async fn prompt_login_signs_in_again_and_prompt_consent_asks_again() {
    let t = TestApp::new().await;
    let mut admin = admin(&t).await;
    let rp = register(&t, &mut admin, "住房系统", &[]).await;
    let mut person = person(&t, "13800001211").await;
    code_for(&mut person, &rp, &Pending::new(), "openid").await;
    let p = Pending::new();
    let r = person
        .get(&format!("{}&prompt=consent", p.url(&rp, "openid")))
        .await;
    assert_eq!(r.status, StatusCode::OK, "asked again");
    assert!(r.body.contains("同意并登录"));
    let r = person
        .get(&format!("{}&prompt=none&max_age=0", p.url(&rp, "openid")))
        .await;
    assert_eq!(
        param(r.location(), "error").as_deref(),
        Some("login_required")
    );
    let r = person
        .get(&format!("{}&prompt=login", p.url(&rp, "openid")))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(
        r.location().starts_with("/account/login?next="),
        "{}",
        r.location()
    );
    assert!(
        !r.location().contains("prompt"),
        "the way back does not ask again"
    );
    let r = person.get("/account/connected").await;
    assert_eq!(
        r.status,
        StatusCode::SEE_OTHER,
        "signed out, to sign in again"
    );
}

#[tokio::test]
async fn signing_out_of_the_platform_tells_each_system_by_a_signed_logout_token() {
    use std::sync::{Arc, Mutex};
    let t = TestApp::new().await;
    // The system's back-channel endpoint: a real HTTP server recording what it is sent.
    let got: Arc<Mutex<Vec<String>>> = Arc::default();
    let seen = got.clone();
    let app = axum::Router::new().route(
        "/logout",
        axum::routing::post(move |body: String| {
            let seen = seen.clone();
            async move {
                seen.lock().unwrap().push(body);
                StatusCode::OK
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let mut admin = admin(&t).await;
    admin.get("/console/sso").await.ok();
    let uri = format!("http://127.0.0.1:{port}/logout");
    let r = admin
        .post_form(
            "/console/sso",
            &[
                ("name", "不动产登记系统"),
                ("redirect_uris", REDIRECT),
                ("backchannel_uri", &uri),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let codes: Vec<&str> = r
        .body
        .split("<code>")
        .skip(1)
        .map(|s| s.split("</code>").next().unwrap())
        .collect();
    let rp = Rp {
        id: codes[0].to_owned(),
        secret: codes[1].to_owned(),
    };
    let quiet = register(&t, &mut admin, "不通知的系统", &[]).await;

    let mut person = person(&t, "13800001212").await;
    let p = Pending::new();
    let code = code_for(&mut person, &rp, &p, "openid").await;
    let body = redeem(&t, &rp, &code, &p).await.ok().json();
    let id = id_claims(&t, body["id_token"].as_str().unwrap()).await;
    let p2 = Pending::new();
    let code = code_for(&mut person, &quiet, &p2, "openid").await;
    let other = redeem(&t, &quiet, &code, &p2).await.ok().json();

    person.get("/account").await.ok();
    let r = person.post_form("/account/logout", &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        userinfo(&t, other["access_token"].as_str().unwrap())
            .await
            .status,
        StatusCode::UNAUTHORIZED,
        "every system's tokens from the session end"
    );
    let worker = std::sync::Arc::new(
        yiwang_jobs::Worker::new(t.store.clone(), yiwang_jobs::WorkerConfig::default()).handle(
            yiwang_store::sso::SSO_LOGOUT_JOB,
            yiwang_sso::jobs::BackchannelLogout::new(t.state.clone()).unwrap(),
        ),
    );
    while worker.run_once().await.unwrap() > 0 {}
    let got = got.lock().unwrap().clone();
    assert_eq!(got.len(), 1, "one system asked to be told, once");
    let token = got[0].strip_prefix("logout_token=").unwrap();
    let claims = id_claims(&t, token).await;
    assert_eq!(claims["aud"], rp.id.as_str());
    assert_eq!(claims["sub"], id["sub"]);
    assert_eq!(claims["sid"], id["sid"]);
    assert!(claims["events"]["http://schemas.openid.net/event/backchannel-logout"].is_object());
    assert!(claims.get("nonce").is_none());
    let header = Jws::parse(token).unwrap().header;
    assert_eq!(header["typ"], "logout+jwt");
}
