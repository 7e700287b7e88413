//! The task list: each section's status, and a section page's own errors.

use serde_json::json;

use super::*;
use crate::forms::SectionStatus;

fn status(key: &str, a: &Answers) -> Option<SectionStatus> {
    with_ctx(|ctx| subsidy_form().section_status(key, a, ctx))
}

#[test]
fn a_section_moves_from_not_started_through_in_progress_to_complete() {
    let mut a = Answers::new();
    assert_eq!(status("applicant", &a), Some(SectionStatus::NotStarted));
    a.insert("name".into(), json!("张三"));
    assert_eq!(status("applicant", &a), Some(SectionStatus::InProgress));
    a.insert("id_number".into(), json!(ID));
    a.insert(
        "home".into(),
        json!({ "region": "511602", "detail": "建设路 1 号" }),
    );
    assert_eq!(status("applicant", &a), Some(SectionStatus::Complete));
    a.insert("phone".into(), json!("123"));
    assert_eq!(status("applicant", &a), Some(SectionStatus::InProgress));
}

#[test]
fn an_unknown_section_has_no_status_and_no_errors() {
    let a = good_answers();
    assert_eq!(status("nope", &a), None);
    let errors = with_ctx(|ctx| subsidy_form().section_errors("nope", &a, ctx));
    assert!(errors.is_empty());
}

#[test]
fn a_section_is_judged_by_its_own_questions_only() {
    let mut a = good_answers();
    a.insert("name".into(), json!(""));
    assert_eq!(status("applicant", &a), Some(SectionStatus::InProgress));
    assert_eq!(status("marriage", &a), Some(SectionStatus::Complete));
    let errors = with_ctx(|ctx| subsidy_form().section_errors("marriage", &a, ctx));
    assert!(errors.is_empty());
}

#[test]
fn a_section_page_saved_with_continue_lists_only_its_errors() {
    let a = answers(json!({ "name": "", "married": "yes", "wed_on": "2030-01-01" }));
    let errors = with_ctx(|ctx| subsidy_form().section_errors("marriage", &a, ctx));
    assert_eq!(
        listed(&errors),
        [
            ("spouse_name".into(), "required"),
            ("wed_on".into(), "date_in_future")
        ]
    );
}

#[test]
fn a_condition_on_an_earlier_section_decides_what_a_later_section_asks() {
    let def = form(vec![
        section(
            "status",
            vec![required(field("married", choice(&["yes", "no"])))],
        ),
        section(
            "spouse",
            vec![shown_if(
                required(field("spouse_name", text(50))),
                "married",
                &["yes"],
            )],
        ),
    ]);
    let st = |a: &Answers| with_ctx(|ctx| def.section_status("spouse", a, ctx));
    let married = answers(json!({ "married": "yes" }));
    assert_eq!(st(&married), Some(SectionStatus::NotStarted));
    // Nothing to ask of someone unmarried: the section needs no visit.
    let single = answers(json!({ "married": "no", "spouse_name": "stale" }));
    assert_eq!(st(&single), Some(SectionStatus::Complete));
}
