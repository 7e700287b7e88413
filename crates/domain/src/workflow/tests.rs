//! The workflow, told as the product: pre-check, correction, review steps, decisions, delivery.

use super::*;
use crate::auth::Role;
use crate::forms::Label;
use crate::ids::DepartmentId;
use crate::{Error, ErrorCode, FieldCode};

mod delivery;
mod precheck;
mod review;
mod table;

const APPLICANT: Actor = Actor::Applicant;
const CLERK: Actor = Actor::Staff(Role::WindowClerk);
const REVIEWER: Actor = Actor::Staff(Role::Reviewer);
const ADMIN: Actor = Actor::Staff(Role::DeptAdmin);

fn step(zh: &str, role: Role) -> Step {
    Step {
        name: Label {
            zh: zh.to_owned(),
            en: None,
        },
        role,
        department: None,
    }
}

/// 窗口初审 by a window clerk, then 审批 by a reviewer.
fn two_steps() -> Workflow {
    Workflow {
        steps: vec![
            step("窗口初审", Role::WindowClerk),
            step("审批", Role::Reviewer),
        ],
    }
}

fn run(w: &Workflow, case: &CaseView, actor: Actor, action: Action) -> Result<Outcome, Error> {
    decide(w, case, actor, &action, DepartmentId::generate())
}

fn code(r: Result<Outcome, Error>) -> Option<ErrorCode> {
    r.err().map(|e| e.code)
}

fn note(s: &str) -> String {
    s.to_owned()
}

fn return_for(missing: &[&str]) -> Action {
    Action::Return {
        missing: missing.iter().map(|m| m.to_string()).collect(),
        note: String::new(),
    }
}

fn accepted(w: &Workflow) -> CaseView {
    run(w, &CaseView::submitted(), CLERK, Action::Accept)
        .map(|o| o.next)
        .unwrap_or(CaseView::submitted())
}
