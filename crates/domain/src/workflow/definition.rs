//! An item's review steps (APP-3: per-item steps and roles), written by staff in the console and
//! stored as JSON: adding a step never needs code.

use serde::{Deserialize, Serialize};

use super::action::clean_text;
use crate::auth::Role;
use crate::forms::Label;
use crate::ids::DepartmentId;
use crate::{FieldCode, FieldErrors};

/// The most review steps an item may have.
pub const MAX_STEPS: usize = 10;

/// The most characters of a step's Chinese name.
const MAX_NAME: usize = 60;

/// The most characters of a step's English name.
const MAX_NAME_EN: usize = 120;

/// An item's workflow: the review steps after acceptance, in order. The pre-check (预审) before
/// acceptance is not a step: every item has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workflow {
    /// The review steps, 1 to [`MAX_STEPS`]; the last one approves.
    pub steps: Vec<Step>,
}

/// One review step (e.g. 初审, 复核, 审批).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// What the step is called, as the applicant's progress page shows it.
    pub name: Label,
    /// Who acts at this step: a window clerk, a reviewer or a department admin. (A department
    /// admin may always act on any step of their department.)
    pub role: Role,
    /// Which department does this step; `None` means the case's handling department.
    #[serde(default)]
    pub department: Option<DepartmentId>,
}

impl Workflow {
    /// Checks a workflow before it is saved. Errors name JSON paths: `steps` (none or more than
    /// ten), `steps[i].name.zh` (1 to 60 characters), `steps[i].name.en` (at most 120),
    /// `steps[i].role` (must be a department role: window clerk, reviewer or department
    /// admin), with `i` counted from 0. Whether a named department exists is the caller's
    /// check.
    pub fn check(&self) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::new();
        if self.steps.is_empty() {
            e.add("steps", FieldCode::TooFew);
        } else if self.steps.len() > MAX_STEPS {
            e.add("steps", FieldCode::TooMany);
        }
        for (i, step) in self.steps.iter().enumerate() {
            if let Err(code) = clean_text(&step.name.zh, 1, MAX_NAME, false) {
                e.add_path(format!("steps[{i}].name.zh"), code);
            }
            if let Some(en) = &step.name.en
                && let Err(code) = clean_text(en, 0, MAX_NAME_EN, false)
            {
                e.add_path(format!("steps[{i}].name.en"), code);
            }
            if !step.role.needs_department() {
                e.add_path(format!("steps[{i}].role"), FieldCode::InvalidChoice);
            }
        }
        if e.is_empty() { Ok(()) } else { Err(e) }
    }

    /// The workflow of an item that names none: one step, 审核 (review), by a reviewer of the
    /// handling department.
    pub fn single_review() -> Workflow {
        Workflow {
            steps: vec![Step {
                name: Label {
                    zh: "审核".to_owned(),
                    en: Some("Review".to_owned()),
                },
                role: Role::Reviewer,
                department: None,
            }],
        }
    }

    /// The index of the last step (the one that approves).
    pub(super) fn last_index(&self) -> u32 {
        u32::try_from(self.steps.len().saturating_sub(1)).unwrap_or(u32::MAX)
    }

    /// The step at `index`. A workflow shortened while cases were under way leaves them at the
    /// new last step; a workflow without steps (never saved by [`Workflow::check`]) acts as
    /// [`Workflow::single_review`].
    pub(super) fn step(&self, index: u32) -> &Step {
        let i = usize::try_from(index).unwrap_or(usize::MAX);
        self.steps
            .get(i)
            .or_else(|| self.steps.last())
            .unwrap_or(&FALLBACK_STEP)
    }
}

impl Default for Workflow {
    fn default() -> Self {
        Workflow::single_review()
    }
}

/// The step a workflow without steps falls back to.
static FALLBACK_STEP: Step = Step {
    name: Label {
        zh: String::new(),
        en: None,
    },
    role: Role::Reviewer,
    department: None,
};
