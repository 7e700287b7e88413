//! The loop's rules, step by step.

use time::Date;

use super::*;
use crate::ErrorCode;
use crate::ids::{DepartmentId, InquiryId};

fn date(s: &str) -> Date {
    crate::deadline::parse_date(s).unwrap()
}

fn today() -> Date {
    date("2026-12-07")
}

fn view(kind: Kind, state: InquiryState) -> InquiryView {
    InquiryView {
        kind,
        state,
        department: Some(dept(1)),
        transfers: 0,
        reopened: 0,
        extended: false,
        accepted: false,
        review_requested: false,
        replies_reviewed: false,
        replied_on: None,
        rater_has_rated: false,
    }
}

fn dept(n: u8) -> DepartmentId {
    format!("00000000-0000-7000-8000-0000000000{n:02}")
        .parse()
        .unwrap()
}

fn run(v: &InquiryView, actor: Actor, a: Action) -> Result<Outcome, crate::Error> {
    decide(v, actor, &a, &Settings::default(), today())
}

fn code(r: Result<Outcome, crate::Error>) -> ErrorCode {
    r.unwrap_err().code
}

fn reason(s: &str) -> String {
    s.to_owned()
}

#[test]
fn the_plain_loop_runs_from_dispatch_to_a_verdict() {
    let mut v = view(Kind::Complaint, InquiryState::Dispatch);
    v.department = None;
    let o = run(&v, Actor::Dispatcher, Action::Route { to: dept(1) }).unwrap();
    assert_eq!(
        (o.next, o.event, o.clock, o.department),
        (
            InquiryState::Assigned,
            EventKind::Routed,
            Clock::StartAcknowledge,
            Some(dept(1))
        )
    );
    assert_eq!(o.next.stage(), Stage::Report);
    let v = view(Kind::Complaint, InquiryState::Assigned);
    let o = run(&v, Actor::Handler, Action::Acknowledge).unwrap();
    assert_eq!(
        (o.next, o.clock),
        (InquiryState::Handling, Clock::Acknowledged)
    );
    let v = view(Kind::Complaint, InquiryState::Handling);
    let o = run(
        &v,
        Actor::Handler,
        Action::Reply {
            text: "已修复".into(),
        },
    )
    .unwrap();
    assert_eq!(
        (o.next, o.event, o.clock),
        (InquiryState::Replied, EventKind::Replied, Clock::Stop)
    );
    let mut v = view(Kind::Complaint, InquiryState::Replied);
    v.replied_on = Some(date("2026-12-04"));
    let o = run(
        &v,
        Actor::Submitter,
        Action::Rate {
            verdict: Verdict::Satisfied,
            reason: String::new(),
        },
    )
    .unwrap();
    assert_eq!((o.next, o.event), (InquiryState::Closed, EventKind::Rated));
}

#[test]
fn only_the_right_people_act() {
    let v = view(Kind::Complaint, InquiryState::Assigned);
    assert_eq!(
        code(run(&v, Actor::Submitter, Action::Acknowledge)),
        ErrorCode::Forbidden
    );
    assert_eq!(
        code(run(&v, Actor::Helper, Action::Acknowledge)),
        ErrorCode::Forbidden
    );
    assert_eq!(
        code(run(&v, Actor::Handler, Action::Route { to: dept(2) })),
        ErrorCode::Forbidden,
        "only the dispatch desk routes"
    );
    let v = view(Kind::Complaint, InquiryState::ReplyReview);
    assert_eq!(
        code(run(&v, Actor::Handler, Action::ApproveReply)),
        ErrorCode::Forbidden
    );
    assert!(run(&v, Actor::DeptAdmin, Action::ApproveReply).is_ok());
    let mut v = view(Kind::Complaint, InquiryState::Replied);
    v.replied_on = Some(today());
    let rate = Action::Rate {
        verdict: Verdict::Satisfied,
        reason: String::new(),
    };
    assert_eq!(
        code(run(&v, Actor::Handler, rate.clone())),
        ErrorCode::Forbidden
    );
    v.rater_has_rated = true;
    assert_eq!(
        code(run(&v, Actor::Submitter, rate)),
        ErrorCode::InvalidTransition,
        "a second verdict"
    );
}

#[test]
fn a_department_whose_replies_are_reviewed_sends_them_through_its_admin() {
    let mut v = view(Kind::Question, InquiryState::Handling);
    v.replies_reviewed = true;
    let o = run(
        &v,
        Actor::Handler,
        Action::Reply {
            text: "答复".into(),
        },
    )
    .unwrap();
    assert_eq!(
        (o.next, o.event),
        (InquiryState::ReplyReview, EventKind::ReplyDrafted)
    );
    assert_eq!(o.next.stage(), Stage::Supervise);
    let o = run(
        &v,
        Actor::DeptAdmin,
        Action::Reply {
            text: "答复".into(),
        },
    )
    .unwrap();
    assert_eq!(
        o.next,
        InquiryState::Replied,
        "the admin's own reply goes at once"
    );
    let v = view(Kind::Question, InquiryState::ReplyReview);
    let o = run(
        &v,
        Actor::DeptAdmin,
        Action::RejectReply {
            reason: reason("请写明维修时间"),
        },
    )
    .unwrap();
    assert_eq!((o.next, o.clock), (InquiryState::Handling, Clock::Keep));
}

#[test]
fn an_unsatisfied_verdict_reopens_once_and_needs_a_reason() {
    let mut v = view(Kind::Help, InquiryState::Replied);
    v.replied_on = Some(date("2026-12-01"));
    let unhappy = |r: &str| Action::Rate {
        verdict: Verdict::Unsatisfied,
        reason: r.to_owned(),
    };
    let e = run(&v, Actor::Submitter, unhappy(" ")).unwrap_err();
    assert_eq!(e.code, ErrorCode::ValidationFailed);
    let o = run(&v, Actor::Submitter, unhappy("灯还是不亮")).unwrap();
    assert_eq!(
        (o.next, o.event, o.clock),
        (InquiryState::Handling, EventKind::Reopened, Clock::Restart)
    );
    v.reopened = 1;
    let o = run(&v, Actor::Submitter, unhappy("还是不亮")).unwrap();
    assert_eq!(o.next, InquiryState::Closed, "reopened once only");
}

#[test]
fn the_verdict_window_closes_after_the_set_days() {
    let mut v = view(Kind::Help, InquiryState::Replied);
    v.replied_on = Some(date("2026-11-30"));
    let rate = Action::Rate {
        verdict: Verdict::Basically,
        reason: String::new(),
    };
    assert!(run(&v, Actor::Submitter, rate.clone()).is_ok(), "day 7");
    v.replied_on = Some(date("2026-11-29"));
    assert_eq!(
        code(run(&v, Actor::Submitter, rate)),
        ErrorCode::WindowClosed
    );
    let o = run(&v, Actor::System, Action::Close).unwrap();
    assert_eq!(o.next, InquiryState::Closed);
    v.replied_on = Some(date("2026-12-06"));
    assert_eq!(
        code(run(&v, Actor::System, Action::Close)),
        ErrorCode::InvalidTransition,
        "not while the person may still rate"
    );
}

#[test]
fn transfers_stop_at_the_limit_except_for_a_supervisor() {
    let mut v = view(Kind::Complaint, InquiryState::Handling);
    let to = |d| Action::Transfer {
        to: dept(d),
        reason: reason("属于城管职责"),
    };
    let o = run(&v, Actor::Handler, to(2)).unwrap();
    assert_eq!(
        (o.next, o.clock, o.department),
        (
            InquiryState::Assigned,
            Clock::StartAcknowledge,
            Some(dept(2))
        )
    );
    let e = run(&v, Actor::Handler, to(1)).unwrap_err();
    assert_eq!(e.code, ErrorCode::ValidationFailed, "not to itself");
    v.transfers = 2;
    assert_eq!(
        code(run(&v, Actor::Handler, to(2))),
        ErrorCode::TransferLimitReached
    );
    assert!(run(&v, Actor::Supervisor, to(2)).is_ok());
    let o = run(
        &v,
        Actor::Handler,
        Action::ReturnToDispatch {
            reason: reason("不属于本部门"),
        },
    )
    .unwrap();
    assert_eq!((o.next, o.department), (InquiryState::Dispatch, None));
}

#[test]
fn merging_is_for_the_dispatch_desk_before_the_work_starts() {
    let into = Action::Merge {
        into: InquiryId::generate(),
    };
    let v = view(Kind::Report, InquiryState::Dispatch);
    assert_eq!(
        run(&v, Actor::Dispatcher, into.clone()).unwrap().next,
        InquiryState::Merged
    );
    let v = view(Kind::Report, InquiryState::Handling);
    assert_eq!(
        code(run(&v, Actor::Dispatcher, into)),
        ErrorCode::InvalidTransition
    );
}

#[test]
fn a_pause_waits_for_the_citizen_who_restarts_the_clock() {
    let v = view(Kind::Help, InquiryState::Handling);
    let o = run(
        &v,
        Actor::Handler,
        Action::Pause {
            reason: reason("请补充具体位置"),
        },
    )
    .unwrap();
    assert_eq!((o.next, o.clock), (InquiryState::Paused, Clock::Pause));
    let v = view(Kind::Help, InquiryState::Paused);
    let o = run(
        &v,
        Actor::Submitter,
        Action::Supplement {
            text: "在3号楼东侧".into(),
        },
    )
    .unwrap();
    assert_eq!((o.next, o.clock), (InquiryState::Handling, Clock::Resume));
    assert_eq!(
        code(run(&v, Actor::Handler, Action::Reply { text: "x".into() })),
        ErrorCode::InvalidTransition,
        "no reply while paused"
    );
}

#[test]
fn a_petition_is_accepted_or_declined_extended_once_and_reviewed_on_request() {
    let v = view(Kind::Petition, InquiryState::Handling);
    assert_eq!(
        code(run(&v, Actor::Handler, Action::Reply { text: "x".into() })),
        ErrorCode::InvalidTransition,
        "not before it is accepted"
    );
    let o = run(&v, Actor::Handler, Action::Accept).unwrap();
    assert_eq!(
        (o.event, o.clock),
        (EventKind::Accepted, Clock::StartHandling)
    );
    let o = run(
        &v,
        Actor::Handler,
        Action::Decline {
            reason: reason("已依法通过诉讼途径解决"),
        },
    )
    .unwrap();
    assert_eq!(
        (o.next, o.event),
        (InquiryState::Closed, EventKind::Declined)
    );
    let mut v = view(Kind::Petition, InquiryState::Handling);
    v.accepted = true;
    let extend = Action::Extend {
        reason: reason("情况复杂"),
    };
    assert_eq!(
        run(&v, Actor::Handler, extend.clone()).unwrap().clock,
        Clock::Extend
    );
    v.extended = true;
    assert_eq!(
        code(run(&v, Actor::Handler, extend)),
        ErrorCode::InvalidTransition
    );
    assert_eq!(
        code(run(
            &view(Kind::Help, InquiryState::Handling),
            Actor::Handler,
            Action::Accept
        )),
        ErrorCode::InvalidTransition,
        "only petitions are accepted"
    );
    // Unsatisfied does not reopen a petition: the petitioner asks for a review.
    let mut v = view(Kind::Petition, InquiryState::Replied);
    v.accepted = true;
    v.replied_on = Some(date("2026-11-20"));
    let o = run(
        &v,
        Actor::Submitter,
        Action::Rate {
            verdict: Verdict::Unsatisfied,
            reason: reason("不认可"),
        },
    );
    assert_eq!(code(o), ErrorCode::WindowClosed, "past the 7 days to rate");
    let o = run(
        &v,
        Actor::Submitter,
        Action::RequestReview {
            reason: reason("事实认定有误"),
        },
    )
    .unwrap();
    assert_eq!(
        (o.next, o.clock),
        (InquiryState::Review, Clock::StartReview)
    );
    let v = view(Kind::Petition, InquiryState::Review);
    assert_eq!(
        code(run(&v, Actor::Handler, Action::Reply { text: "x".into() })),
        ErrorCode::InvalidTransition
    );
    let o = run(
        &v,
        Actor::Supervisor,
        Action::Reply {
            text: "维持".into(),
        },
    )
    .unwrap();
    assert_eq!(o.next, InquiryState::Closed);
    let help = view(Kind::Help, InquiryState::Closed);
    assert_eq!(
        code(run(
            &help,
            Actor::Submitter,
            Action::RequestReview {
                reason: reason("x")
            }
        )),
        ErrorCode::InvalidTransition,
        "reviews are for petitions"
    );
}

#[test]
fn each_state_belongs_to_one_stage_and_the_timeline_tells_the_citizen_only_their_news() {
    use InquiryState as S;
    let stages: Vec<Stage> = [
        S::Dispatch,
        S::Assigned,
        S::Handling,
        S::ReplyReview,
        S::Replied,
    ]
    .iter()
    .map(|s| s.stage())
    .collect();
    assert_eq!(stages, Stage::ALL);
    assert!(EventKind::Replied.tells_submitter());
    assert!(!EventKind::ReplyDrafted.tells_submitter());
    assert!(!S::Replied.is_open() && S::Paused.is_open());
}
