//! The console's online application builder (APP-1, APP-5) through its pages: a department's
//! editor adds and sets up a question, is told about a duplicate key with nothing changed,
//! cannot overwrite a colleague's save, previews the draft as applicants will see it, writes
//! and tries an instant-approval rule, adds a review step and publishes after a confirmation
//! page — then an applicant's form has the new question while an earlier case keeps its
//! version. Another department's editor and a citizen are refused.

use http::{Method, StatusCode};
use serde_json::{Value, json};
use yiwang_domain::application::ItemForm;
use yiwang_domain::auth::Role;
use yiwang_domain::ids::ItemId;

use crate::applications::{ITEM, NAME, PHONE};
use crate::support::{Client, Resp, TestApp, id_number};

/// What the error message says about a key used twice.
const DUPLICATE: &str = "这个标识已经用过了。";

fn first_form() -> ItemForm {
    serde_json::from_value(json!({
        "form": { "sections": [{
            "key": "applicant",
            "title": { "zh": "申请人" },
            "fields": [
                { "key": "name", "label": { "zh": "申请人姓名" },
                  "kind": { "type": "text", "max_len": 30 }, "required": true },
                { "key": "married", "label": { "zh": "婚姻状况" },
                  "kind": { "type": "choice", "options": [
                      { "value": "yes", "label": { "zh": "已婚" } },
                      { "value": "no", "label": { "zh": "未婚" } } ] } }
            ]
        }] },
        "workflow": { "steps": [{ "name": { "zh": "审核" }, "role": "reviewer" }] }
    }))
    .unwrap()
}

/// The draft revision a builder page carries in its forms.
fn revision(r: &Resp) -> String {
    const MARK: &str = "name=\"revision\" value=\"";
    let at = r
        .body
        .find(MARK)
        .unwrap_or_else(|| panic!("no revision on the page: {}", r.body));
    let rest = &r.body[at + MARK.len()..];
    rest[..rest.find('"').unwrap()].to_owned()
}

async fn draft_of(t: &TestApp, item: ItemId) -> Option<ItemForm> {
    t.store
        .form_versions(item)
        .await
        .unwrap()
        .into_iter()
        .find(|v| v.published_at.is_none())
        .map(|v| v.bundle)
}

/// Posts one change of a builder page with the page's current revision.
async fn change(c: &mut Client, page: &str, to: &str, fields: &[(&str, &str)]) -> Resp {
    let rev = revision(&c.get(page).await.ok());
    let mut all = vec![("revision", rev.as_str())];
    all.extend_from_slice(fields);
    c.post_form(to, &all).await
}

/// Posts one change of a builder page, as [`change`] does, and asserts the builder took it
/// (a redirect).
async fn change_ok(c: &mut Client, page: &str, to: &str, fields: &[(&str, &str)]) -> Resp {
    let r = change(c, page, to, fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    r
}

#[tokio::test]
async fn an_editor_builds_a_question_previews_tries_the_rules_and_publishes_it_to_applicants() {
    let t = TestApp::new().await;
    t.import_catalogue(&TestApp::real_catalogue(3, &[ITEM]))
        .await;
    let item = t.item_named(ITEM).id;
    let first = t.publish_form(item, &first_form()).await;
    let idn = id_number("51160219800101002");
    let mut citizen = t.verified_citizen(PHONE, NAME, &idn).await;
    let (mut editor, _) = t
        .staff("bian.ji", Role::DeptAdmin, Some(t.dept_a), "511602")
        .await;
    let base = format!("/console/items/{item}/form");

    // From the item's page to the builder; a draft starts as a copy of the version in use.
    let r = editor.get(&format!("/console/items/{item}")).await.ok();
    assert!(r.body.contains(&format!("href=\"{base}\"")) && r.body.contains("在线申请表单"));
    let r = editor.get(&base).await.ok();
    assert!(
        r.body.contains("正在使用") && r.body.contains("开始编辑"),
        "{}",
        r.body
    );
    let r = editor.post_form(&format!("{base}/draft"), &[]).await;
    assert_eq!(
        (r.status, r.location()),
        (StatusCode::SEE_OTHER, base.as_str())
    );
    assert_eq!(draft_of(&t, item).await.unwrap().form, first_form().form);
    assert!(editor.get(&base).await.body.contains("草稿（第 2 版）"));

    // A new question, then its settings: required, shown only to married applicants.
    let r = change_ok(
        &mut editor,
        &base,
        &format!("{base}/sections"),
        &[
            ("action", "add_field:0"),
            ("sections[0].new.key", "spouse_name"),
            ("sections[0].new.label.zh", "配偶姓名"),
            ("sections[0].new.kind", "text"),
        ],
    )
    .await;
    let field_page = format!("{base}/fields/spouse_name");
    assert!(r.location().starts_with(&field_page));
    change_ok(
        &mut editor,
        &field_page,
        &field_page,
        &[
            ("action", "save"),
            ("key", "spouse_name"),
            ("label.zh", "配偶姓名"),
            ("label.en", "Spouse's name"),
            ("kind", "text"),
            ("kind.max_len", "30"),
            ("required", "1"),
            ("visible_if.field", "married"),
            ("visible_if.any_of", "yes"),
        ],
    )
    .await;
    let saved = draft_of(&t, item).await.unwrap();
    let spouse = saved.form.field("spouse_name").unwrap();
    assert!(spouse.required);
    assert_eq!(spouse.label.en.as_deref(), Some("Spouse's name"));
    assert_eq!(spouse.visible_if.as_ref().unwrap().any_of, ["yes"]);

    // A second question with a key already used: told next to the key, nothing changed.
    let r = change(
        &mut editor,
        &base,
        &format!("{base}/sections"),
        &[
            ("action", "add_field:0"),
            ("sections[0].new.key", "name"),
            ("sections[0].new.label.zh", "另一个姓名"),
            ("sections[0].new.kind", "text"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("没有保存任何改动"));
    assert!(
        r.body
            .contains(&format!("id=\"f-sections-0-new-key-error\">{DUPLICATE}")),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("value=\"另一个姓名\""),
        "what was typed is kept"
    );
    assert_eq!(draft_of(&t, item).await.unwrap(), saved);
    // A condition on a question that does not exist, and an unreadable limit: both told.
    let r = change(
        &mut editor,
        &field_page,
        &field_page,
        &[
            ("action", "save"),
            ("key", "spouse_name"),
            ("label.zh", "配偶姓名"),
            ("kind", "text"),
            ("kind.max_len", "三十"),
            ("visible_if.field", "nobody"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("id=\"f-visible_if-field-error\""),
        "{}",
        r.body
    );
    assert!(r.body.contains("id=\"f-kind-max_len-error\""));
    assert_eq!(draft_of(&t, item).await.unwrap(), saved);

    // A colleague's save in between: the stale page cannot overwrite it.
    let stale = revision(&editor.get(&field_page).await);
    let (mut colleague, _) = t
        .staff("tong.shi", Role::DeptAdmin, Some(t.dept_a), "511602")
        .await;
    let r = change(
        &mut colleague,
        &base,
        &format!("{base}/sections"),
        &[("action", "section_up:0")],
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::SEE_OTHER,
        "moving the first section is harmless"
    );
    let r = editor
        .post_form(
            &field_page,
            &[
                ("revision", &stale),
                ("action", "save"),
                ("key", "spouse_name"),
                ("label.zh", "改掉"),
                ("kind", "text"),
                ("kind.max_len", "30"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("另一位同事刚刚保存了这份草稿"));
    assert_eq!(draft_of(&t, item).await.unwrap().form, saved.form);

    // The preview is the applicant's page, marked, with nothing to submit.
    let r = editor.get(&format!("{base}/preview")).await.ok();
    assert!(r.body.contains("预览") && r.body.contains(&format!("{base}/preview/applicant")));
    let r = editor.get(&format!("{base}/preview/applicant")).await.ok();
    assert!(r.body.contains("配偶姓名") && r.body.contains("预览不能保存，也不能提交"));
    assert!(
        r.body.contains("data-visible-if=\"married\""),
        "conditions work as for applicants"
    );
    assert!(!r.body.contains("保存并继续") && !r.body.contains("method=\"post\" enctype"));

    // A rule, written without code, and instant approval on; a dry run explains it.
    let r = editor
        .get(&format!("{base}/rules/_new?test=age"))
        .await
        .ok();
    assert!(r.body.contains("name=\"min\""));
    change_ok(
        &mut editor,
        &format!("{base}/rules"),
        &format!("{base}/rules/_new"),
        &[
            ("test", "age"),
            ("key", "adult"),
            ("label.zh", "申请人年满18周岁"),
            ("min", "18"),
        ],
    )
    .await;
    change_ok(
        &mut editor,
        &format!("{base}/rules"),
        &format!("{base}/rules"),
        &[("action", "instant"), ("instant", "1")],
    )
    .await;
    let child = id_number("51160220150101002");
    let r = editor
        .post_form(
            &format!("{base}/dry-run"),
            &[("_id_number", &child), ("married", "no")],
        )
        .await
        .ok();
    assert!(
        r.body.contains("不会秒批") && r.body.contains("未通过"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("身份证号码"),
        "the source of the age is shown"
    );
    let r = editor
        .post_form(&format!("{base}/dry-run"), &[("_id_number", &idn)])
        .await
        .ok();
    assert!(r.body.contains("全部规则通过，会秒批"));
    let r = editor
        .post_form(&format!("{base}/dry-run"), &[("_id_number", "123")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"f-_id_number-error\""));

    // A second review step, by the department admin.
    change_ok(
        &mut editor,
        &format!("{base}/workflow"),
        &format!("{base}/workflow"),
        &[
            ("action", "add"),
            ("steps[0].name.zh", "审核"),
            ("steps[0].role", "reviewer"),
            ("new.name.zh", "审批"),
            ("new.role", "dept_admin"),
        ],
    )
    .await;
    assert_eq!(draft_of(&t, item).await.unwrap().workflow.steps.len(), 2);

    // An application made now keeps the first version after publishing.
    let r = citizen
        .json(
            Method::POST,
            &format!("/api/v1/items/{item}/applications"),
            json!({ "form_version": first, "answers": { "name": NAME, "married": "no" } }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let case: String = r.json()["id"].as_str().unwrap().to_owned();

    // Published after the confirmation page.
    let r = editor.get(&format!("{base}/publish")).await.ok();
    assert!(r.body.contains("确认发布") && r.body.contains("第 2 版"));
    let rev = revision(&r);
    let r = editor
        .post_form(&format!("{base}/publish"), &[("revision", &rev)])
        .await;
    assert_eq!(
        (r.status, r.location()),
        (
            StatusCode::SEE_OTHER,
            format!("{base}?published=2").as_str()
        )
    );
    assert!(draft_of(&t, item).await.is_none());

    let form: Value = citizen
        .get(&format!("/api/v1/items/{item}/form"))
        .await
        .json();
    assert_eq!(form["version"], 2);
    assert_eq!(form["instant"], true);
    let page = citizen
        .get(&format!("/items/{item}/apply/applicant"))
        .await
        .ok();
    assert!(
        page.body.contains("配偶姓名"),
        "the applicant's form has the new question"
    );
    let stored = t.store.case(case.parse().unwrap()).await.unwrap().unwrap();
    assert_eq!(
        stored.form_version, first,
        "the earlier case keeps its version"
    );
}

#[tokio::test]
async fn another_departments_editor_and_a_citizen_cannot_open_or_change_the_builder() {
    let t = TestApp::new().await;
    t.import_catalogue(&TestApp::real_catalogue(3, &[ITEM]))
        .await;
    let item = t.item_named(ITEM).id;
    t.publish_form(item, &first_form()).await;
    let base = format!("/console/items/{item}/form");
    let (mut other, _) = t
        .staff("other.admin", Role::DeptAdmin, Some(t.dept_b), "511602")
        .await;
    for path in [
        base.clone(),
        format!("{base}/rules"),
        format!("{base}/preview"),
    ] {
        assert_eq!(
            other.get(&path).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let r = other.post_form(&format!("{base}/draft"), &[]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(draft_of(&t, item).await.is_none());

    let mut citizen = t.citizen(PHONE).await;
    assert_eq!(citizen.get(&base).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        citizen
            .post_form(&format!("{base}/draft"), &[])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert!(draft_of(&t, item).await.is_none());
}
