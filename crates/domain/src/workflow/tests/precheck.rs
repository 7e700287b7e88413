//! Pre-check, correction (补正), withdrawal and transfer.

use super::*;

#[test]
fn a_case_returned_at_pre_check_does_not_start_the_clock() {
    let w = Workflow::single_review();
    let out = run(
        &w,
        &CaseView::submitted(),
        CLERK,
        return_for(&["身份证复印件"]),
    )
    .unwrap();
    assert_eq!(out.next.state, CaseState::Returned);
    assert_eq!(out.clock, Clock::Unchanged);
    assert_eq!(out.next.paused, None);
    assert!(!out.next.accepted);
    assert!(out.notify_applicant);
    // The applicant's supplement goes back to the pre-check, still without a clock.
    let back = run(&w, &out.next, APPLICANT, Action::Supplement).unwrap();
    assert_eq!(back.next.state, CaseState::Submitted);
    assert_eq!(back.clock, Clock::Unchanged);
    // Acceptance starts it.
    let acc = run(&w, &back.next, CLERK, Action::Accept).unwrap();
    assert_eq!(
        (acc.next.state, acc.next.step, acc.clock),
        (CaseState::UnderReview, 0, Clock::Start)
    );
    assert!(acc.next.accepted);
}

#[test]
fn a_case_returned_during_review_pauses_the_clock_and_the_supplement_resumes_it() {
    let w = two_steps();
    let at_second = run(&w, &accepted(&w), CLERK, Action::Advance { note: note("") })
        .unwrap()
        .next;
    let out = run(&w, &at_second, REVIEWER, return_for(&["户口簿首页"])).unwrap();
    assert_eq!(out.next.state, CaseState::Returned);
    assert_eq!(out.clock, Clock::Pause(PauseKind::Correction));
    assert_eq!(out.next.paused, Some(PauseKind::Correction));
    let back = run(&w, &out.next, APPLICANT, Action::Supplement).unwrap();
    assert_eq!(back.clock, Clock::Resume);
    assert_eq!(back.event, EventKind::Supplemented);
    assert_eq!(
        (back.next.state, back.next.step, back.next.paused),
        (CaseState::UnderReview, 1, None)
    );
    // Staff cannot end a correction pause themselves: only the supplement does.
    assert_eq!(
        code(run(&w, &out.next, REVIEWER, Action::Resume)),
        Some(ErrorCode::InvalidTransition)
    );
}

#[test]
fn the_return_notice_lists_every_missing_item_at_once_and_refuses_an_empty_list() {
    let w = Workflow::single_review();
    let case = CaseView::submitted();
    let missing = |r: Result<Outcome, Error>| {
        r.err().and_then(|e| {
            e.fields
                .iter()
                .find(|f| f.field == "missing")
                .map(|f| (f.code, f.line))
        })
    };
    assert_eq!(
        missing(run(&w, &case, CLERK, return_for(&[]))),
        Some((FieldCode::Required, None))
    );
    assert_eq!(
        missing(run(&w, &case, CLERK, return_for(&["  ", ""]))),
        Some((FieldCode::Required, None))
    );
    let long = "很".repeat(201);
    assert_eq!(
        missing(run(&w, &case, CLERK, return_for(&["身份证", &long]))),
        Some((FieldCode::TooLong, Some(2)))
    );
    assert_eq!(
        missing(run(&w, &case, CLERK, return_for(&["a\nb"]))),
        Some((FieldCode::InvalidCharacters, Some(1)))
    );
    let many: Vec<String> = (1..=31).map(|i| format!("材料{i}")).collect();
    let refs: Vec<&str> = many.iter().map(String::as_str).collect();
    assert_eq!(
        missing(run(&w, &case, CLERK, return_for(&refs))),
        Some((FieldCode::TooMany, None))
    );
    assert!(run(&w, &case, CLERK, return_for(&refs[..30])).is_ok());
    // One notice, everything in it, trimmed, blank lines dropped.
    let notice = Action::Return {
        missing: vec![" 身份证复印件 ".into(), "".into(), "户口簿\u{3000}".into()],
        note: " 请一并补齐\r\n谢谢 ".into(),
    };
    assert_eq!(
        notice.checked(),
        Ok(Action::Return {
            missing: vec!["身份证复印件".into(), "户口簿".into()],
            note: "请一并补齐\n谢谢".into(),
        })
    );
}

#[test]
fn approving_a_withdrawn_case_is_an_invalid_transition() {
    let w = Workflow::single_review();
    let case = accepted(&w);
    let out = run(
        &w,
        &case,
        APPLICANT,
        Action::Withdraw {
            reason: note("不办了"),
        },
    )
    .unwrap();
    assert_eq!(out.next.state, CaseState::Withdrawn);
    assert_eq!(out.clock, Clock::Stop);
    let approve = Action::Approve { note: note("") };
    assert_eq!(
        code(run(&w, &out.next, REVIEWER, approve)),
        Some(ErrorCode::InvalidTransition)
    );
    // Withdrawing before acceptance leaves the (unstarted) clock alone.
    let early = run(
        &w,
        &CaseView::submitted(),
        APPLICANT,
        Action::Withdraw { reason: note("") },
    );
    assert_eq!(early.map(|o| o.clock), Ok(Clock::Unchanged));
}

#[test]
fn a_transfer_moves_the_case_but_not_to_its_own_department() {
    let w = Workflow::single_review();
    let here = DepartmentId::generate();
    let there = DepartmentId::generate();
    let case = accepted(&w);
    let to = |to| Action::Transfer {
        to,
        reason: note("属于市场监管局职责"),
    };
    let out = decide(&w, &case, REVIEWER, &to(there), here).unwrap();
    assert_eq!(
        (out.next, out.event, out.clock),
        (case, EventKind::Transferred, Clock::Unchanged)
    );
    let same = decide(&w, &case, REVIEWER, &to(here), here).unwrap_err();
    assert_eq!(same.fields.get("to"), Some(FieldCode::InvalidChoice));
    assert_eq!(
        decide(&w, &case, CLERK, &to(there), here).map_err(|e| e.code),
        Err(ErrorCode::Forbidden)
    );
    // At the pre-check any department role may send a misrouted case on.
    assert!(decide(&w, &CaseView::submitted(), CLERK, &to(there), here).is_ok());
}

#[test]
fn the_acting_department_is_the_steps_own_when_it_names_one() {
    let handling = DepartmentId::generate();
    let legal = DepartmentId::generate();
    let mut w = two_steps();
    w.steps[1].department = Some(legal);
    let first = accepted(&w);
    assert_eq!(acting_department(&w, &first, handling), handling);
    let second = CaseView { step: 1, ..first };
    assert_eq!(acting_department(&w, &second, handling), legal);
    let approved = CaseView {
        state: CaseState::Approved,
        ..second
    };
    assert_eq!(acting_department(&w, &approved, handling), handling);
}
