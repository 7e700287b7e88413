//! Applying through the pages as a browser does (issue 12): errors that name their question
//! and link to it, credit codes and bank cards checked as the platform checks them, 修改 from
//! the check page returning there, and the anti-forgery token kept out of the address bar.

use http::{Method, StatusCode};
use serde_json::json;
use yiwang_domain::application::ItemForm;

use crate::applications::{ITEM, NAME, PHONE};
use crate::support::{Client, Resp, TestApp, error_summary_items, id_number, input_value};

/// Three sections: who (the name filled from the account, a contact typed), money (a credit
/// code, a bank card, a choice and two declarations), and a note.
fn form() -> ItemForm {
    serde_json::from_value(json!({
        "form": { "sections": [
            { "key": "who", "title": { "zh": "申请人" }, "fields": [
                { "key": "name", "label": { "zh": "申请人姓名" },
                  "kind": { "type": "text", "max_len": 30, "multiline": false }, "required": true,
                  "prefill": { "from": "account", "value": "name" } },
                { "key": "contact", "label": { "zh": "联系人姓名" },
                  "kind": { "type": "text", "max_len": 30, "multiline": false }, "required": true }
            ] },
            { "key": "money", "title": { "zh": "发放" }, "fields": [
                { "key": "employer_credit_code", "label": { "zh": "原单位统一社会信用代码" },
                  "kind": { "type": "credit_code" } },
                { "key": "bank_account", "label": { "zh": "银行卡号" },
                  "kind": { "type": "bank_card" }, "required": true },
                { "key": "payout", "label": { "zh": "领取方式" },
                  "kind": { "type": "choice", "options": [
                      { "value": "bank", "label": { "zh": "银行卡" } },
                      { "value": "card", "label": { "zh": "社保卡" } } ] }, "required": true },
                { "key": "promises", "label": { "zh": "承诺" },
                  "kind": { "type": "multi_choice", "min": 2, "max": 0, "options": [
                      { "value": "true", "label": { "zh": "本人承诺所填信息真实" } },
                      { "value": "seeking", "label": { "zh": "本人有求职要求" } } ] },
                  "required": true }
            ] },
            { "key": "more", "title": { "zh": "补充" }, "fields": [
                { "key": "note", "label": { "zh": "备注" },
                  "kind": { "type": "text", "max_len": 200, "multiline": true } }
            ] }
        ] },
        "workflow": { "steps": [ { "name": { "zh": "审核" }, "role": "reviewer" } ] }
    }))
    .unwrap()
}

struct Filling {
    t: TestApp,
    c: Client,
    base: String,
    version: i64,
}

async fn filling() -> Filling {
    let t = TestApp::new().await;
    t.import_catalogue(&TestApp::real_catalogue(3, &[ITEM]))
        .await;
    let row = t.item_named(ITEM);
    let version = t.publish_form(row.id, &form()).await;
    let mut c = t
        .verified_citizen(PHONE, NAME, &id_number("51160219800101002"))
        .await;
    let base = format!("/items/{}/apply", row.id);
    c.get(&base).await;
    Filling {
        t,
        c,
        base,
        version,
    }
}

/// Posts a section as the page's form does: `multipart/form-data`, the token as its first
/// field, nothing in the query.
async fn post_section(c: &mut Client, path: &str, fields: &[(&str, &str)]) -> Resp {
    let page = c.get(path).await.ok();
    let version = input_value(&page.body, "form_version");
    let boundary = "yiwang-apply-pages";
    let csrf = c.csrf.clone().unwrap();
    let mut all = vec![("_csrf", csrf.as_str()), ("form_version", version.as_str())];
    if page.body.contains("name=\"_return\" value=\"check\"") {
        all.push(("_return", "check"));
    }
    all.extend_from_slice(fields);
    let mut body = String::new();
    for (k, v) in all {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
        ));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    let action = form_action(&page.body);
    assert!(
        !action.contains("_csrf"),
        "the token is in the action: {action}"
    );
    c.request(
        Method::POST,
        &action,
        Some(&format!("multipart/form-data; boundary={boundary}")),
        body.into_bytes(),
        &[],
    )
    .await
}

fn form_action(page: &str) -> String {
    let at = page.find("id=\"apply-form\"").unwrap();
    let start = page[..at].rfind("<form").unwrap();
    let tag = &page[start..at];
    let a = tag.find("action=\"").unwrap() + 8;
    tag[a..a + tag[a..].find('"').unwrap()].replace("&amp;", "&")
}

#[tokio::test]
async fn every_error_names_its_question_and_links_to_it() {
    let mut f = filling().await;
    let who = format!("{}/who", f.base);
    let r = post_section(&mut f.c, &who, &[("action", "continue")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(
        error_summary_items(&r.body),
        vec![("#f-contact".to_owned(), "请填写联系人姓名。".to_owned())]
    );
    assert!(!r.body.contains("请填写这一项"));

    let money = format!("{}/money", f.base);
    let r = post_section(
        &mut f.c,
        &money,
        &[("promises", "true"), ("action", "continue")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let items = error_summary_items(&r.body);
    assert_eq!(
        items,
        vec![
            ("#f-bank_account".to_owned(), "请填写银行卡号。".to_owned()),
            ("#f-payout".to_owned(), "请选择领取方式。".to_owned()),
            (
                "#f-promises".to_owned(),
                "请勾选：本人有求职要求".to_owned()
            ),
        ],
        "{}",
        r.body
    );
    // Each link has its field on the page.
    for (href, _) in &items {
        assert!(r.body.contains(&format!("id=\"{}", &href[1..])), "{href}");
    }
}

#[tokio::test]
async fn a_credit_code_and_a_bank_card_are_checked_as_the_platform_checks_them() {
    let mut f = filling().await;
    let money = format!("{}/money", f.base);
    let wrong = [
        ("employer_credit_code", "12345"),
        ("bank_account", "1234"),
        ("payout", "bank"),
        ("promises", "true"),
        ("promises", "seeking"),
        ("action", "continue"),
    ];
    let r = post_section(&mut f.c, &money, &wrong).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let items = error_summary_items(&r.body);
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(items[0].0, "#f-employer_credit_code");
    assert!(
        items[0]
            .1
            .starts_with("原单位统一社会信用代码：统一社会信用代码不正确")
    );
    assert_eq!(items[1].0, "#f-bank_account");
    assert!(items[1].1.starts_with("银行卡号：银行卡号不正确"));
    // A check digit off by one is caught too.
    let r = post_section(
        &mut f.c,
        &money,
        &[
            ("employer_credit_code", "91511602MA62000001"),
            ("bank_account", "6222 0202 0011 2233 441"),
            ("payout", "bank"),
            ("promises", "true"),
            ("promises", "seeking"),
            ("action", "continue"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error_summary_items(&r.body).len(),
        2,
        "{:?}",
        error_summary_items(&r.body)
    );

    let code = format!(
        "91511602MA6200000{}",
        yiwang_domain::identity::credit_code::check_char("91511602MA6200000").unwrap()
    );
    let body = "622202020011223344";
    let card = format!(
        "{body}{}",
        yiwang_domain::identity::bank_card::check_digit(body).unwrap()
    );
    let r = post_section(
        &mut f.c,
        &money,
        &[
            ("employer_credit_code", &code.to_lowercase()),
            ("bank_account", &card),
            ("payout", "bank"),
            ("promises", "true"),
            ("promises", "seeking"),
            ("action", "continue"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("{}/more", f.base));
}

#[tokio::test]
async fn change_from_the_check_page_returns_there_and_prefilled_answers_have_no_change_link() {
    let mut f = filling().await;
    let r = post_section(
        &mut f.c,
        &format!("{}/who", f.base),
        &[("contact", "李四"), ("action", "continue")],
    )
    .await;
    assert_eq!(r.location(), format!("{}/money", f.base));
    let card = format!(
        "622202020011223344{}",
        yiwang_domain::identity::bank_card::check_digit("622202020011223344").unwrap()
    );
    let r = post_section(
        &mut f.c,
        &format!("{}/money", f.base),
        &[
            ("bank_account", &card),
            ("payout", "card"),
            ("promises", "true"),
            ("promises", "seeking"),
            ("action", "continue"),
        ],
    )
    .await;
    assert_eq!(r.location(), format!("{}/more", f.base));
    let check = f.c.get(&format!("{}/check", f.base)).await.ok().body;
    assert!(check.contains(NAME));
    // The name comes from the account: no 修改 for it; the contact has one.
    assert!(
        !check.contains("#f-name\""),
        "a 修改 link for the prefilled name"
    );
    let change = format!("{}/who?from=check#f-contact", f.base);
    assert!(check.contains(&change), "{check}");

    // 修改 → save → back on the check page, not on to the next section.
    let r = post_section(
        &mut f.c,
        &format!("{}/who?from=check", f.base),
        &[("contact", "王五"), ("action", "continue")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("{}/check", f.base));
    let check = f.c.get(r.location()).await.ok().body;
    assert!(check.contains("王五"));
    drop(f.t);
}

#[tokio::test]
async fn after_an_error_on_a_form_with_files_the_token_is_not_in_the_address() {
    let mut f = filling().await;
    let who = format!("{}/who", f.base);
    let page = f.c.get(&who).await.ok().body;
    assert_eq!(form_action(&page), who);
    // The page drawn with errors is drawn at the form's address, which carries no token.
    let r = post_section(&mut f.c, &who, &[("action", "continue")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!form_action(&r.body).contains("_csrf"));

    // Without the token, or with a wrong one, nothing is saved.
    let boundary = "b";
    let forged = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"contact\"\r\n\r\nx\r\n--{boundary}--\r\n"
    );
    for body in [
        forged,
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nnot-the-token\r\n--{boundary}--\r\n"
        ),
    ] {
        let r =
            f.c.request(
                Method::POST,
                &who,
                Some(&format!("multipart/form-data; boundary={boundary}")),
                body.into_bytes(),
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    }
}
