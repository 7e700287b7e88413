//! Submitting a whole form: what is shown, what is required, what is stored.

use serde_json::json;

use super::*;

fn submit(answers: &Answers) -> Result<Answers, FieldErrors> {
    with_ctx(|ctx| subsidy_form().validate(answers, ctx))
}

fn errors_of(answers: &Answers) -> Vec<(String, &'static str)> {
    listed(&submit(answers).unwrap_err())
}

#[test]
fn good_answers_are_stored_in_their_normal_form() {
    let clean = submit(&good_answers()).unwrap();
    assert_eq!(
        Value::Object(clean),
        json!({
            "name": "张三",
            "id_number": ID,
            "phone": "13800138000",
            "home": { "region": "511602", "detail": "建设路 1 号" },
            "married": "no",
            "members": [{ "name": "张小明", "relation": "child", "school": "实验小学" }],
            "income": "1200.50",
            "needs": ["rent"],
            "proof": ["scan"],
        })
    );
}

#[test]
fn a_spouses_name_is_required_only_when_married_is_chosen() {
    let mut a = good_answers();
    assert!(submit(&a).is_ok());
    a.insert("married".into(), json!("yes"));
    assert_eq!(errors_of(&a), [("spouse_name".into(), "required")]);
    a.insert("spouse_name".into(), json!("李四"));
    assert_eq!(submit(&a).unwrap()["spouse_name"], "李四");
}

#[test]
fn a_hidden_fields_answer_is_dropped() {
    let mut a = good_answers();
    a.insert("spouse_name".into(), json!("李四"));
    a.insert("wed_on".into(), json!("not even a date"));
    let clean = submit(&a).unwrap();
    assert!(!clean.contains_key("spouse_name"));
    assert!(!clean.contains_key("wed_on"));
}

#[test]
fn hiding_cascades_through_a_hidden_controlling_field() {
    // "married" is hidden unless the applicant is an adult; the spouse's name then stays
    // hidden even though a stale "married: yes" was posted.
    let def = form(vec![section(
        "main",
        vec![
            field("adult", choice(&["yes", "no"])),
            shown_if(field("married", choice(&["yes", "no"])), "adult", &["yes"]),
            shown_if(
                required(field("spouse_name", text(50))),
                "married",
                &["yes"],
            ),
        ],
    )]);
    let a = answers(json!({ "adult": "no", "married": "yes" }));
    let clean = with_ctx(|ctx| def.validate(&a, ctx)).unwrap();
    assert_eq!(Value::Object(clean), json!({ "adult": "no" }));
}

#[test]
fn a_multiple_choice_shows_a_field_when_any_listed_value_is_picked() {
    let def = form(vec![section(
        "main",
        vec![
            field(
                "needs",
                json!({ "type": "multi_choice", "options": options(&["rent", "care"]) }),
            ),
            shown_if(required(field("landlord", text(50))), "needs", &["rent"]),
        ],
    )]);
    let a = answers(json!({ "needs": ["care", "rent"] }));
    let errors = with_ctx(|ctx| def.validate(&a, ctx)).unwrap_err();
    assert_eq!(listed(&errors), [("landlord".into(), "required")]);
}

#[test]
fn unknown_keys_are_dropped() {
    let mut a = good_answers();
    a.insert("is_admin".into(), json!(true));
    assert!(!submit(&a).unwrap().contains_key("is_admin"));
}

#[test]
fn every_kind_of_empty_counts_as_not_answered() {
    for empty in [json!(null), json!(""), json!("   "), json!([])] {
        let mut a = good_answers();
        a.insert("name".into(), empty.clone());
        assert_eq!(errors_of(&a), [("name".into(), "required")], "{empty}");
    }
    let mut a = good_answers();
    a.remove("name");
    a.insert("home".into(), json!({ "region": "", "detail": " " }));
    a.insert("proof".into(), json!([]));
    assert_eq!(
        errors_of(&a),
        [
            ("name".into(), "required"),
            ("home".into(), "required"),
            ("proof".into(), "required"),
        ]
    );
}

#[test]
fn an_optional_empty_answer_is_left_out() {
    let mut a = good_answers();
    a.insert("phone".into(), json!(" "));
    a.insert("needs".into(), json!([]));
    a.insert("notes".into(), json!(null));
    let clean = submit(&a).unwrap();
    for key in ["phone", "needs", "notes"] {
        assert!(!clean.contains_key(key), "{key}");
    }
}

#[test]
fn every_problem_is_reported_at_once_in_form_order() {
    let a = answers(json!({
        "name": "张三\u{0}",
        "id_number": "110105194912310021",
        "phone": "12345",
        "home": { "region": "5116", "detail": "" },
        "married": "perhaps",
        "members": [{ "name": "", "relation": "child" }, { "name": "李四", "relation": "boss" }],
        "income": "1e3",
        "needs": ["rent", "school", "care"],
        "proof": ["nope"],
    }));
    assert_eq!(
        errors_of(&a),
        [
            ("name".into(), "invalid_characters"),
            ("id_number".into(), "id_number_checksum"),
            ("phone".into(), "invalid_phone"),
            ("home.region".into(), "wrong_region_level"),
            ("home.detail".into(), "required"),
            ("married".into(), "invalid_choice"),
            ("members[0].name".into(), "required"),
            ("members[1].relation".into(), "invalid_choice"),
            ("income".into(), "invalid_number"),
            ("needs".into(), "too_many"),
            ("proof".into(), "unknown_file"),
        ]
    );
}

#[test]
fn a_group_member_is_shown_by_its_own_entrys_answers() {
    let mut a = good_answers();
    a.insert(
        "members".into(),
        json!([
            { "name": "王芳", "relation": "spouse", "school": "dropped" },
            { "name": "张小明", "relation": "child", "school": "实验小学" },
        ]),
    );
    let clean = submit(&a).unwrap();
    assert_eq!(
        clean["members"],
        json!([
            { "name": "王芳", "relation": "spouse" },
            { "name": "张小明", "relation": "child", "school": "实验小学" },
        ])
    );
}

#[test]
fn a_group_member_may_be_shown_by_an_earlier_field_of_the_form() {
    let def = form(vec![section(
        "main",
        vec![
            field("housing", choice(&["rent", "own"])),
            field(
                "members",
                json!({ "type": "group", "max": 3, "fields": [
                    field("name", text(20)),
                    shown_if(required(field("rent_share", text(20))), "housing", &["rent"]),
                ]}),
            ),
        ],
    )]);
    let a = answers(json!({ "housing": "rent", "members": [{ "name": "甲" }] }));
    let errors = with_ctx(|ctx| def.validate(&a, ctx)).unwrap_err();
    assert_eq!(
        listed(&errors),
        [("members[0].rent_share".into(), "required")]
    );
    let a = answers(json!({ "housing": "own", "members": [{ "name": "甲" }] }));
    assert!(with_ctx(|ctx| def.validate(&a, ctx)).is_ok());
}

#[test]
fn a_group_counts_its_entries() {
    let entry = json!({ "name": "甲", "relation": "parent" });
    let mut a = good_answers();
    a.insert("members".into(), json!([entry, entry, entry, entry]));
    assert_eq!(errors_of(&a), [("members".into(), "too_many")]);

    let def = form(vec![section(
        "main",
        vec![field(
            "members",
            json!({ "type": "group", "min": 2, "max": 3, "fields": [field("name", text(20))] }),
        )],
    )]);
    let a = answers(json!({ "members": [{ "name": "甲" }] }));
    let errors = with_ctx(|ctx| def.validate(&a, ctx)).unwrap_err();
    assert_eq!(listed(&errors), [("members".into(), "too_few")]);
}

#[test]
fn wrong_shapes_are_refused_not_guessed() {
    let mut a = good_answers();
    a.insert("home".into(), json!("建设路 1 号"));
    a.insert("members".into(), json!({ "name": "甲" }));
    a.insert("needs".into(), json!("rent"));
    a.insert("married".into(), json!(["no"]));
    assert_eq!(
        errors_of(&a),
        [
            ("home".into(), "invalid_choice"),
            ("married".into(), "invalid_choice"),
            ("members".into(), "invalid_choice"),
            ("needs".into(), "invalid_choice"),
        ]
    );
    let mut a = good_answers();
    a.insert("members".into(), json!(["甲"]));
    assert_eq!(errors_of(&a), [("members[0]".into(), "invalid_choice")]);
}
