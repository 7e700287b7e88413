//! Disclosure on request (依申请公开, 政府信息公开条例 2019): a citizen or an enterprise asks a
//! department for government information; the department answers within 20 working days
//! (§33), extendable once by 20 with a reason; the time the requester takes to make a vague
//! request clear does not count (§30); the answer is one of the statutory types (§36).

use time::Date;

use crate::deadline::{Calendar, Deadline, Pause};
use crate::error::{FieldCode, FieldErrors};

/// Working days to answer (§33).
pub const LIMIT: u32 = 20;
/// Working days an extension adds, once (§33).
pub const EXTENSION: u32 = 20;

crate::stable_names! {
    /// Where a request stands.
    pub enum RequestState {
        /// Registered, being handled; the clock runs.
        Received = "received",
        /// The department asked the requester to make the request clear; the clock stops.
        Clarifying = "clarifying",
        /// Answered.
        Answered = "answered",
    }
}

crate::stable_names! {
    /// The statutory answers (§36), as the annual report counts them.
    pub enum AnswerType {
        /// 予以公开.
        Disclosed = "disclosed",
        /// 部分公开 (what is withheld, and why).
        PartlyDisclosed = "partly_disclosed",
        /// 不予公开 (the reason, e.g. state secret, personal privacy).
        NotDisclosed = "not_disclosed",
        /// 本机关不掌握相关政府信息 (信息不存在).
        NotExist = "not_exist",
        /// 不属于本机关负责公开 (and who is).
        NotOurs = "not_ours",
        /// 重复申请.
        Duplicate = "duplicate",
    }
}

impl AnswerType {
    /// Whether the answer must say why something is withheld.
    pub fn needs_reason(self) -> bool {
        matches!(self, AnswerType::PartlyDisclosed | AnswerType::NotDisclosed)
    }
}

/// The day the answer is due: 20 working days after the request was received (40 when
/// extended), not counting the pauses for clarification.
pub fn due(calendar: &Calendar, received_on: Date, extended: bool, pauses: &[Pause]) -> Deadline {
    let days = if extended { LIMIT + EXTENSION } else { LIMIT };
    calendar.deadline(received_on, days, pauses)
}

/// What the requester writes.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct RequestInput {
    /// The department asked.
    #[serde(default)]
    pub department: String,
    /// The information wanted, described (名称、文号或者便于查询的其他特征性描述, §29).
    #[serde(default)]
    pub description: String,
    /// In what form: `electronic` or `paper`.
    #[serde(default)]
    pub form: String,
}

/// A checked request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The department's id.
    pub department: crate::ids::DepartmentId,
    /// The description.
    pub description: String,
    /// `electronic` or `paper`.
    pub form: &'static str,
}

impl RequestInput {
    /// Checks every field at once.
    pub fn check(&self) -> Result<Request, FieldErrors> {
        let mut e = FieldErrors::new();
        let department = match self.department.trim().parse() {
            Ok(d) => Some(d),
            Err(_) => {
                e.add("department", FieldCode::UnknownDepartment);
                None
            }
        };
        let description = e.check(
            "description",
            crate::workflow::clean_text(&self.description, 10, 2000, true),
        );
        let form = match self.form.trim() {
            "electronic" | "" => Some("electronic"),
            "paper" => Some("paper"),
            _ => {
                e.add("form", FieldCode::InvalidChoice);
                None
            }
        };
        match (department, description, form) {
            (Some(department), Some(description), Some(form)) if e.is_empty() => Ok(Request {
                department,
                description,
                form,
            }),
            _ => Err(e),
        }
    }
}

/// A step the department (or, answering a clarification, the requester) takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Ask the requester to make the request clear (the clock stops).
    AskClarification(String),
    /// The requester made it clear (the clock runs again).
    Clarified(String),
    /// Extend the limit once by 20 working days, with the reason.
    Extend(String),
    /// Answer.
    Answer(AnswerType, String, String),
}

/// Why a step is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not in a state this step applies to (or already extended).
    WrongState,
    /// A field of the step is wrong.
    Field(&'static str, FieldCode),
}

fn note(v: &str, field: &'static str, min: usize) -> Result<(), Refusal> {
    crate::workflow::clean_text(v, min, 2000, true)
        .map(|_| ())
        .map_err(|c| Refusal::Field(field, c))
}

/// The state a step leads to.
pub fn decide(state: RequestState, extended: bool, step: &Step) -> Result<RequestState, Refusal> {
    use RequestState as S;
    match (state, step) {
        (S::Received, Step::AskClarification(n)) => note(n, "note", 5).map(|()| S::Clarifying),
        (S::Clarifying, Step::Clarified(n)) => note(n, "note", 5).map(|()| S::Received),
        (S::Received | S::Clarifying, Step::Extend(_)) if extended => Err(Refusal::WrongState),
        (S::Received, Step::Extend(n)) => note(n, "note", 5).map(|()| S::Received),
        (S::Received, Step::Answer(kind, text, reason)) => {
            note(text, "text", 5)?;
            if kind.needs_reason() {
                note(reason, "reason", 5)?;
            }
            Ok(S::Answered)
        }
        _ => Err(Refusal::WrongState),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deadline::DayKind;
    use time::macros::date;

    #[test]
    fn twenty_working_days_skip_a_holiday_and_the_clarification() {
        // 2026-10-01 … 10-08 is the National Day holiday; 10-10 (Saturday) a make-up day.
        let mut days: Vec<(Date, DayKind)> = (1..=8)
            .map(|d| {
                (
                    Date::from_calendar_date(2026, time::Month::October, d).unwrap(),
                    DayKind::Holiday,
                )
            })
            .collect();
        days.push((date!(2026 - 10 - 10), DayKind::Workday));
        let cal = Calendar::new(days);
        // Received on Monday 2026-09-21: the 20th working day, the holiday skipped and the
        // make-up Saturday counted, is Monday 10-26.
        let Deadline::Due { date, .. } = due(&cal, date!(2026 - 09 - 21), false, &[]) else {
            panic!("paused")
        };
        assert_eq!(date, date!(2026 - 10 - 26));
        // Three working days waiting for the requester move it three working days on.
        let pause = Pause {
            from: date!(2026 - 09 - 22),
            to: Some(date!(2026 - 09 - 24)),
        };
        let Deadline::Due { date: later, .. } = due(&cal, date!(2026 - 09 - 21), false, &[pause])
        else {
            panic!("paused")
        };
        assert_eq!(later, date!(2026 - 10 - 29));
        // Extended: 20 more working days.
        let Deadline::Due { date: ext, .. } = due(&cal, date!(2026 - 09 - 21), true, &[]) else {
            panic!("paused")
        };
        assert_eq!(ext, date!(2026 - 11 - 23));
        // While waiting, there is no due day.
        let open = Pause {
            from: date!(2026 - 09 - 22),
            to: None,
        };
        assert!(matches!(
            due(&cal, date!(2026 - 09 - 21), false, &[open]),
            Deadline::Paused { .. }
        ));
    }

    #[test]
    fn steps_follow_the_regulation() {
        use RequestState as S;
        let ok = |s, ext, st: Step| decide(s, ext, &st);
        assert_eq!(
            ok(
                S::Received,
                false,
                Step::AskClarification("请说明文件的年份".into())
            ),
            Ok(S::Clarifying)
        );
        assert_eq!(
            ok(S::Clarifying, false, Step::Clarified("2024年的文件".into())),
            Ok(S::Received)
        );
        assert_eq!(
            ok(
                S::Received,
                false,
                Step::Extend("需要征求第三方意见".into())
            ),
            Ok(S::Received)
        );
        assert_eq!(
            ok(S::Received, true, Step::Extend("再延一次".into())),
            Err(Refusal::WrongState)
        );
        assert_eq!(
            ok(
                S::Received,
                false,
                Step::Answer(
                    AnswerType::PartlyDisclosed,
                    "附件为可以公开的部分".into(),
                    String::new()
                )
            ),
            Err(Refusal::Field("reason", FieldCode::Required))
        );
        assert_eq!(
            ok(
                S::Received,
                false,
                Step::Answer(
                    AnswerType::PartlyDisclosed,
                    "附件为可以公开的部分".into(),
                    "第三页涉及个人隐私".into()
                )
            ),
            Ok(S::Answered)
        );
        assert_eq!(
            ok(S::Answered, false, Step::Extend("已经答复".into())),
            Err(Refusal::WrongState)
        );
        assert_eq!(
            ok(
                S::Clarifying,
                false,
                Step::Answer(AnswerType::Disclosed, "见附件内容".into(), String::new())
            ),
            Err(Refusal::WrongState)
        );
    }

    #[test]
    fn a_request_needs_a_department_and_a_description() {
        let e = RequestInput::default().check().unwrap_err();
        assert!(e.get("department").is_some() && e.get("description").is_some());
        let d = crate::ids::DepartmentId::generate();
        let r = RequestInput {
            department: d.to_string(),
            description: "请公开2025年本区城乡低保资金的使用情况".into(),
            form: String::new(),
        }
        .check()
        .unwrap();
        assert_eq!((r.department, r.form), (d, "electronic"));
    }
}
