//! Disclosure on request (依申请公开): a request registered with its due day on the
//! platform's calendar, clarified, extended once, answered 部分公开 with the reason, counted in
//! the annual report; a late one told to the supervisors once.

use axum::http::StatusCode;
use yiwang_domain::Timestamp;
use yiwang_domain::auth::Role;
use yiwang_domain::deadline::{Deadline, parse_calendar_csv};
use yiwang_domain::disclosure::due;

use crate::support::*;

fn request_id(location: &str) -> String {
    location
        .strip_prefix("/account/disclosure/")
        .and_then(|x| x.split('?').next())
        .unwrap()
        .to_owned()
}

async fn act(c: &mut Client, id: &str, fields: &[(&str, &str)]) -> Resp {
    let page = c.get(&format!("/console/disclosure/{id}")).await.ok();
    let revision = input_value(&page.body, "revision");
    let mut f = fields.to_vec();
    f.push(("revision", &revision));
    c.post_form(&format!("/console/disclosure/{id}"), &f).await
}

#[tokio::test]
async fn a_request_is_clarified_extended_answered_in_part_and_counted_in_the_annual_report() {
    let t = TestApp::new().await;
    // A holiday over the next week, loaded like the official calendar.
    let today = Timestamp::now().beijing_date();
    let mut csv = String::from("date,kind,festival\n");
    for n in 1..=7 {
        csv.push_str(&format!(
            "{},holiday,测试假期\n",
            today + time::Duration::days(n)
        ));
    }
    let mut tx = t.store.begin().await.unwrap();
    t.store
        .load_calendar(&mut tx, &parse_calendar_csv(&csv).unwrap(), "test")
        .await
        .unwrap();
    yiwang_store::commit(tx).await.unwrap();
    let calendar = t.store.calendar().await.unwrap();
    let Deadline::Due { date: expected, .. } = due(&calendar, today, false, &[]) else {
        panic!("paused")
    };

    let mut citizen = t.citizen("15100000081").await;
    citizen.get("/disclosure/new").await.ok();
    let dept = t.dept_a.to_string();
    // Too vague: refused in words, nothing registered.
    let r = citizen
        .post_form(
            "/disclosure",
            &[
                ("department", &dept),
                ("description", "低保"),
                ("form", "electronic"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        error_summary(&r.body).contains("href=\"#f-description\""),
        "{}",
        r.body
    );
    let r = citizen
        .post_form(
            "/disclosure",
            &[
                ("department", &dept),
                ("description", "请公开2025年本区城乡低保资金的使用情况"),
                ("form", "electronic"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id = request_id(r.location());
    let page = citizen.get(&format!("/account/disclosure/{id}")).await.ok();
    assert!(
        page.body.contains(&expected.to_string()),
        "due {expected}, 20 working days after the holiday: {}",
        page.body
    );
    // Another citizen cannot see it.
    let mut other = t.citizen("15100000082").await;
    assert_eq!(
        other.get(&format!("/account/disclosure/{id}")).await.status,
        StatusCode::NOT_FOUND
    );

    let (mut clerk, _) = t
        .staff("xin.xi", Role::Reviewer, Some(t.dept_a), "511602")
        .await;
    let r = act(
        &mut clerk,
        &id,
        &[("action", "clarify"), ("text", "请说明需要哪几个月的数据")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = citizen.get(&format!("/account/disclosure/{id}")).await.ok();
    assert!(page.body.contains("等待补正，期限暂停"), "{}", page.body);
    let revision = input_value(&page.body, "revision");
    let r = citizen
        .post_form(
            &format!("/account/disclosure/{id}/clarify"),
            &[("text", "全年12个月的数据"), ("revision", &revision)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let r = act(
        &mut clerk,
        &id,
        &[("action", "extend"), ("text", "需要征求财政部门的意见")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let Deadline::Due { date: extended, .. } = due(&calendar, today, true, &[]) else {
        panic!("paused")
    };
    assert!(
        citizen
            .get(&format!("/account/disclosure/{id}"))
            .await
            .ok()
            .body
            .contains(&extended.to_string())
    );
    let again = act(
        &mut clerk,
        &id,
        &[("action", "extend"), ("text", "再延长一次")],
    )
    .await;
    assert_ne!(again.status, StatusCode::SEE_OTHER, "extended only once");

    // The disclosed part goes as an attached PDF; a file that is not a document is refused.
    clerk.get(&format!("/console/disclosure/{id}")).await.ok();
    let files = format!("/console/disclosure/{id}/files");
    let r = post_parts(
        &mut clerk,
        &files,
        &[Part::File(
            "file",
            "run.exe",
            "application/pdf",
            b"MZ\x90\x00 not a pdf",
        )],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        error_summary(&r.body).contains("href=\"#f-file\""),
        "{}",
        r.body
    );
    let r = post_parts(
        &mut clerk,
        &files,
        &[Part::File(
            "file",
            "低保资金.pdf",
            "application/pdf",
            SMALL_PDF,
        )],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let case = clerk
        .get(&format!("/console/disclosure/{id}"))
        .await
        .ok()
        .body;
    let link = case
        .split(&format!("href=\"{files}/"))
        .nth(1)
        .and_then(|s| s.split('"').next())
        .map(|f| format!("{files}/{f}"))
        .unwrap_or_else(|| panic!("no file link: {case}"));
    let staff_copy = clerk.get(&link).await;
    assert_eq!(staff_copy.status, StatusCode::OK);
    let mine = link.replace("/console/disclosure/", "/account/disclosure/");
    assert_eq!(
        citizen.get(&mine).await.status,
        StatusCode::NOT_FOUND,
        "not before the answer"
    );

    // 部分公开 needs the reason.
    let r = act(
        &mut clerk,
        &id,
        &[
            ("action", "answer"),
            ("answer_type", "partly_disclosed"),
            ("text", "附件为可以公开的部分。"),
            ("reason", ""),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        error_summary(&r.body).contains("不予公开的理由"),
        "{}",
        r.body
    );
    let r = act(
        &mut clerk,
        &id,
        &[
            ("action", "answer"),
            ("answer_type", "partly_disclosed"),
            ("text", "附件为可以公开的部分。"),
            ("reason", "其中个人信息依照第十五条不予公开。"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = citizen.get(&format!("/account/disclosure/{id}")).await.ok();
    assert!(
        page.body.contains("部分公开") && page.body.contains("第十五条"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains(&format!("href=\"{mine}\"")),
        "{}",
        page.body
    );
    let file = citizen.get(&mine).await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(file.headers["content-type"], "application/pdf");
    assert!(
        file.headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );
    assert!(file.body.starts_with("%PDF"));
    assert_eq!(other.get(&mine).await.status, StatusCode::NOT_FOUND);
    t.drain().await;
    assert!(
        citizen
            .get("/api/v1/me/messages")
            .await
            .ok()
            .json()
            .to_string()
            .contains("已答复")
    );

    let report = clerk
        .get(&format!("/console/disclosure/report?year={}", today.year()))
        .await
        .ok();
    let row = report
        .body
        .split("<th scope=\"row\">区民政局</th>")
        .nth(1)
        .and_then(|s| s.split("</tr>").next())
        .unwrap_or_else(|| panic!("no row: {}", report.body));
    // received 1; disclosed 0, partly 1, …; late 0; carried over 0.
    assert!(row.starts_with("<td>1</td><td>0</td><td>1</td>"), "{row}");
}

#[tokio::test]
async fn a_late_request_is_told_to_the_supervisors_once() {
    let t = TestApp::new().await;
    let mut citizen = t.citizen("15100000083").await;
    citizen.get("/disclosure/new").await.ok();
    let dept = t.dept_a.to_string();
    let r = citizen
        .post_form(
            "/disclosure",
            &[
                ("department", &dept),
                ("description", "请公开本区2025年度部门预算"),
                ("form", "paper"),
            ],
        )
        .await;
    let id = request_id(r.location());
    let (mut supervisor, _) = t.staff("du.ban", Role::Supervisor, None, "511602").await;
    sqlx::query("UPDATE disclosure_requests SET due_on = '2020-01-02' WHERE id = $1")
        .bind(id.as_str())
        .execute(t.store.db.writer())
        .await
        .unwrap();
    let watch = yiwang_publishing::services::disclosure::watch;
    assert_eq!(watch(&t.store).await.unwrap(), 1);
    assert_eq!(watch(&t.store).await.unwrap(), 0, "told once");
    t.drain().await;
    let inbox = supervisor
        .get("/api/v1/me/messages")
        .await
        .ok()
        .json()
        .to_string();
    assert!(inbox.contains("已超期"), "{inbox}");
}
