//! An investor asks a county's investment office; its staff see the question with its due
//! day, answer it; the investor reads the answer in their account; nobody else sees it.

use http::StatusCode;
use yiwang_domain::auth::Role;

use crate::support::*;

#[tokio::test]
async fn an_investor_asks_the_office_answers_and_only_the_investor_reads_it() {
    let t = TestApp::new().await;
    t.load_calendar().await;
    let mut e = editor(&t, "editor.ga", "511602").await;
    let dept = t.dept_a.to_string();
    let r = save_page(&mut e, "511602", &[("invest_office", dept.as_str())]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let project = published_project(&mut e, "511602", "食品产业园标准厂房").await;

    // Signed out, the form sends the reader to log in.
    let r = t.client().get("/regions/511602/invest/ask").await;
    assert!(r.status.is_redirection(), "{}", r.status);

    let mut investor = t.citizen("13900000001").await;
    let form = investor
        .get(&format!("/regions/511602/invest/ask?project={project}"))
        .await
        .ok();
    assert!(form.body.contains("区民政局"), "the office is named");
    // Bad input: every problem at once, nothing stored.
    let r = investor
        .post_form(
            "/regions/511602/invest/ask",
            &[
                ("project", "0190f0f0-0000-7000-8000-000000000000"),
                ("subject", "地"),
                ("body", ""),
                ("name", ""),
                ("phone", "123"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_summary_items(&r.body).len(), 5, "{}", r.body);
    assert!(t.store.invest_queue(&[t.dept_a]).await.unwrap().is_empty());
    let r = investor
        .post_form(
            "/regions/511602/invest/ask",
            &[
                ("project", project.as_str()),
                ("subject", "标准厂房租金和用地指标"),
                ("body", "请问园区标准厂房的租金是多少？是否还有用地指标？"),
                ("name", "王投资"),
                ("phone", "13700000007"),
                ("company", "四川某食品有限公司"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mine = r.location().to_owned();
    let id = mine.rsplit('/').next().unwrap().to_owned();
    let row = t.store.invest_queue(&[t.dept_a]).await.unwrap().remove(0);
    assert_eq!(row.id.to_string(), id);
    // The name and phone are not in the row's clear columns.
    let raw: String = sqlx_text(&t, &id).await;
    assert!(!raw.contains("王投资") && !raw.contains("13700000007"));
    let page = investor.get(&mine).await.ok();
    assert!(page.body.contains(&row.due_on), "due day shown");
    assert!(row.due_on > yiwang_domain::Timestamp::now().beijing_date().to_string());

    // Another citizen gets not found; an editor of the region has no queue.
    let mut other = t.citizen("13900000002").await;
    assert_eq!(other.get(&mine).await.status, StatusCode::NOT_FOUND);
    assert!(
        !other
            .get("/account/investment")
            .await
            .ok()
            .body
            .contains("标准厂房租金")
    );
    assert_eq!(
        e.get("/console/investment").await.status,
        StatusCode::FORBIDDEN
    );

    // Staff of another department see nothing and may not answer.
    let (mut elsewhere, _) = t
        .staff("reviewer.b", Role::Reviewer, Some(t.dept_b), "511602")
        .await;
    let q = elsewhere.get("/console/investment").await.ok();
    assert!(!q.body.contains("标准厂房租金"));
    assert_eq!(
        elsewhere
            .get(&format!("/console/investment/{id}"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let r = elsewhere
        .post_form(
            &format!("/console/investment/{id}/reply"),
            &[("reply", "越权答复")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // The office's reviewer sees it with its due day and the investor's contact, answers.
    let (mut office, _) = t
        .staff("reviewer.a", Role::Reviewer, Some(t.dept_a), "511602")
        .await;
    let home = office.get("/console").await.ok();
    assert!(home.body.contains("待答复的投资咨询"), "{}", home.body);
    let q = office.get("/console/investment").await.ok();
    assert!(q.body.contains("标准厂房租金") && q.body.contains(&row.due_on));
    let one = office.get(&format!("/console/investment/{id}")).await.ok();
    assert!(one.body.contains("王投资") && one.body.contains("13700000007"));
    // The investor sees that the office read their details.
    let log = investor.get("/account/access-log").await.ok();
    assert!(log.body.contains("查看投资咨询及联系方式"), "{}", log.body);
    let r = office
        .post_form(&format!("/console/investment/{id}/reply"), &[("reply", "")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = office
        .post_form(
            &format!("/console/investment/{id}/reply"),
            &[("reply", "标准厂房租金每月每平方米12元，用地指标充足。")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Answered once.
    let r = office
        .post_form(
            &format!("/console/investment/{id}/reply"),
            &[("reply", "第二次答复")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);

    let page = investor.get(&mine).await.ok();
    assert!(page.body.contains("每月每平方米12元"), "{}", page.body);
    assert!(!page.body.contains("第二次答复"));
    let list = investor.get("/account/investment").await.ok();
    assert!(list.body.contains("已答复"));
    t.drain().await;
    let inbox = investor.get("/account/messages").await.ok();
    assert!(inbox.body.contains("投资咨询已答复"), "{}", inbox.body);
    assert_eq!(other.get(&mine).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_region_without_an_investment_office_has_no_form() {
    let t = TestApp::new().await;
    let mut investor = t.citizen("13900000001").await;
    assert_eq!(
        investor.get("/regions/511603/invest/ask").await.status,
        StatusCode::NOT_FOUND
    );
    let r = investor
        .post_form(
            "/regions/511603/invest/ask",
            &[
                ("subject", "用地"),
                ("body", "请问有没有用地？"),
                ("name", "王投资"),
                ("phone", "13700000007"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let page = t.client().get("/regions/511603/invest").await.ok();
    assert!(!page.body.contains("/invest/ask"));
}

/// Every stored byte of the inquiry's row (the encrypted contact as bytes), as lossy text.
async fn sqlx_text(t: &TestApp, id: &str) -> String {
    use sqlx::Row;
    let row = sqlx::query("SELECT subject, body, region_code, due_on, contact_enc FROM invest_inquiries WHERE id = $1")
        .bind(id.to_owned())
        .fetch_one(t.store.db.reader())
        .await
        .unwrap();
    let blob: Vec<u8> = row.try_get("contact_enc").unwrap();
    assert!(!blob.is_empty());
    let mut text = String::new();
    for c in ["subject", "body", "region_code", "due_on"] {
        text.push_str(&row.try_get::<String, _>(c).unwrap());
    }
    text.push_str(&String::from_utf8_lossy(&blob));
    text
}
