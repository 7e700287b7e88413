//! What a citizen and a clerk read (the walk-through of issue 12): one name for the receipt
//! number (办件编号) and the query code (查询码), both in the text message the tracking page
//! points to; a case approved but not yet delivered is not 办结; a phone filled from the
//! account does not claim to be real-name data; an approval records the benefit's amount and
//! months and the certificate states them under labels of its own and ends with them; the
//! public verification page speaks to people, not developers.

use http::StatusCode;
use serde_json::{Value, json};
use yiwang_domain::application::ItemForm;
use yiwang_domain::auth::Role;
use yiwang_domain::paging::Page;

use crate::applications::{id, my_case, submit};
use crate::support::{Client, TestApp, id_number};

const ITEM: &str = "失业保险金申领";
const PHONE: &str = "13822223333";

/// The unemployment benefit in small: the question why the job ended, the approver's decision
/// (monthly amount, months), a certificate stating all three for the months decided.
fn benefit_form() -> ItemForm {
    serde_json::from_value(json!({
        "form": { "sections": [{ "key": "applicant", "title": { "zh": "申请人" }, "fields": [
            { "key": "name", "label": { "zh": "申请人姓名" },
              "kind": { "type": "text", "max_len": 30, "multiline": false }, "required": true,
              "prefill": { "from": "account", "value": "name" } },
            { "key": "phone", "label": { "zh": "联系电话" }, "kind": { "type": "phone" },
              "required": true, "prefill": { "from": "account", "value": "phone" } },
            { "key": "separation_reason", "label": { "zh": "为什么没了工作", "en": "Why the job ended" },
              "kind": { "type": "choice", "options": [
                  { "value": "dismissed", "label": { "zh": "被单位辞退", "en": "Dismissed by the employer" } }] },
              "required": true }
        ] }] },
        "workflow": { "steps": [{ "name": { "zh": "核定待遇" }, "role": "dept_admin" }] },
        "decision": { "key": "benefit", "title": { "zh": "核定失业保险待遇" }, "fields": [
            { "key": "monthly_amount", "label": { "zh": "每月失业保险金" },
              "kind": { "type": "number", "min": 1, "max": 20000, "decimals": 2, "unit": { "zh": "元" } },
              "required": true },
            { "key": "benefit_months", "label": { "zh": "领取期限" },
              "kind": { "type": "number", "min": 1, "max": 24, "decimals": 0, "unit": { "zh": "个月" } },
              "required": true }
        ] },
        "certificate": { "type": "unemployment_benefit", "name": { "zh": "失业保险金领取核定结果" },
            "fields": ["separation_reason", "monthly_amount", "benefit_months"],
            "labels": { "separation_reason": { "zh": "失业原因", "en": "Reason for unemployment" } },
            "valid_months": "benefit_months" }
    }))
    .unwrap()
}

struct Benefit {
    t: TestApp,
    item: String,
    version: i64,
    citizen: Client,
    head: Client,
}

async fn benefit() -> Benefit {
    let t = TestApp::new().await;
    t.import_catalogue(&TestApp::real_catalogue(3, &[ITEM]))
        .await;
    let row = t.item_named(ITEM);
    let version = t.publish_form(row.id, &benefit_form()).await;
    let citizen = t
        .verified_citizen(PHONE, "李建国", &id_number("51160219750312003"))
        .await;
    let (head, _) = t
        .staff("rsj.head", Role::DeptAdmin, Some(row.department), "511602")
        .await;
    Benefit {
        item: row.id.to_string(),
        t,
        version,
        citizen,
        head,
    }
}

impl Benefit {
    async fn submitted(&mut self) -> Value {
        let answers = json!({ "separation_reason": "dismissed" });
        let r = submit(&mut self.citizen, &self.item, self.version, answers, None).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        r.json()
    }

    /// A step through the API at the case's current revision.
    async fn step(&mut self, case: &str, step: Value, decision: Value) -> Value {
        let revision = my_case(&mut self.citizen, case).await["case"]["revision"]
            .as_i64()
            .unwrap();
        let r = self
            .head
            .json(
                http::Method::POST,
                &format!("/api/v1/cases/{case}/actions"),
                json!({ "revision": revision, "step": step, "decision": decision }),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{step}: {}", r.body);
        r.json()
    }
}

#[tokio::test]
async fn the_submission_text_message_gives_the_receipt_number_and_query_code_the_tracking_page_asks_for()
 {
    let mut w = benefit().await;
    let case = w.submitted().await;
    let receipt = case["receipt"].as_str().unwrap().to_owned();
    let code = my_case(&mut w.citizen, &id(&case)).await["verification_code"]
        .as_str()
        .unwrap()
        .to_owned();
    w.t.drain().await;
    let sms =
        w.t.store
            .dev_messages(Some(PHONE), Page::new(Some(1), Some(10), 10).unwrap())
            .await
            .unwrap();
    let received = sms
        .iter()
        .find(|m| m.body.contains(&receipt))
        .expect("a text message with the receipt number");
    assert!(
        received.body.contains(&format!("办件编号 {receipt}")),
        "{}",
        received.body
    );
    assert!(
        received.body.contains(&format!("查询码 {code}")),
        "{}",
        received.body
    );

    // The tracking page says where both are, in the same words, and they open the case.
    let mut anyone = w.t.client();
    let form = anyone.get("/track").await.ok();
    for words in ["办件编号", "查询码", "短信"] {
        assert!(form.body.contains(words), "{words}");
    }
    let tracked = anyone
        .post_form("/track", &[("receipt", &receipt), ("code", &code)])
        .await;
    assert_eq!(tracked.status, StatusCode::OK, "{}", tracked.body);
    assert!(tracked.body.contains(ITEM));

    // The confirmation page and the case page use the same two names.
    for page in [
        format!("/account/cases/{}/done", id(&case)),
        format!("/account/cases/{}", id(&case)),
    ] {
        let body = w.citizen.get(&page).await.ok().body;
        assert!(
            body.contains("办件编号") && body.contains("查询码"),
            "{page}"
        );
        assert!(
            !body.contains("受理编号") && !body.contains("查询验证码"),
            "{page}"
        );
    }
}

#[tokio::test]
async fn a_phone_filled_from_the_account_does_not_claim_to_be_real_name_data() {
    let mut w = benefit().await;
    // A form of one section opens on it.
    let start = w.citizen.get(&format!("/items/{}/apply", w.item)).await;
    let start = w.citizen.get(start.location()).await.ok();
    assert!(start.body.contains("来自您的实名信息"), "the name is");
    assert!(
        start.body.contains("来自您账号的手机号"),
        "the phone is the account's"
    );
    assert_eq!(start.body.matches("来自您的实名信息").count(), 1);
}

#[tokio::test]
async fn an_approval_records_amount_and_months_and_the_certificate_states_them_until_its_end() {
    let mut w = benefit().await;
    let case = w.submitted().await;
    let cid = id(&case);
    w.step(&cid, json!({ "action": "accept" }), json!({})).await;

    // On the case page the approval asks for the decision; without it, it is refused.
    let page = w.head.get(&format!("/console/cases/{cid}")).await.ok();
    assert!(page.body.contains("核定失业保险待遇"));
    assert!(page.body.contains("每月失业保险金（元）") && page.body.contains("领取期限（个月）"));
    let revision = my_case(&mut w.citizen, &cid).await["case"]["revision"]
        .as_i64()
        .unwrap()
        .to_string();
    let post = |amount: &'static str| {
        vec![
            ("action", "approve"),
            ("revision", revision.as_str()),
            ("note", ""),
            ("decision.monthly_amount", amount),
            ("decision.benefit_months", "12"),
        ]
    };
    let refused = w
        .head
        .post_form(&format!("/console/cases/{cid}"), &post(""))
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(refused.body.contains("f-approve-decision.monthly_amount"));
    let done = w
        .head
        .post_form(&format!("/console/cases/{cid}"), &post("1850"))
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);

    // Approved, not yet delivered: not 办结.
    let progress = w.citizen.get(&format!("/account/cases/{cid}")).await.ok();
    assert!(progress.body.contains("已批准，等待送达"));
    assert!(progress.body.contains("批准于") && !progress.body.contains("办结于"));
    w.step(
        &cid,
        json!({ "action": "deliver", "method": "electronic", "tracking": null }),
        json!({}),
    )
    .await;
    let progress = w.citizen.get(&format!("/account/cases/{cid}")).await.ok();
    assert!(progress.body.contains("办结于"));

    // The certificate states the decision under its own labels and ends with the months.
    let wallet = w.citizen.get("/api/v1/me/certificates").await.ok().json();
    let cert = &wallet[0];
    let today = yiwang_domain::Timestamp::now().beijing_date();
    let twelve = json!({ "benefit_months": "12" });
    let expected = benefit_form()
        .certificate
        .unwrap()
        .valid_until(today, twelve.as_object().unwrap())
        .unwrap()
        .to_string();
    let until = cert["expires_on"].as_str().expect("the benefit ends");
    assert_eq!(until, expected, "12 months from today");
    let page = format!("/account/certificates/{}", cert["id"].as_str().unwrap());
    let shown = w.citizen.get(&page).await.ok();
    for words in [
        "失业原因",
        "被单位辞退",
        "每月失业保险金",
        "1850",
        "元",
        "领取期限",
        "12 个月",
        until,
    ] {
        assert!(shown.body.contains(words), "{words}");
    }
    assert!(!shown.body.contains("为什么没了工作") && !shown.body.contains("长期有效"));
    let english = w.citizen.get(&format!("{page}?lang=en")).await.ok();
    assert!(english.body.contains("Reason for unemployment"));
    assert!(english.body.contains("Dismissed by the employer"));

    // Whoever checks it by its code sees what a verifier needs, not the decision's data
    // (that only through a share link of the holder's).
    let token = cert["token"].as_str().unwrap();
    let mut clerk = w.t.client();
    let verified = clerk
        .get(&format!("/verify?c={}", crate::support::urlencode(token)))
        .await
        .ok();
    assert!(verified.body.contains(until), "{}", verified.body);
    assert!(!verified.body.contains("被单位辞退") && !verified.body.contains("1850"));
}

#[tokio::test]
async fn the_public_verification_page_speaks_to_citizens_and_clerks() {
    let w = benefit().await;
    let mut anyone = w.t.client();
    for lang in ["zh-Hans", "zh-Hant", "en"] {
        let page = anyone.get(&format!("/verify?lang={lang}")).await.ok();
        for developer in [
            "docs/CERTIFICATES.md",
            "YWC1",
            "keys.json</a>",
            "revocations.json</a>",
        ] {
            assert!(!page.body.contains(developer), "{lang}: {developer}");
        }
    }
    let page = anyone.get("/verify?lang=zh-Hans").await.ok();
    assert!(page.body.contains("离线核验数据") && page.body.contains("公钥清单"));
}
