//! Every state × every action × every kind of actor: `decide` never panics, a final state never
//! moves (but for a person's review of an instant approval), and every outcome is coherent.

use super::super::*;
use crate::ErrorCode;
use crate::auth::Role;
use crate::ids::DepartmentId;

fn actions(elsewhere: DepartmentId, here: DepartmentId) -> Vec<Action> {
    let text = |s: &str| s.to_owned();
    let mut all = vec![
        Action::Accept,
        Action::Return {
            missing: vec![text("身份证")],
            note: String::new(),
        },
        Action::Return {
            missing: vec![],
            note: text("\u{0}"),
        },
        Action::Supplement,
        Action::Advance {
            note: String::new(),
        },
        Action::Approve {
            note: text("同意")
        },
        Action::Deny {
            reason: text("不符合"),
            legal_basis: text("第十条"),
        },
        Action::Deny {
            reason: String::new(),
            legal_basis: String::new(),
        },
        Action::Withdraw {
            reason: String::new(),
        },
        Action::Transfer {
            to: elsewhere,
            reason: text("职责调整"),
        },
        Action::Transfer {
            to: here,
            reason: String::new(),
        },
        Action::Resume,
        Action::AutoApprove,
        Action::RequestHumanReview {
            reason: text("请人工复核"),
        },
        Action::RequestHumanReview {
            reason: String::new(),
        },
    ];
    for method in DeliveryMethod::ALL {
        all.push(Action::Deliver {
            method,
            tracking: None,
        });
        all.push(Action::Deliver {
            method,
            tracking: Some(text("SF123")),
        });
    }
    for kind in PauseKind::ALL {
        all.push(Action::Pause {
            kind,
            note: text("等待"),
        });
    }
    all
}

fn actors() -> Vec<Actor> {
    let mut all = vec![Actor::Applicant, Actor::System];
    all.extend(Role::ALL.map(Actor::Staff));
    all
}

fn cases() -> Vec<CaseView> {
    let mut all = Vec::new();
    for state in CaseState::ALL {
        for step in [0, 1, 9, u32::MAX] {
            for accepted in [false, true] {
                for auto_decided in [false, true] {
                    let paused = PauseKind::ALL.map(Some);
                    for paused in std::iter::once(None).chain(paused) {
                        all.push(CaseView {
                            state,
                            step,
                            accepted,
                            paused,
                            auto_decided,
                        });
                    }
                }
            }
        }
    }
    all
}

/// Whether a case could arise from a submission and allowed actions.
fn consistent(c: &CaseView) -> bool {
    use CaseState as S;
    let none = c.paused.is_none();
    match c.state {
        S::Submitted => !c.accepted && none && !c.auto_decided,
        S::Returned => {
            !c.auto_decided
                && (c.paused == Some(PauseKind::Correction)) == c.accepted
                && (c.accepted || none)
        }
        S::UnderReview => c.accepted && !c.auto_decided && c.paused != Some(PauseKind::Correction),
        S::Approved | S::Completed => c.accepted && none,
        S::Denied => c.accepted && none && !c.auto_decided,
        S::Withdrawn => none && !c.auto_decided,
    }
}

#[test]
fn every_state_action_and_actor_is_decided_without_panic_and_final_states_stay_final() {
    let here = DepartmentId::generate();
    let elsewhere = DepartmentId::generate();
    let workflows = [
        Workflow::single_review(),
        Workflow { steps: vec![] },
        Workflow {
            steps: vec![
                Step {
                    role: Role::WindowClerk,
                    ..Workflow::single_review().steps[0].clone()
                },
                Step {
                    role: Role::Reviewer,
                    ..Workflow::single_review().steps[0].clone()
                },
                Step {
                    role: Role::DeptAdmin,
                    ..Workflow::single_review().steps[0].clone()
                },
            ],
        },
    ];
    let mut allowed = 0;
    for w in &workflows {
        let last = w.steps.len().saturating_sub(1) as u32;
        for case in cases() {
            for actor in actors() {
                for action in actions(elsewhere, here) {
                    let r = decide(w, &case, actor, &action, here);
                    let Ok(out) = r else {
                        let code = r.err().map(|e| e.code);
                        assert!(
                            matches!(
                                code,
                                Some(
                                    ErrorCode::Forbidden
                                        | ErrorCode::InvalidTransition
                                        | ErrorCode::ValidationFailed
                                )
                            ),
                            "{case:?} {actor:?} {action:?}: {code:?}"
                        );
                        continue;
                    };
                    allowed += 1;
                    let what = format!("{case:?} {actor:?} {action:?} → {out:?}");
                    if case.state.is_final() {
                        assert!(
                            case.state == CaseState::Completed
                                && case.auto_decided
                                && actor == Actor::Applicant
                                && matches!(action, Action::RequestHumanReview { .. }),
                            "a final state moved: {what}"
                        );
                    }
                    assert!(out.next.step <= last, "{what}");
                    assert!(out.notify_applicant, "{what}");
                    assert_eq!(
                        out.issue_certificate,
                        out.next.state == CaseState::Approved && case.state != CaseState::Approved,
                        "{what}"
                    );
                    match actor {
                        Actor::Applicant => assert!(matches!(
                            action,
                            Action::Supplement
                                | Action::Withdraw { .. }
                                | Action::RequestHumanReview { .. }
                        )),
                        Actor::System => assert!(matches!(
                            action,
                            Action::AutoApprove
                                | Action::Deliver {
                                    method: DeliveryMethod::Electronic,
                                    ..
                                }
                        )),
                        Actor::Staff(role) => assert!(role.needs_department(), "{what}"),
                    }
                    let n = out.next;
                    if !consistent(&case) {
                        continue;
                    }
                    assert!(consistent(&n), "{what}");
                    if n.state == CaseState::UnderReview {
                        assert!(n.accepted, "{what}");
                        assert_ne!(n.paused, Some(PauseKind::Correction), "{what}");
                    }
                    if n.state == CaseState::Returned {
                        assert_eq!(
                            n.accepted,
                            n.paused == Some(PauseKind::Correction),
                            "{what}"
                        );
                    }
                    if n.state.is_final() || n.state == CaseState::Approved {
                        assert_eq!(n.paused, None, "{what}");
                    }
                }
            }
        }
    }
    assert!(allowed > 0);
}

/// The staff queues show a case to the role it waits for: that role can move it on, and no
/// case waiting for staff is out of every queue.
#[test]
fn the_role_a_case_waits_for_can_act_on_it() {
    let here = DepartmentId::generate();
    let elsewhere = DepartmentId::generate();
    let workflow = Workflow {
        steps: vec![
            Step {
                name: crate::forms::Label {
                    zh: "初审".into(),
                    en: None,
                },
                role: Role::WindowClerk,
                department: None,
            },
            Step {
                name: crate::forms::Label {
                    zh: "审批".into(),
                    en: None,
                },
                role: Role::Reviewer,
                department: None,
            },
        ],
    };
    let states = [
        CaseState::Submitted,
        CaseState::Returned,
        CaseState::UnderReview,
        CaseState::Approved,
        CaseState::Denied,
        CaseState::Completed,
        CaseState::Withdrawn,
    ];
    for state in states {
        for step in 0..2 {
            let case = CaseView {
                state,
                step,
                accepted: state != CaseState::Submitted,
                paused: None,
                auto_decided: false,
            };
            let can = |actor: Actor| {
                actions(elsewhere, here)
                    .iter()
                    .any(|a| decide(&workflow, &case, actor, a, here).is_ok())
            };
            match waiting_on(&workflow, &case) {
                Waiting::Anyone => {
                    for role in [Role::WindowClerk, Role::Reviewer, Role::DeptAdmin] {
                        assert!(can(Actor::Staff(role)), "{state:?}: {role:?} cannot act");
                    }
                }
                Waiting::Role(role) => {
                    assert_eq!(state, CaseState::UnderReview);
                    assert!(
                        can(Actor::Staff(role)),
                        "{state:?} {step}: {role:?} cannot act"
                    );
                    assert!(can(Actor::Staff(Role::DeptAdmin)));
                }
                Waiting::Applicant => assert!(can(Actor::Applicant), "{state:?}"),
                Waiting::Nobody => assert!(state.is_final(), "{state:?} waits for nobody"),
            }
        }
    }
}
