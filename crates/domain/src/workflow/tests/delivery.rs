//! Delivering the result, and instant approval (秒批) with its fallback to a person.

use super::*;

#[test]
fn post_delivery_needs_a_tracking_number() {
    let w = Workflow::single_review();
    let approved = run(
        &w,
        &accepted(&w),
        REVIEWER,
        Action::Approve { note: note("") },
    )
    .unwrap()
    .next;
    let deliver = |method, tracking: Option<&str>| {
        run(
            &w,
            &approved,
            CLERK,
            Action::Deliver {
                method,
                tracking: tracking.map(str::to_owned),
            },
        )
    };
    let field = |r: Result<Outcome, Error>| r.err().and_then(|e| e.fields.get("tracking"));
    assert_eq!(
        field(deliver(DeliveryMethod::Post, None)),
        Some(FieldCode::Required)
    );
    assert_eq!(
        field(deliver(DeliveryMethod::Post, Some("  "))),
        Some(FieldCode::Required)
    );
    assert_eq!(
        field(deliver(DeliveryMethod::Post, Some("SF 123"))),
        Some(FieldCode::InvalidCharacters)
    );
    assert_eq!(
        field(deliver(DeliveryMethod::Post, Some(&"1".repeat(41)))),
        Some(FieldCode::TooLong)
    );
    assert_eq!(
        field(deliver(DeliveryMethod::Counter, Some("SF123"))),
        Some(FieldCode::InvalidChoice)
    );
    let posted = deliver(DeliveryMethod::Post, Some(" sf1234-567 ")).unwrap();
    assert_eq!(
        (posted.next.state, posted.event),
        (CaseState::Completed, EventKind::Delivered)
    );
    let cleaned = Action::Deliver {
        method: DeliveryMethod::Post,
        tracking: Some(" sf1234-567 ".to_owned()),
    }
    .checked();
    assert_eq!(
        cleaned,
        Ok(Action::Deliver {
            method: DeliveryMethod::Post,
            tracking: Some("SF1234-567".to_owned())
        })
    );
    assert!(deliver(DeliveryMethod::Counter, None).is_ok());
}

#[test]
fn an_instant_approval_issues_a_certificate_and_the_applicant_may_ask_for_a_person() {
    let w = two_steps();
    let auto = run(
        &w,
        &CaseView::submitted(),
        Actor::System,
        Action::AutoApprove,
    )
    .unwrap();
    assert_eq!(
        (auto.next.state, auto.clock),
        (CaseState::Approved, Clock::Stop)
    );
    assert!(auto.next.accepted && auto.next.auto_decided && auto.issue_certificate);
    assert_eq!(
        code(run(
            &w,
            &CaseView::submitted(),
            REVIEWER,
            Action::AutoApprove
        )),
        Some(ErrorCode::Forbidden)
    );
    let electronic = Action::Deliver {
        method: DeliveryMethod::Electronic,
        tracking: None,
    };
    let done = run(&w, &auto.next, Actor::System, electronic).unwrap().next;
    let ask = Action::RequestHumanReview {
        reason: note("我想请工作人员复核"),
    };
    let human = run(&w, &done, APPLICANT, ask.clone()).unwrap();
    assert_eq!(
        (
            human.next.state,
            human.next.step,
            human.next.auto_decided,
            human.clock
        ),
        (CaseState::UnderReview, 1, false, Clock::Start)
    );
    // A decision made by a person is not reopened that way.
    let approved = run(
        &w,
        &human.next,
        REVIEWER,
        Action::Approve { note: note("") },
    )
    .unwrap();
    assert_eq!(
        code(run(&w, &approved.next, APPLICANT, ask)),
        Some(ErrorCode::InvalidTransition)
    );
}
