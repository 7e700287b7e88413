//! The inquiries' JSON API for apps: asking exactly once with an `Idempotency-Key`, the
//! asker's list and history, the verdict, and a staff member's step.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};
use yiwang_domain::auth::Role;

use crate::support::*;

async fn ask(c: &mut Client, body: Value, key: &str) -> Resp {
    let mut headers: Vec<(&str, String)> = vec![("idempotency-key", key.to_owned())];
    if let Some(t) = &c.csrf {
        headers.push(("x-csrf-token", t.clone()));
    }
    let headers: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
    c.request(
        Method::POST,
        "/api/v1/inquiries",
        Some("application/json"),
        body.to_string().into_bytes(),
        &headers,
    )
    .await
}

fn question() -> Value {
    json!({
        "kind": "question", "category": "education", "title": "小学入学要带什么材料",
        "body": "孩子今年九月上小学，请问报名要带哪些材料？", "region": "511602002",
        "lat": 30.4564, "lng": 106.6331
    })
}

#[tokio::test]
async fn an_app_asks_once_follows_it_and_rates_the_answer() {
    let t = TestApp::new().await;
    let admin = t
        .create_staff("adm2", Role::PlatformAdmin, None, "5116")
        .await;
    route(&t, "education", t.dept_a, admin).await;
    let mut app = t.citizen("15100000041").await;
    let cats = app.get("/api/v1/inquiry-categories").await.ok().json();
    assert!(
        cats.as_array()
            .unwrap()
            .iter()
            .any(|c| c["code"] == "education")
    );

    let r = ask(&mut app, question(), "app-key-1").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let first = r.json();
    assert_eq!(first["channel"], "app");
    assert_eq!(first["state"], "assigned");
    let again = ask(&mut app, question(), "app-key-1").await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json()["id"], first["id"]);
    let mut other = question();
    other["title"] = json!("另一个问题的标题");
    let reused = ask(&mut app, other, "app-key-1").await;
    assert_eq!(reused.error_code(), "idempotency_key_reused");
    let list = app.get("/api/v1/me/inquiries").await.ok().json();
    assert_eq!(list["total"], 1);

    let id = first["id"].as_str().unwrap();
    let (mut handler, _) = t
        .staff("mz4", Role::Reviewer, Some(t.dept_a), "511602")
        .await;
    for (action, text) in [
        ("acknowledge", ""),
        ("reply", "请携带户口簿、房产证明和儿童预防接种证。"),
    ] {
        let r = handler
            .json(
                Method::POST,
                &format!("/api/v1/inquiries/{id}/steps"),
                json!({ "action": action, "text": text }),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{action}: {}", r.body);
    }
    let detail = app
        .get(&format!("/api/v1/me/inquiries/{id}"))
        .await
        .ok()
        .json();
    assert_eq!(detail["inquiry"]["state"], "replied");
    assert!(
        detail["history"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["kind"] == "replied")
    );
    // Nobody else reads it or rates it.
    let mut stranger = t.citizen("15100000042").await;
    assert_eq!(
        stranger
            .get(&format!("/api/v1/me/inquiries/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let r = stranger
        .json(
            Method::POST,
            &format!("/api/v1/me/inquiries/{id}/verdict"),
            json!({ "verdict": "satisfied" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app
        .json(
            Method::POST,
            &format!("/api/v1/me/inquiries/{id}/verdict"),
            json!({ "verdict": "satisfied" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["state"], "closed");
    // A second verdict changes nothing.
    let r = app
        .json(
            Method::POST,
            &format!("/api/v1/me/inquiries/{id}/verdict"),
            json!({ "verdict": "unsatisfied", "reason": "再问一次" }),
        )
        .await;
    assert_ne!(r.status, StatusCode::OK, "{}", r.body);
}

#[tokio::test]
async fn bad_input_through_the_api_is_named_field_by_field() {
    let t = TestApp::new().await;
    let mut app = t.citizen("15100000043").await;
    let mut q = question();
    q["kind"] = json!("rumour");
    q["lat"] = json!(48.85);
    q["lng"] = json!(2.35);
    q["body"] = json!("<script>alert(1)</script>");
    let r = ask(&mut app, q, "app-key-2").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let fields: Vec<String> = r.json()["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap().to_owned())
        .collect();
    assert!(fields.contains(&"kind".to_owned()), "{fields:?}");
    assert!(fields.contains(&"lat".to_owned()), "{fields:?}");
    assert_eq!(
        app.get("/api/v1/me/inquiries").await.ok().json()["total"],
        0
    );
}

#[tokio::test]
async fn a_location_outside_the_deployments_map_bounds_is_refused_in_words_and_nothing_is_stored() {
    let t = TestApp::new()
        .await
        .with_part(yiwang_inquiries::services::submit::Bounds::GUANG_AN);
    let mut app = t.citizen("15100000044").await;
    let mut q = question();
    // 上海: in China, outside 广安.
    q["lat"] = json!(31.2304);
    q["lng"] = json!(121.4737);
    let r = ask(&mut app, q.clone(), "far-1").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let e = &r.json()["error"]["fields"][0];
    assert_eq!(e["field"], "lat", "{}", r.body);
    assert!(
        !e["message"].as_str().unwrap_or("").is_empty(),
        "{}",
        r.body
    );
    assert_eq!(
        app.get("/api/v1/me/inquiries").await.ok().json()["total"],
        0
    );
    // Inside the box it is taken.
    let r = ask(&mut app, question(), "near-1").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
}

#[tokio::test]
async fn the_dispatcher_sees_reports_alike_in_place_or_words_with_the_reasons_most_alike_first() {
    let t = TestApp::new().await;
    let mut app = t.citizen("15100000045").await;
    let report = |title: &str, body: &str, region: &str, at: Option<(f64, f64)>| {
        let mut v = json!({
            "kind": "complaint", "category": "street_lights", "title": title, "body": body,
            "region": region, "public": false
        });
        if let Some((lat, lng)) = at {
            v["lat"] = json!(lat);
            v["lng"] = json!(lng);
        }
        v
    };
    let mut ids = Vec::new();
    for (n, body) in [
        // The case itself, in 浓洄街道.
        report(
            "渠江路路灯不亮",
            "渠江路路灯不亮，晚上很黑，老人走路不安全",
            "511602001",
            Some((30.4564, 106.6331)),
        ),
        // Same street, other words.
        report(
            "小区门口垃圾没人清理",
            "小区门口的垃圾堆了一个星期，没有人来清理",
            "511602001",
            None,
        ),
        // Another street, about 110 m away, other words.
        report(
            "人行道井盖松动",
            "人行道上的井盖踩上去会晃，怕有人摔倒",
            "511602002",
            Some((30.4574, 106.6331)),
        ),
        // Another district, far away, in similar words.
        report(
            "渠江路的路灯坏了",
            "渠江路那边的路灯坏了好几天，一直不亮",
            "511603001",
            Some((30.60, 106.70)),
        ),
        // Another district, far away, about something else.
        report(
            "学校门口缺少斑马线",
            "孩子上学要横穿马路，希望在校门口画斑马线",
            "511603001",
            Some((30.60, 106.70)),
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let r = ask(&mut app, body, &format!("alike-{n}")).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        ids.push(r.json()["id"].as_str().unwrap().to_owned());
    }
    let (mut dispatcher, _) = t.staff("pd9", Role::Dispatcher, None, "5116").await;
    let page = dispatcher
        .get(&format!("/console/inquiries/{}", ids[0]))
        .await
        .ok();
    let section = page
        .body
        .split("id=\"similar-title\"")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .unwrap_or_else(|| panic!("no similar section: {}", page.body));
    let at = |title: &str| section.find(title);
    assert!(at("学校门口缺少斑马线").is_none(), "{section}");
    let (words, nearby, street) = (
        at("渠江路的路灯坏了").expect("alike in words"),
        at("人行道井盖松动").expect("close by"),
        at("小区门口垃圾没人清理").expect("same street"),
    );
    assert!(
        words < street && nearby < street,
        "most alike first: {section}"
    );
    assert!(section.contains("内容相似"), "{section}");
    assert!(
        section.contains("相距约111米") || section.contains("相距约112米"),
        "{section}"
    );
    assert!(section.contains("同一街道"), "{section}");
    // Whoever only handles a department's queue is not shown candidates.
    let (mut handler, _) = t
        .staff("mz9", Role::Reviewer, Some(t.dept_a), "511602")
        .await;
    let other = handler.get(&format!("/console/inquiries/{}", ids[0])).await;
    assert!(!other.body.contains("similar-title"));
}

#[tokio::test]
async fn a_holiday_on_the_calendar_moves_the_answer_due_date_past_it() {
    let t = TestApp::new().await;
    let mut app = t.citizen("15100000046").await;
    let r = ask(&mut app, question(), "before-holiday").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let today = yiwang_domain::Timestamp::now().beijing_date();
    // Dates are ISO 8601, so they compare as text.
    let ordinary = r.json()["due_on"].as_str().unwrap().to_owned();
    assert!(
        ordinary <= (today + time::Duration::days(7)).to_string(),
        "{ordinary}"
    );

    // The administrator loads a calendar in which the next fourteen days are a holiday.
    let mut csv = String::from("date,kind,festival\n");
    for n in 1..=14 {
        csv.push_str(&format!(
            "{},holiday,测试假期\n",
            today + time::Duration::days(n)
        ));
    }
    let days = yiwang_domain::deadline::parse_calendar_csv(&csv).unwrap();
    let mut tx = t.store.begin().await.unwrap();
    t.store.load_calendar(&mut tx, &days, "test").await.unwrap();
    yiwang_store::commit(tx).await.unwrap();

    let r = ask(&mut app, question(), "over-holiday").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let moved = r.json()["due_on"].as_str().unwrap().to_owned();
    assert!(
        moved > (today + time::Duration::days(14)).to_string(),
        "due {moved}: the holiday's days are not counted"
    );
}

#[tokio::test]
async fn an_unsatisfied_asker_reopens_the_case_once_and_the_league_table_shows_it() {
    let t = TestApp::new().await;
    let admin = t
        .create_staff("adm7", Role::PlatformAdmin, None, "5116")
        .await;
    route(&t, "education", t.dept_a, admin).await;
    let mut app = t.citizen("15100000047").await;
    let r = ask(&mut app, question(), "reopen-1").await;
    let id = r.json()["id"].as_str().unwrap().to_owned();
    let (mut handler, _) = t
        .staff("mz7", Role::Reviewer, Some(t.dept_a), "511602")
        .await;
    let step = |action: &'static str, text: &'static str| json!({ "action": action, "text": text });
    for body in [step("acknowledge", ""), step("reply", "请到学校报名。")] {
        let r = handler
            .json(Method::POST, &format!("/api/v1/inquiries/{id}/steps"), body)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let verdict = format!("/api/v1/me/inquiries/{id}/verdict");
    // 不满意 without a reason: refused; with one: back to the department.
    let r = app
        .json(Method::POST, &verdict, json!({ "verdict": "unsatisfied" }))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let r = app
        .json(
            Method::POST,
            &verdict,
            json!({ "verdict": "unsatisfied", "reason": "没有说明需要带哪些材料" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_ne!(r.json()["state"], "closed", "reopened: {}", r.body);
    let r = handler
        .json(
            Method::POST,
            &format!("/api/v1/inquiries/{id}/steps"),
            step("reply", "请携带户口簿、房产证明和预防接种证到学校报名。"),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = app
        .json(Method::POST, &verdict, json!({ "verdict": "satisfied" }))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["state"], "closed");

    let league = t.client().get("/inquiries/league").await.ok();
    let row = league
        .body
        .split("<th scope=\"row\">区民政局</th>")
        .nth(1)
        .and_then(|s| s.split("</tr>").next())
        .unwrap_or_else(|| panic!("no row: {}", league.body));
    let cells: Vec<&str> = row
        .split("<td>")
        .skip(1)
        .map(|c| c.split("</td>").next().unwrap())
        .collect();
    // received, response, on time, satisfaction, reopen rate …
    assert_eq!(cells[0], "1", "{row}");
    assert_ne!(cells[4], "0%", "the reopen is counted: {row}");
}
