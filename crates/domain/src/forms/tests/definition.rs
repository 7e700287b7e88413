//! Staff write forms in the console; a broken definition is refused before it is saved.

use serde_json::json;

use super::*;
use crate::FieldCode;

fn refused(def: &FormDef) -> Vec<(String, &'static str)> {
    listed(&def.check().unwrap_err())
}

fn one_section(fields: Vec<Value>) -> FormDef {
    form(vec![section("main", fields)])
}

#[test]
fn the_subsidy_form_is_a_valid_definition() {
    assert_eq!(subsidy_form().check(), Ok(()));
}

#[test]
fn a_form_needs_a_section_and_each_section_a_question() {
    assert_eq!(refused(&form(vec![])), [("sections".into(), "required")]);
    assert_eq!(
        refused(&form(vec![section("empty", vec![])])),
        [("sections[0].fields".into(), "required")]
    );
}

#[test]
fn keys_must_be_well_formed_and_unique() {
    let def = form(vec![
        section(
            "about_you",
            vec![field("name", text(10)), field("Name", text(10))],
        ),
        section(
            "about_you",
            vec![field("name", text(10)), field("9lives", text(10))],
        ),
        section("x".repeat(41).as_str(), vec![field("ok", text(10))]),
    ]);
    assert_eq!(
        refused(&def),
        [
            ("sections[0].fields[1].key".into(), "invalid_key"),
            ("sections[1].key".into(), "duplicate_key"),
            ("sections[1].fields[0].key".into(), "duplicate_key"),
            ("sections[1].fields[1].key".into(), "invalid_key"),
            ("sections[2].key".into(), "invalid_key"),
        ]
    );
}

#[test]
fn group_members_need_unique_keys_only_within_their_group() {
    let group = |members: Vec<Value>| json!({ "type": "group", "max": 5, "fields": members });
    let def = one_section(vec![
        field("name", text(10)),
        field("members", group(vec![field("name", text(10))])),
    ]);
    assert_eq!(def.check(), Ok(()));
    let def = one_section(vec![field(
        "members",
        group(vec![field("name", text(10)), field("name", text(10))]),
    )]);
    assert_eq!(
        refused(&def),
        [(
            "sections[0].fields[0].kind.fields[1].key".into(),
            "duplicate_key"
        )]
    );
}

#[test]
fn labels_need_chinese_and_stay_short() {
    let mut def = one_section(vec![field("a", text(10)), field("b", text(10))]);
    def.sections[0].title.zh = "  ".into();
    def.sections[0].fields[0].label.zh = "问".repeat(201);
    def.sections[0].fields[1].label.en = Some("Tab\there".into());
    assert_eq!(
        refused(&def),
        [
            ("sections[0].title.zh".into(), "required"),
            ("sections[0].fields[0].label.zh".into(), "too_long"),
            (
                "sections[0].fields[1].label.en".into(),
                "invalid_characters"
            ),
        ]
    );
}

#[test]
fn limits_of_each_kind_stay_within_the_platforms_bounds() {
    let def = one_section(vec![
        field("short", text(0)),
        field("long", text(2001)),
        field(
            "money",
            json!({ "type": "number", "decimals": 5, "min": 10, "max": 1 }),
        ),
        field(
            "when",
            json!({ "type": "date", "past_only": true, "future_only": true }),
        ),
        field(
            "scan",
            json!({ "type": "file", "accept": [], "max_bytes": 20 * 1024 * 1024 + 1,
                    "max_files": 11 }),
        ),
        field(
            "kids",
            json!({ "type": "group", "min": 3, "max": 2,
                              "fields": [field("name", text(10))] }),
        ),
        field("crowd", json!({ "type": "group", "max": 51, "fields": [] })),
    ]);
    let at = |i: usize, part: &str| format!("sections[0].fields[{i}].kind.{part}");
    assert_eq!(
        refused(&def),
        [
            (at(0, "max_len"), "out_of_range"),
            (at(1, "max_len"), "out_of_range"),
            (at(2, "decimals"), "out_of_range"),
            (at(2, "min"), "out_of_range"),
            (at(3, "future_only"), "invalid_choice"),
            (at(4, "max_bytes"), "out_of_range"),
            (at(4, "max_files"), "out_of_range"),
            (at(4, "accept"), "required"),
            (at(5, "min"), "out_of_range"),
            (at(6, "max"), "out_of_range"),
            (at(6, "fields"), "required"),
        ]
    );
}

#[test]
fn choices_need_options_with_unique_well_formed_values() {
    let many: Vec<String> = (0..101).map(|i| format!("o{i}")).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    let def = one_section(vec![
        field("none", choice(&[])),
        field("too_many", choice(&many)),
        field("bad", choice(&["yes", "Yes", "yes", ""])),
        field(
            "picks",
            json!({ "type": "multi_choice", "options": options(&["a", "b"]), "min": 3 }),
        ),
        field(
            "upside_down",
            json!({ "type": "multi_choice", "options": options(&["a", "b"]), "min": 2,
                    "max": 1 }),
        ),
    ]);
    let at = |i: usize, part: &str| format!("sections[0].fields[{i}].kind.{part}");
    assert_eq!(
        refused(&def),
        [
            (at(0, "options"), "required"),
            (at(1, "options"), "too_many"),
            (at(2, "options[1].value"), "invalid_key"),
            (at(2, "options[2].value"), "duplicate_key"),
            (at(2, "options[3].value"), "invalid_key"),
            (at(2, "options[3].label.zh"), "required"),
            (at(3, "min"), "out_of_range"),
            (at(4, "min"), "out_of_range"),
        ]
    );
}

#[test]
fn a_definition_whose_condition_points_at_a_later_field_is_refused() {
    let def = one_section(vec![
        shown_if(field("spouse_name", text(50)), "married", &["yes"]),
        field("married", choice(&["yes", "no"])),
    ]);
    assert_eq!(
        refused(&def),
        [(
            "sections[0].fields[0].visible_if.field".into(),
            "unknown_field"
        )]
    );
}

#[test]
fn a_condition_may_point_at_an_earlier_section() {
    let def = form(vec![
        section("a", vec![field("married", choice(&["yes", "no"]))]),
        section(
            "b",
            vec![shown_if(
                field("spouse_name", text(50)),
                "married",
                &["yes"],
            )],
        ),
    ]);
    assert_eq!(def.check(), Ok(()));
}

#[test]
fn a_condition_names_a_choice_field_and_only_its_options() {
    let def = one_section(vec![
        field("name", text(10)),
        field("married", choice(&["yes", "no"])),
        shown_if(field("a", text(10)), "name", &["x"]),
        shown_if(field("b", text(10)), "married", &["yes", "maybe"]),
        shown_if(field("c", text(10)), "married", &[]),
        shown_if(field("d", text(10)), "d", &["yes"]),
    ]);
    let at = |i: usize, part: &str| format!("sections[0].fields[{i}].visible_if.{part}");
    assert_eq!(
        refused(&def),
        [
            (at(2, "field"), "invalid_choice"),
            (at(3, "any_of[1]"), "invalid_choice"),
            (at(4, "any_of"), "required"),
            (at(5, "field"), "unknown_field"),
        ]
    );
}

#[test]
fn a_group_member_may_depend_on_an_earlier_member_or_an_earlier_field() {
    let members = vec![
        field("relation", choice(&["child", "parent"])),
        shown_if(field("school", text(10)), "relation", &["child"]),
        shown_if(field("pension", text(10)), "housing", &["rent"]),
        shown_if(field("late", text(10)), "after", &["x"]),
    ];
    let def = one_section(vec![
        field("housing", choice(&["rent", "own"])),
        field(
            "members",
            json!({ "type": "group", "max": 5, "fields": members }),
        ),
        field("after", choice(&["x"])),
    ]);
    assert_eq!(
        refused(&def),
        [(
            "sections[0].fields[1].kind.fields[3].visible_if.field".into(),
            "unknown_field"
        )]
    );
}

#[test]
fn groups_do_not_nest_but_may_hold_files() {
    let inner = json!({ "type": "group", "max": 2, "fields": [field("x", text(5))] });
    let file = json!({ "type": "file", "accept": ["pdf"], "max_bytes": 1000, "max_files": 1 });
    let def = one_section(vec![field(
        "members",
        json!({ "type": "group", "max": 5, "fields": [field("inner", inner), field("scan", file)] }),
    )]);
    assert_eq!(
        refused(&def),
        [(
            "sections[0].fields[0].kind.fields[0].kind".into(),
            "invalid_choice"
        )]
    );
}

#[test]
fn account_prefills_fit_only_the_field_that_holds_that_value() {
    let prefilled = |mut f: Value, p: Value| {
        f["prefill"] = p;
        f
    };
    let account = |v: &str| json!({ "from": "account", "value": v });
    let def = one_section(vec![
        prefilled(field("name", text(50)), account("name")),
        prefilled(
            field("id", json!({ "type": "id_number" })),
            account("id_number"),
        ),
        prefilled(
            field("mobile", json!({ "type": "phone" })),
            account("phone"),
        ),
        prefilled(field("wrong", text(50)), account("id_number")),
        prefilled(
            field("licence", text(50)),
            json!({ "from": "certificate", "cert_type": "nurse_practice", "field": "number" }),
        ),
        prefilled(
            field("bad_cert", text(50)),
            json!({ "from": "certificate", "cert_type": "Nurse", "field": "" }),
        ),
    ]);
    assert_eq!(
        refused(&def),
        [
            ("sections[0].fields[3].prefill".into(), "invalid_choice"),
            (
                "sections[0].fields[5].prefill.cert_type".into(),
                "invalid_key"
            ),
            ("sections[0].fields[5].prefill.field".into(), "invalid_key"),
        ]
    );
    assert_eq!(
        def.check()
            .unwrap_err()
            .get("sections[0].fields[3].prefill"),
        Some(FieldCode::InvalidChoice)
    );
}
