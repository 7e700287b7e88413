//! Asking and following (INQ-1, INQ-2): exactly once, routed by rule, only the asker reads it,
//! the department's loop to an answer, the verdict, the query code of an anonymous asker, and
//! the deadline watch.

use axum::http::{Method, StatusCode};
use yiwang_domain::auth::Role;
use yiwang_store::inquiries::InquiryRow;

use crate::support::*;

fn ask_fields<'a>(key: &'a str, kind: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("kind", kind),
        ("category", "street_lights"),
        ("title", "幸福路路灯不亮"),
        (
            "body",
            "幸福路12号门口的路灯已经三个晚上不亮了，行人看不清路。",
        ),
        ("region", "511602001"),
        ("address", "幸福路12号"),
        ("public", "1"),
        ("idempotency_key", key),
    ]
}

/// Street lights go to department A, by a rule a platform admin (`login`) sets.
async fn route_lights_to_dept_a(t: &TestApp, login: &str) {
    let admin = t
        .create_staff(login, Role::PlatformAdmin, None, "5116")
        .await;
    route(t, "street_lights", t.dept_a, admin).await;
}

/// A citizen asks about the street light on the form the site gives them; the stored inquiry.
async fn ask_about_the_light(t: &TestApp, citizen: &mut Client, kind: &str) -> InquiryRow {
    let form = citizen.get("/inquiries/new").await.ok();
    let key = input_value(&form.body, "idempotency_key");
    let r = citizen
        .post_form("/inquiries", &ask_fields(&key, kind))
        .await;
    let receipt = strong_after(&r.body, "受理编号");
    t.store.inquiry_by_receipt(&receipt).await.unwrap().unwrap()
}

#[tokio::test]
async fn a_citizen_asks_once_the_department_answers_and_the_citizen_rates_it() {
    let t = TestApp::new().await;
    route_lights_to_dept_a(&t, "admin1").await;
    let mut citizen = t.citizen("15100000011").await;

    let form = citizen.get("/inquiries/new").await.ok();
    assert!(form.body.contains("路灯照明"), "categories offered");
    let key = input_value(&form.body, "idempotency_key");
    let r = citizen
        .post_form("/inquiries", &ask_fields(&key, "complaint"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("已收到您的诉求"));
    let receipt = strong_after(&r.body, "受理编号");
    // A double tap (the same form posted again) is the same inquiry, not a second one.
    let again = citizen
        .post_form("/inquiries", &ask_fields(&key, "complaint"))
        .await;
    assert_eq!(strong_after(&again.body, "受理编号"), receipt);
    let mine = citizen.get("/account/inquiries").await.ok();
    assert_eq!(
        mine.body.matches("幸福路路灯不亮").count(),
        1,
        "{}",
        mine.body
    );
    let row = t.store.inquiry_by_receipt(&receipt).await.unwrap().unwrap();
    assert_eq!(row.department_id, Some(t.dept_a), "routed by the rule");

    // Nobody else reads it: another citizen, and staff of another department.
    let mut other = t.citizen("15100000012").await;
    let path = format!("/inquiries/{}", row.id);
    assert_eq!(other.get(&path).await.status, StatusCode::NOT_FOUND);
    let (mut stranger, _) = t
        .staff("rs1", Role::Reviewer, Some(t.dept_b), "511602")
        .await;
    let case = format!("/console/inquiries/{}", row.id);
    assert_eq!(stranger.get(&case).await.status, StatusCode::NOT_FOUND);

    // The department's handler finds it in the queue, acknowledges and answers.
    let (mut handler, _) = t
        .staff("mz1", Role::Reviewer, Some(t.dept_a), "511602")
        .await;
    let queue = handler.get("/console/inquiries").await.ok();
    assert!(queue.body.contains("幸福路路灯不亮"), "{}", queue.body);
    let page = handler.get(&case).await.ok();
    let revision = input_value(&page.body, "revision");
    let r = handler
        .post_form(&case, &[("action", "acknowledge"), ("revision", &revision)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // A page that still shows the old revision is refused, and nothing changes.
    let r = handler
        .post_form(
            &case,
            &[
                ("action", "reply"),
                ("text", "已修复，感谢反映。"),
                ("revision", &revision),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let r = take_step(
        &mut handler,
        &case,
        &[
            ("action", "reply"),
            (
                "text",
                "经现场查看，路灯线路老化，已于今日更换，恢复照明。感谢您的反映。",
            ),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // The citizen reads the answer and rates it; a verdict ends the loop.
    let page = citizen.get(&path).await.ok();
    assert!(page.body.contains("已于今日更换"), "{}", page.body);
    assert!(page.body.contains("您对答复满意吗"));
    let r = citizen
        .post_form(&format!("{path}/rate"), &[("verdict", "satisfied")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = citizen.get(&path).await.ok();
    assert!(page.body.contains("已办结"), "{}", page.body);
    assert!(!page.body.contains("您对答复满意吗"));
}

#[tokio::test]
async fn bad_input_is_explained_and_changes_nothing() {
    let t = TestApp::new().await;
    let mut citizen = t.citizen("15100000013").await;
    let form = citizen.get("/inquiries/new").await.ok();
    let key = input_value(&form.body, "idempotency_key");
    let mut fields = ask_fields(&key, "complaint");
    fields[2] = ("title", "");
    fields[4] = ("region", "110105");
    let r = citizen.post_form("/inquiries", &fields).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("href=\"#f-title\""), "{}", r.body);
    assert!(r.body.contains("href=\"#f-region\""), "{}", r.body);
    let mine = citizen.get("/account/inquiries").await.ok();
    assert!(mine.body.contains("还没有诉求"));
}

#[tokio::test]
async fn without_an_account_the_query_code_opens_it_and_a_petition_needs_a_name() {
    let t = TestApp::new().await;
    let mut someone = t.client();
    let form = someone.get("/inquiries/new").await.ok();
    assert!(
        !form.body.contains("value=\"petition\""),
        "no anonymous petitions offered"
    );
    let key = input_value(&form.body, "idempotency_key");
    let r = someone
        .post_form("/inquiries", &ask_fields(&key, "complaint"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let receipt = strong_after(&r.body, "受理编号");
    let code = strong_after(&r.body, "查询码");
    assert_eq!(code.len(), 8);

    let wrong = someone
        .post_form(
            "/inquiries/lookup",
            &[("receipt", &receipt), ("code", "00000000")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("受理编号或查询码不对"));
    let right = someone
        .post_form(
            "/inquiries/lookup",
            &[("receipt", &receipt), ("code", &code.to_lowercase())],
        )
        .await;
    assert_eq!(right.status, StatusCode::OK, "{}", right.body);
    assert!(right.body.contains("幸福路路灯不亮"));

    // A petition (信访) is never anonymous, even when posted by hand.
    let key2 = format!("{key}-2");
    let r = someone
        .post_form("/inquiries", &ask_fields(&key2, "petition"))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body.contains("href=\"#f-anonymous\"") || r.body.contains("f-anonymous"),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn an_unrouted_inquiry_waits_at_the_desk_and_the_watch_escalates_it_once() {
    let t = TestApp::new().await;
    let mut citizen = t.citizen("15100000014").await;
    let row = ask_about_the_light(&t, &mut citizen, "help").await;
    assert_eq!(row.department_id, None);

    let (mut dispatcher, _) = t.staff("pd1", Role::Dispatcher, None, "5116").await;
    let desk = dispatcher.get("/console/inquiries/desk").await.ok();
    assert!(desk.body.contains("幸福路路灯不亮"), "{}", desk.body);
    let case = format!("/console/inquiries/{}", row.id);
    let dept = t.dept_a.to_string();
    let r = take_step(
        &mut dispatcher,
        &case,
        &[("action", "route"), ("department", &dept)],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let desk = dispatcher.get("/console/inquiries/desk").await.ok();
    assert!(!desk.body.contains("幸福路路灯不亮"));

    // Past its due day: escalated once, with an entry in its history.
    sqlx::query("UPDATE inquiries SET due_on = '2020-01-02' WHERE id = $1")
        .bind(row.id.to_string())
        .execute(t.store.db.writer())
        .await
        .unwrap();
    let (_, overdue) = yiwang_jobs::inquiry_deadlines::watch(&t.store)
        .await
        .unwrap();
    assert_eq!(overdue, 1);
    let (_, overdue) = yiwang_jobs::inquiry_deadlines::watch(&t.store)
        .await
        .unwrap();
    assert_eq!(overdue, 0, "told once");
    let events = t.store.inquiry_events(row.id).await.unwrap();
    assert!(events.iter().any(|e| e.kind.as_str() == "escalated"));
    // It is on the supervisor's board for the region, not on another region's.
    let (mut supervisor, _) = t.staff("db1", Role::Supervisor, None, "511602").await;
    let board = supervisor.get("/console/inquiries/supervise").await.ok();
    assert!(board.body.contains("幸福路路灯不亮"), "{}", board.body);
    let (mut elsewhere, _) = t.staff("db2", Role::Supervisor, None, "511603").await;
    let board = elsewhere.get("/console/inquiries/supervise").await.ok();
    assert!(!board.body.contains("幸福路路灯不亮"));
}

#[tokio::test]
async fn a_hotline_operator_records_a_call_and_the_number_is_stored_encrypted() {
    let t = TestApp::new().await;
    let (mut operator, _) = t.staff("pd2", Role::Dispatcher, None, "5116").await;
    let form = operator.get("/console/inquiries/call").await.ok();
    let key = input_value(&form.body, "idempotency_key");
    let fields = [
        ("caller_phone", "13912345678"),
        ("caller_name", "王大爷"),
        ("kind", "complaint"),
        ("category", "city_appearance"),
        ("title", "小区门口垃圾没人清运"),
        (
            "body",
            "北辰街道幸福小区门口的垃圾已经三天没有清运，气味很大。",
        ),
        ("region", "511602002"),
        ("address", ""),
        ("idempotency_key", &key),
    ];
    let r = operator.post_form("/console/inquiries/call", &fields).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let receipt = strong_after(&r.body, "受理编号<br>");
    assert_eq!(strong_after(&r.body, "查询码<br>").len(), 8);
    let row = t.store.inquiry_by_receipt(&receipt).await.unwrap().unwrap();
    assert_eq!(row.channel.as_str(), "phone");
    let (raw,): (Vec<u8>,) = sqlx::query_as("SELECT contact_enc FROM inquiries WHERE id = $1")
        .bind(row.id.to_string())
        .fetch_one(t.store.db.reader())
        .await
        .unwrap();
    let plain = b"13912345678";
    assert!(
        !raw.is_empty() && !raw.windows(plain.len()).any(|w| w == plain),
        "encrypted at rest"
    );
    let contact = t.store.inquiry_contact(row.id).await.unwrap().unwrap();
    assert_eq!(contact.phone, "13912345678");
    // Not a number at all: explained, nothing stored.
    let mut bad = fields.to_vec();
    bad[0] = ("caller_phone", "abc");
    let r = operator.post_form("/console/inquiries/call", &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("href=\"#f-caller_phone\""), "{}", r.body);
}

#[tokio::test]
async fn the_dispatcher_merges_a_similar_report_and_both_askers_hear_the_answer() {
    let t = TestApp::new().await;
    let mut first = t.citizen("15100000021").await;
    let mut second = t.citizen("15100000022").await;
    let mut ids = Vec::new();
    for c in [&mut first, &mut second] {
        ids.push(ask_about_the_light(&t, c, "help").await.id);
    }
    let (mut dispatcher, _) = t.staff("pd3", Role::Dispatcher, None, "5116").await;
    let case = format!("/console/inquiries/{}", ids[1]);
    let page = dispatcher.get(&case).await.ok();
    assert!(page.body.contains("相似的未办结诉求"), "{}", page.body);
    let revision = input_value(&page.body, "revision");
    let into = ids[0].to_string();
    let r = dispatcher
        .post_form(
            &case,
            &[
                ("action", "merge"),
                ("into", &into),
                ("revision", &revision),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // The first is routed and answered; the second asker hears it too.
    let master = format!("/console/inquiries/{}", ids[0]);
    let dept = t.dept_a.to_string();
    take_step(
        &mut dispatcher,
        &master,
        &[("action", "route"), ("department", &dept)],
    )
    .await;
    let (mut handler, _) = t
        .staff("mz3", Role::Reviewer, Some(t.dept_a), "511602")
        .await;
    for (action, text) in [
        ("acknowledge", ""),
        ("reply", "已安排维修人员今晚更换灯具。"),
    ] {
        let r = take_step(&mut handler, &master, &[("action", action), ("text", text)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{action}: {}", r.body);
    }
    t.drain().await;
    let messages = second.get("/account/messages").await.ok();
    assert!(
        messages.body.contains("幸福路路灯不亮"),
        "{}",
        messages.body
    );
    assert!(messages.body.contains("答复"), "{}", messages.body);
    let own_receipt = t.store.inquiry(ids[1]).await.unwrap().unwrap().receipt;
    assert!(
        messages.body.contains(&own_receipt),
        "told about their own inquiry: {}",
        messages.body
    );
    // On their own page they read the answer and rate it, as the first asker may.
    let page = second.get(&format!("/inquiries/{}", ids[1])).await.ok();
    assert!(
        page.body.contains("已安排维修人员今晚更换灯具"),
        "{}",
        page.body
    );
    let r = second
        .post_form(
            &format!("/inquiries/{}/rate", ids[1]),
            &[("verdict", "satisfied")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

#[tokio::test]
async fn an_answer_nobody_rates_closes_after_the_verdict_window() {
    let t = TestApp::new().await;
    route_lights_to_dept_a(&t, "adm7").await;
    let mut citizen = t.citizen("15100000061").await;
    let row = ask_about_the_light(&t, &mut citizen, "help").await;
    let (mut handler, _) = t
        .staff("mz7", Role::Reviewer, Some(t.dept_a), "511602")
        .await;
    let case = format!("/console/inquiries/{}", row.id);
    for (action, text) in [("acknowledge", ""), ("reply", "已安排维修，今晚恢复照明。")]
    {
        take_step(&mut handler, &case, &[("action", action), ("text", text)]).await;
    }
    // Within the window nothing closes; once it has passed, the inquiry closes once.
    assert_eq!(
        yiwang_inquiries::jobs::close_due(&t.state).await.unwrap(),
        0
    );
    sqlx::query("UPDATE inquiries SET replied_on = '2020-01-02' WHERE id = $1")
        .bind(row.id.to_string())
        .execute(t.store.db.writer())
        .await
        .unwrap();
    assert_eq!(
        yiwang_inquiries::jobs::close_due(&t.state).await.unwrap(),
        1
    );
    assert_eq!(
        yiwang_inquiries::jobs::close_due(&t.state).await.unwrap(),
        0
    );
    let page = citizen.get(&format!("/inquiries/{}", row.id)).await.ok();
    assert!(page.body.contains("已办结"), "{}", page.body);
    assert!(!page.body.contains("您对答复满意吗"));
}

#[tokio::test]
async fn a_handler_acknowledges_several_at_once_and_filters_the_queue() {
    let t = TestApp::new().await;
    route_lights_to_dept_a(&t, "adm8").await;
    let mut citizen = t.citizen("15100000071").await;
    let mut rows = Vec::new();
    for _ in 0..2 {
        rows.push(ask_about_the_light(&t, &mut citizen, "complaint").await);
    }
    let (mut handler, _) = t
        .staff("mz8", Role::Reviewer, Some(t.dept_a), "511602")
        .await;
    handler.get("/console/inquiries").await.ok();
    let picks: Vec<String> = rows
        .iter()
        .map(|r| format!("{}:{}", r.id, r.revision))
        .collect();
    let fields: Vec<(&str, &str)> = picks.iter().map(|p| ("pick", p.as_str())).collect();
    let r = handler
        .post_form("/console/inquiries/acknowledge", &fields)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/console/inquiries?acknowledged=2");
    // The same picks again: their revisions moved on, so nothing happens twice.
    let r = handler
        .post_form("/console/inquiries/acknowledge", &fields)
        .await;
    assert_eq!(r.location(), "/console/inquiries?acknowledged=0");
    let handling = handler.get("/console/inquiries?state=handling").await.ok();
    assert_eq!(
        handling.body.matches("幸福路路灯不亮").count(),
        2,
        "{}",
        handling.body
    );
    let overdue = handler.get("/console/inquiries?overdue=1").await.ok();
    assert!(!overdue.body.contains("幸福路路灯不亮"));
}

/// Posts text fields and files (name, file name, bytes) as a multipart form, the client's
/// anti-forgery token in the query.
async fn post_multipart(
    c: &mut Client,
    path: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &str, &[u8])],
) -> Resp {
    let csrf = c.csrf.clone().unwrap();
    let (ct, body) = multipart(fields, files);
    c.request(
        Method::POST,
        &format!("{path}?_csrf={csrf}"),
        Some(&ct),
        body,
        &[],
    )
    .await
}

/// A multipart body of text fields and files (name, file name, bytes).
fn multipart(fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "yiwang-inquiry-test";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    for (name, file, bytes) in files {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\x0f\0\0\x01\x01\0\x05\x18\xd8N\0\0\0\0IEND\xaeB`\x82";

#[tokio::test]
async fn photos_go_with_the_inquiry_and_only_its_asker_and_handlers_see_them() {
    let t = TestApp::new().await;
    let mut citizen = t.citizen("15100000081").await;
    let form = citizen.get("/inquiries/new").await.ok();
    let key = input_value(&form.body, "idempotency_key");
    let mut fields = ask_fields(&key, "complaint");
    fields.push(("lat", "30.4564"));
    fields.push(("lng", "106.6331"));
    // A file that is not an image: refused, nothing stored.
    let r = post_multipart(
        &mut citizen,
        "/inquiries",
        &fields,
        &[("photos", "a.exe", b"MZ\x90\0not an image")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("href=\"#f-photos\""), "{}", r.body);

    let r = post_multipart(
        &mut citizen,
        "/inquiries",
        &fields,
        &[("photos", "灯.png", PNG), ("photos", "灯2.png", PNG)],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let receipt = strong_after(&r.body, "受理编号");
    let row = t.store.inquiry_by_receipt(&receipt).await.unwrap().unwrap();
    assert_eq!(row.location, Some((30_456_400, 106_633_100)));
    let page = citizen.get(&format!("/inquiries/{}", row.id)).await.ok();
    assert_eq!(
        page.body.matches("<img src=\"/inquiries/").count(),
        2,
        "{}",
        page.body
    );
    let at = page.body.find("<img src=\"").unwrap() + 10;
    let src = page.body[at..].split('"').next().unwrap().to_owned();
    let photo = citizen.get(&src).await.ok();
    assert_eq!(photo.headers["content-type"], "image/png");
    assert_eq!(photo.headers["x-content-type-options"], "nosniff");
    let mut other = t.citizen("15100000082").await;
    assert_eq!(other.get(&src).await.status, StatusCode::NOT_FOUND);
    let (mut dispatcher, _) = t.staff("pd8", Role::Dispatcher, None, "5116").await;
    let staff_src = src.replacen("/inquiries/", "/console/inquiries/", 1);
    assert_eq!(dispatcher.get(&staff_src).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_petition_is_accepted_answered_and_its_petitioner_asks_for_a_review() {
    let t = TestApp::new().await;
    let admin = t
        .create_staff("adm9", Role::PlatformAdmin, None, "5116")
        .await;
    route(&t, "labour", t.dept_b, admin).await;
    let mut petitioner = t
        .verified_citizen("15100000091", "李四", &id_number("51160219850101000"))
        .await;
    let form = petitioner.get("/inquiries/new").await.ok();
    assert!(
        form.body.contains("value=\"petition\""),
        "a citizen with an account may petition"
    );
    let key = input_value(&form.body, "idempotency_key");
    let fields = [
        ("kind", "petition"),
        ("category", "labour"),
        ("title", "工地拖欠工资三个月"),
        (
            "body",
            "我在某工地做工，工资已经拖欠三个月，多次找项目部没有结果。",
        ),
        ("region", "511602001"),
        ("idempotency_key", key.as_str()),
    ];
    let r = petitioner.post_form("/inquiries", &fields).await;
    let receipt = strong_after(&r.body, "受理编号");
    let row = t.store.inquiry_by_receipt(&receipt).await.unwrap().unwrap();
    let (mut handler, _) = t
        .staff("rs9", Role::DeptAdmin, Some(t.dept_b), "511602")
        .await;
    let case = format!("/console/inquiries/{}", row.id);
    let page = handler.get(&case).await.ok();
    assert!(
        page.body.contains("受理（信访）"),
        "the petition's own steps are offered"
    );
    for (action, text) in [
        ("acknowledge", ""),
        ("accept", ""),
        ("reply", "经调查，已责令项目部于本月底前结清工资。"),
    ] {
        let r = take_step(&mut handler, &case, &[("action", action), ("text", text)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{action}: {}", r.body);
    }
    let path = format!("/inquiries/{}", row.id);
    let page = petitioner.get(&path).await.ok();
    assert!(page.body.contains("申请复查"), "{}", page.body);
    let r = petitioner
        .post_form(
            &format!("{path}/review"),
            &[("reason", "工资至今没有结清，请复查。")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = petitioner.get(&path).await.ok();
    assert!(!page.body.contains("提交复查申请"), "asked once");
    let after = t.store.inquiry(row.id).await.unwrap().unwrap();
    assert!(after.review_requested);
}

#[tokio::test]
async fn an_answer_carries_its_attachments_to_the_asker() {
    let t = TestApp::new().await;
    route_lights_to_dept_a(&t, "adm10").await;
    let mut citizen = t.citizen("15100000101").await;
    let row = ask_about_the_light(&t, &mut citizen, "help").await;
    let (mut handler, _) = t
        .staff("mz10", Role::Reviewer, Some(t.dept_a), "511602")
        .await;
    let case = format!("/console/inquiries/{}", row.id);
    take_step(&mut handler, &case, &[("action", "acknowledge")]).await;
    let page = handler.get(&case).await.ok();
    let revision = input_value(&page.body, "revision");
    let text = "维修记录见附件。";
    let fields = [
        ("action", "reply"),
        ("text", text),
        ("revision", revision.as_str()),
    ];
    // An executable is no attachment: refused, nothing answered.
    let r = post_multipart(
        &mut handler,
        &case,
        &fields,
        &[("files", "记录.exe", b"MZ\x90\0")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let r = post_multipart(
        &mut handler,
        &case,
        &fields,
        &[("files", "记录.pdf", SMALL_PDF)],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = citizen.get(&format!("/inquiries/{}", row.id)).await.ok();
    let at = page.body.find("/files/").expect("an attachment link");
    let start = page.body[..at].rfind('"').unwrap() + 1;
    let href = page.body[start..].split('"').next().unwrap().to_owned();
    let file = citizen.get(&href).await.ok();
    assert_eq!(file.headers["content-type"], "application/pdf");
    assert_eq!(file.headers["content-disposition"], "attachment");
}
