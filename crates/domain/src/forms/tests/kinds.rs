//! Each kind of answer, good and bad, one field at a time.

use serde_json::json;

use super::*;

/// Answers a one-question form and returns the stored value or the error code.
fn answer(kind: Value, value: Value) -> Result<Value, String> {
    let def = form(vec![section("main", vec![required(field("q", kind))])]);
    let a = answers(json!({ "q": value }));
    match with_ctx(|ctx| def.validate(&a, ctx)) {
        Ok(mut clean) => Ok(clean.remove("q").unwrap_or(Value::Null)),
        Err(errors) => Err(listed(&errors)
            .into_iter()
            .map(|(path, code)| format!("{path}:{code}"))
            .collect::<Vec<_>>()
            .join(" ")),
    }
}

fn refused(kind: Value, value: Value) -> String {
    answer(kind.clone(), value.clone()).expect_err(&format!("{value} was accepted"))
}

#[test]
fn text_is_trimmed_and_counted_in_characters() {
    assert_eq!(answer(text(4), json!("  四个汉字 ")), Ok(json!("四个汉字")));
    assert_eq!(refused(text(4), json!("五个汉字了")), "q:too_long");
    assert_eq!(refused(text(50), json!("one\ntwo")), "q:invalid_characters");
    assert_eq!(
        refused(text(50), json!("bell\u{7}")),
        "q:invalid_characters"
    );
    assert_eq!(
        refused(text(50), json!("\u{202E}evil")),
        "q:invalid_characters"
    );
    assert_eq!(refused(text(50), json!(12)), "q:invalid_characters");
}

#[test]
fn a_multi_line_box_keeps_its_line_breaks_as_newlines() {
    let box_ = json!({ "type": "text", "max_len": 50, "multiline": true });
    assert_eq!(
        answer(box_.clone(), json!("\r\n第一行\r\n第二行\r\n")),
        Ok(json!("第一行\n第二行"))
    );
    assert_eq!(refused(box_, json!("tab\there")), "q:invalid_characters");
}

#[test]
fn numbers_are_kept_as_normalised_decimal_text() {
    let money = json!({ "type": "number", "decimals": 2, "min": -100, "max": 1000 });
    for (typed, stored) in [
        (json!(" 012.50 "), "12.50"),
        (json!("12.5"), "12.50"),
        (json!("+7"), "7.00"),
        (json!("12.500"), "12.50"),
        (json!("-0.00"), "0.00"),
        (json!("-99.99"), "-99.99"),
        (json!("1000"), "1000.00"),
        (json!(3.25), "3.25"),
        (json!(0), "0.00"),
    ] {
        assert_eq!(
            answer(money.clone(), typed.clone()),
            Ok(json!(stored)),
            "{typed}"
        );
    }
    for typed in [
        "1e3", "NaN", "+-1", "12.345", "1,000", "12.5.1", "-", ".", "１２", "inf",
    ] {
        assert_eq!(
            refused(money.clone(), json!(typed)),
            "q:invalid_number",
            "{typed}"
        );
    }
    for typed in ["1000.01", "-100.01", "99999999999999999999999"] {
        assert_eq!(
            refused(money.clone(), json!(typed)),
            "q:out_of_range",
            "{typed}"
        );
    }
    let whole = json!({ "type": "number" });
    assert_eq!(answer(whole.clone(), json!("007")), Ok(json!("7")));
    assert_eq!(answer(whole.clone(), json!("7.0")), Ok(json!("7")));
    assert_eq!(refused(whole, json!("7.5")), "q:invalid_number");
}

#[test]
fn dates_are_real_calendar_days_within_their_bounds() {
    let any = json!({ "type": "date" });
    assert_eq!(
        answer(any.clone(), json!(" 2024-02-29 ")),
        Ok(json!("2024-02-29"))
    );
    for bad in [
        "2023-02-29",
        "2024-13-01",
        "2024-1-5",
        "05/01/2024",
        "2024-01-01T00:00",
        "0999-01-01",
    ] {
        assert_eq!(refused(any.clone(), json!(bad)), "q:invalid_date", "{bad}");
    }
    let past = json!({ "type": "date", "past_only": true });
    assert!(answer(past.clone(), json!("2026-03-15")).is_ok());
    assert_eq!(refused(past, json!("2026-03-16")), "q:date_in_future");
    let future = json!({ "type": "date", "future_only": true });
    assert!(answer(future.clone(), json!("2026-03-15")).is_ok());
    assert_eq!(refused(future, json!("2026-03-14")), "q:date_in_past");
}

#[test]
fn an_id_number_is_stored_upper_case() {
    let id = json!({ "type": "id_number" });
    assert_eq!(answer(id, json!(" 11010519491231002x ")), Ok(json!(ID)));
}

#[test]
fn an_id_number_with_a_wrong_check_digit_is_refused_with_its_own_message() {
    let id = json!({ "type": "id_number" });
    assert_eq!(
        refused(id.clone(), json!("110105194912310021")),
        "q:id_number_checksum"
    );
    assert_eq!(
        refused(id.clone(), json!("11010519491231")),
        "q:id_number_length"
    );
    assert_eq!(
        refused(id, json!(110105194912310021_u64)),
        "q:invalid_characters"
    );
}

#[test]
fn a_phone_number_is_stored_as_its_eleven_digits() {
    let phone = json!({ "type": "phone" });
    assert_eq!(
        answer(phone.clone(), json!("+86 138-0013-8000")),
        Ok(json!("13800138000"))
    );
    assert_eq!(refused(phone, json!("0826-2222222")), "q:invalid_phone");
}

#[test]
fn a_choice_is_one_of_its_options() {
    let yes_no = choice(&["yes", "no"]);
    assert_eq!(answer(yes_no.clone(), json!(" yes ")), Ok(json!("yes")));
    assert_eq!(refused(yes_no.clone(), json!("YES")), "q:invalid_choice");
    assert_eq!(refused(yes_no, json!(true)), "q:invalid_choice");
}

#[test]
fn a_multiple_choice_is_distinct_options_within_the_bounds() {
    let picks = json!({ "type": "multi_choice", "options": options(&["a", "b", "c"]),
                        "min": 2, "max": 2 });
    assert_eq!(
        answer(picks.clone(), json!(["c", "a"])),
        Ok(json!(["a", "c"]))
    );
    assert_eq!(refused(picks.clone(), json!(["a"])), "q:too_few");
    assert_eq!(refused(picks.clone(), json!(["a", "b", "c"])), "q:too_many");
    assert_eq!(
        refused(picks.clone(), json!(["a", "a"])),
        "q:invalid_choice"
    );
    assert_eq!(
        refused(picks.clone(), json!(["a", "z"])),
        "q:invalid_choice"
    );
    assert_eq!(refused(picks, json!(["a", 1])), "q:invalid_choice");
}

#[test]
fn an_address_is_a_known_region_of_the_right_level_and_a_street_address() {
    let street = json!({ "type": "address", "level": "township" });
    assert_eq!(
        answer(
            street.clone(),
            json!({ "region": "511602001000", "detail": " 1 号 ", "x": 1 })
        ),
        Ok(json!({ "region": "511602001", "detail": "1 号" }))
    );
    let refused_with = |v: Value| refused(street.clone(), v);
    assert_eq!(
        refused_with(json!({ "region": "511602002", "detail": "1 号" })),
        "q.region:unknown_region"
    );
    assert_eq!(
        refused_with(json!({ "region": "511602", "detail": "1 号" })),
        "q.region:wrong_region_level"
    );
    assert_eq!(
        refused_with(json!({ "region": "abc", "detail": "号".repeat(201) })),
        "q.region:unknown_region q.detail:too_long"
    );
    assert_eq!(
        refused_with(json!({ "detail": "1 号" })),
        "q.region:required"
    );
    assert_eq!(
        refused_with(json!({ "region": 511602001 })),
        "q.region:unknown_region q.detail:required"
    );
}

#[test]
fn files_are_the_applicants_uploads_of_an_accepted_kind_and_size() {
    let proof = json!({ "type": "file", "accept": ["pdf", "jpeg"], "max_bytes": 1_048_576,
                        "max_files": 2 });
    assert_eq!(
        answer(proof.clone(), json!(["scan", "photo", "scan"])),
        Ok(json!(["scan", "photo"]))
    );
    for (ids, code) in [
        (json!(["someone_elses"]), "q:unknown_file"),
        (json!(["screenshot"]), "q:file_type"),
        (json!(["mystery"]), "q:file_type"),
        (json!(["big_scan"]), "q:file_too_large"),
        (json!(["scan", "photo", "screenshot"]), "q:too_many"),
        (json!("scan"), "q:invalid_choice"),
        (json!([7]), "q:unknown_file"),
    ] {
        assert_eq!(refused(proof.clone(), ids.clone()), code, "{ids}");
    }
}

#[test]
fn a_group_of_family_members_checks_each_entry_with_its_own_path() {
    let members = json!({ "type": "group", "max": 5, "fields": [
        required(field("name", text(10))),
        field("home", json!({ "type": "address", "level": "county" })),
    ]});
    assert_eq!(
        refused(
            members.clone(),
            json!([
                { "name": "甲", "home": { "region": "511602", "detail": "1 号" } },
                { "home": { "region": "511602" } },
            ])
        ),
        "q[1].name:required q[1].home.detail:required"
    );
    assert_eq!(
        answer(members, json!([{ "name": " 甲 ", "extra": 1 }])),
        Ok(json!([{ "name": "甲" }]))
    );
}
