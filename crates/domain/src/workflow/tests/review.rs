//! Review steps, roles, decisions and pauses; the workflow definition itself.

use super::*;

#[test]
fn an_applicant_cannot_approve() {
    let w = Workflow::single_review();
    let case = accepted(&w);
    let approve = Action::Approve { note: note("") };
    assert_eq!(
        code(run(&w, &case, APPLICANT, approve.clone())),
        Some(ErrorCode::Forbidden)
    );
    assert_eq!(
        code(run(&w, &case, Actor::System, approve.clone())),
        Some(ErrorCode::Forbidden)
    );
    // Nor can staff outside the department roles, or staff withdraw for the applicant.
    assert_eq!(
        code(run(&w, &case, Actor::Staff(Role::Supervisor), approve)),
        Some(ErrorCode::Forbidden)
    );
    let withdraw = Action::Withdraw { reason: note("") };
    assert_eq!(
        code(run(&w, &case, REVIEWER, withdraw)),
        Some(ErrorCode::Forbidden)
    );
}

#[test]
fn a_two_step_workflow_needs_both_steps_before_approval() {
    let w = two_steps();
    let first = accepted(&w);
    assert_eq!(
        code(run(&w, &first, ADMIN, Action::Approve { note: note("") })),
        Some(ErrorCode::InvalidTransition)
    );
    let second = run(
        &w,
        &first,
        CLERK,
        Action::Advance {
            note: note("材料齐全"),
        },
    )
    .unwrap();
    assert_eq!((second.next.step, second.event), (1, EventKind::Advanced));
    assert!(second.notify_applicant);
    assert_eq!(
        code(run(
            &w,
            &second.next,
            REVIEWER,
            Action::Advance { note: note("") }
        )),
        Some(ErrorCode::InvalidTransition)
    );
    let done = run(
        &w,
        &second.next,
        REVIEWER,
        Action::Approve {
            note: note("同意")
        },
    )
    .unwrap();
    assert_eq!(done.next.state, CaseState::Approved);
    assert_eq!(done.clock, Clock::Stop);
    assert!(done.issue_certificate);
}

#[test]
fn a_reviewer_of_the_wrong_role_cannot_act_on_a_step() {
    let w = two_steps();
    let first = accepted(&w);
    let advance = Action::Advance { note: note("") };
    assert_eq!(
        code(run(&w, &first, REVIEWER, advance.clone())),
        Some(ErrorCode::Forbidden)
    );
    let second = run(&w, &first, ADMIN, advance).unwrap().next;
    let deny = Action::Deny {
        reason: note("不符合条件"),
        legal_basis: note("《条例》第十条"),
    };
    assert_eq!(
        code(run(&w, &second, CLERK, deny.clone())),
        Some(ErrorCode::Forbidden)
    );
    assert_eq!(
        run(&w, &second, ADMIN, deny).map(|o| o.next.state),
        Ok(CaseState::Denied)
    );
}

#[test]
fn a_denial_needs_a_reason_and_a_legal_basis_and_notes_refuse_control_characters() {
    let w = Workflow::single_review();
    let case = accepted(&w);
    let err = run(
        &w,
        &case,
        REVIEWER,
        Action::Deny {
            reason: note(" "),
            legal_basis: note(""),
        },
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::ValidationFailed);
    assert_eq!(err.fields.get("reason"), Some(FieldCode::Required));
    assert_eq!(err.fields.get("legal_basis"), Some(FieldCode::Required));
    let tab = run(
        &w,
        &case,
        REVIEWER,
        Action::Approve {
            note: note("同意\t"),
        },
    );
    assert!(tab.is_ok(), "trailing whitespace is trimmed");
    let bell = run(
        &w,
        &case,
        REVIEWER,
        Action::Approve {
            note: note("同\u{7}意"),
        },
    );
    assert_eq!(
        bell.err().and_then(|e| e.fields.get("note")),
        Some(FieldCode::InvalidCharacters)
    );
}

#[test]
fn an_expert_review_stops_the_clock_and_holds_the_decision_until_resumed() {
    let w = Workflow::single_review();
    let case = accepted(&w);
    let pause = |kind| Action::Pause {
        kind,
        note: note("提交专家组评审"),
    };
    assert_eq!(
        run(&w, &case, REVIEWER, pause(PauseKind::Correction))
            .err()
            .and_then(|e| e.fields.get("kind")),
        Some(FieldCode::InvalidChoice)
    );
    let paused = run(&w, &case, REVIEWER, pause(PauseKind::ExpertReview)).unwrap();
    assert_eq!(paused.clock, Clock::Pause(PauseKind::ExpertReview));
    let p = paused.next;
    for blocked in [
        Action::Approve { note: note("") },
        return_for(&["x"]),
        pause(PauseKind::Hearing),
    ] {
        assert_eq!(
            code(run(&w, &p, REVIEWER, blocked)),
            Some(ErrorCode::InvalidTransition)
        );
    }
    let resumed = run(&w, &p, REVIEWER, Action::Resume).unwrap();
    assert_eq!((resumed.clock, resumed.next.paused), (Clock::Resume, None));
    assert!(
        run(
            &w,
            &resumed.next,
            REVIEWER,
            Action::Approve { note: note("") }
        )
        .is_ok()
    );
}

#[test]
fn a_workflow_is_checked_before_it_is_saved_and_reads_from_json() {
    assert_eq!(Workflow::single_review().check(), Ok(()));
    assert_eq!(two_steps().check(), Ok(()));
    let none = Workflow { steps: vec![] }.check().unwrap_err();
    assert_eq!(none.get("steps"), Some(FieldCode::TooFew));
    let eleven = Workflow {
        steps: vec![step("审核", Role::Reviewer); 11],
    };
    assert_eq!(
        eleven.check().unwrap_err().get("steps"),
        Some(FieldCode::TooMany)
    );
    let bad = Workflow {
        steps: vec![step("初审", Role::Reviewer), step(" ", Role::Supervisor)],
    };
    let e = bad.check().unwrap_err();
    assert_eq!(e.get("steps[1].name.zh"), Some(FieldCode::Required));
    assert_eq!(e.get("steps[1].role"), Some(FieldCode::InvalidChoice));
    let json = r#"{"steps":[{"name":{"zh":"审核"},"role":"reviewer"}]}"#;
    let read: Workflow = serde_json::from_str(json).unwrap();
    assert_eq!(
        read,
        Workflow {
            steps: vec![step("审核", Role::Reviewer)]
        }
    );
}
