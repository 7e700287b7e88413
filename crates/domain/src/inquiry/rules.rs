//! What each kind and each category allows, and the time limits of each stage (INQ-1, INQ-3):
//! anonymity (never for a petition), publication on the board, and the working-day (or, for
//! petitions, calendar-day) limits, with defaults an admin can change.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::{Date, Duration};

use super::vocab::Kind;
use crate::deadline::{Calendar, Deadline, Pause};
use crate::forms::Label;
use crate::{FieldCode, FieldErrors};

impl Kind {
    /// Whether this kind may be asked without giving one's identity (never a petition: the
    /// 信访工作条例 requires the petitioner's name and address).
    pub fn may_be_anonymous(self) -> bool {
        self != Kind::Petition
    }

    /// Whether this kind may appear on the public board at all: a report names wrongdoing and
    /// a petition is the petitioner's own matter, so neither is ever published.
    pub fn may_be_public(self) -> bool {
        !matches!(self, Kind::Report | Kind::Petition)
    }
}

/// How days are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Working days on the official calendar (holidays and weekends skipped, make-up days
    /// counted).
    WorkingDays,
    /// Calendar days (the 信访工作条例 counts in days).
    Days,
}

/// A time limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// How many.
    pub days: u32,
    /// Of what.
    pub unit: Unit,
}

impl Span {
    /// So many working days.
    pub const fn working(days: u32) -> Span {
        Span {
            days,
            unit: Unit::WorkingDays,
        }
    }

    /// So many calendar days.
    pub const fn days(days: u32) -> Span {
        Span {
            days,
            unit: Unit::Days,
        }
    }

    /// The last day of the limit counted from `start` (the day it began), not counting the
    /// days in `pauses`; `Paused` while a pause is open.
    pub fn due(self, calendar: &Calendar, start: Date, pauses: &[Pause]) -> Deadline {
        match self.unit {
            Unit::WorkingDays => calendar.deadline(start, self.days, pauses),
            Unit::Days => {
                let mut used = 0;
                let mut day = start;
                while used < self.days {
                    let Some(next) = day.checked_add(Duration::days(1)) else {
                        break;
                    };
                    day = next;
                    if pauses.iter().any(|p| p.to.is_none() && day >= p.from) {
                        return Deadline::Paused {
                            used,
                            remaining: self.days - used,
                        };
                    }
                    let paused = pauses
                        .iter()
                        .any(|p| day >= p.from && p.to.is_none_or(|to| day <= to));
                    if !paused {
                        used += 1;
                    }
                }
                Deadline::Due {
                    date: day,
                    uncovered: Vec::new(),
                }
            }
        }
    }
}

/// The limits of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindLimits {
    /// From reaching a department to its acknowledgement (签收).
    pub acknowledge: Span,
    /// From submission to the reply; for a petition, from its acceptance.
    pub reply: Span,
    /// A petition: from submission to the decision whether to accept it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accept: Option<Span>,
    /// A petition: the one extension of the handling time, with a reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<Span>,
    /// A petition: from the request for a review (复查) to its answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Span>,
}

impl KindLimits {
    /// The defaults: acknowledge within 1 working day; a question answered within 5 working
    /// days, help, complaints, reports and suggestions within 15; a petition decided within
    /// 15 days, handled within 60 once accepted, extendable once by 30, a review within 30.
    pub fn default_for(kind: Kind) -> KindLimits {
        let plain = |reply| KindLimits {
            acknowledge: Span::working(1),
            reply: Span::working(reply),
            accept: None,
            extension: None,
            review: None,
        };
        match kind {
            Kind::Question => plain(5),
            Kind::Help | Kind::Complaint | Kind::Report | Kind::Suggestion => plain(15),
            Kind::Petition => KindLimits {
                acknowledge: Span::working(1),
                reply: Span::days(60),
                accept: Some(Span::days(15)),
                extension: Some(Span::days(30)),
                review: Some(Span::days(30)),
            },
        }
    }
}

/// The platform's inquiry settings, kept as one document an admin edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Limits by kind (a kind left out has its defaults).
    #[serde(default)]
    pub limits: BTreeMap<Kind, KindLimits>,
    /// How many times departments may pass an inquiry on before a supervisor must decide.
    #[serde(default = "default_transfers")]
    pub max_transfers: u32,
    /// Days the citizen has to give a verdict on a reply.
    #[serde(default = "default_rating_days")]
    pub rating_days: u32,
}

fn default_transfers() -> u32 {
    2
}

fn default_rating_days() -> u32 {
    7
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            limits: BTreeMap::new(),
            max_transfers: default_transfers(),
            rating_days: default_rating_days(),
        }
    }
}

impl Settings {
    /// The limits of a kind.
    pub fn limits(&self, kind: Kind) -> KindLimits {
        self.limits
            .get(&kind)
            .copied()
            .unwrap_or_else(|| KindLimits::default_for(kind))
    }

    /// Every problem at once: limits of 1 to 365 days, 0 to 10 transfers, 1 to 30 days for a
    /// verdict; a petition keeps its acceptance and review limits.
    pub fn check(&self) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::new();
        let ok = |s: &Span| (1..=365).contains(&s.days);
        for (kind, l) in &self.limits {
            let at = |f: &str| format!("limits.{}.{f}", kind.as_str());
            for (name, span) in [
                ("acknowledge", Some(l.acknowledge)),
                ("reply", Some(l.reply)),
            ]
            .into_iter()
            .chain([
                ("accept", l.accept),
                ("extension", l.extension),
                ("review", l.review),
            ]) {
                if let Some(s) = span
                    && !ok(&s)
                {
                    e.add_path(at(name), FieldCode::OutOfRange);
                }
            }
            if *kind == Kind::Petition {
                for (name, span) in [("accept", l.accept), ("review", l.review)] {
                    if span.is_none() {
                        e.add_path(at(name), FieldCode::Required);
                    }
                }
            }
        }
        if self.max_transfers > 10 {
            e.add("max_transfers", FieldCode::OutOfRange);
        }
        if !(1..=30).contains(&self.rating_days) {
            e.add("rating_days", FieldCode::OutOfRange);
        }
        if e.is_empty() { Ok(()) } else { Err(e) }
    }
}

/// A category of inquiries (城市管理 / 路灯照明 …), edited by admins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    /// Its code, `[a-z][a-z0-9_]{0,39}`; the Open311 `service_code`.
    pub code: String,
    /// Its name.
    pub name: Label,
    /// The group it belongs to (城市管理, 交通出行 …); the Open311 `group`.
    pub group: Label,
    /// What it covers, for the person choosing.
    #[serde(default)]
    pub description: Label,
    /// Whether it may be asked anonymously (the kind must allow it too).
    pub allow_anonymous: bool,
    /// Whether its answered inquiries may go on the public board (the kind and the person
    /// must allow it too).
    pub allow_public: bool,
    /// A reply limit in working days replacing the kind's (not for petitions).
    #[serde(default)]
    pub reply_days: Option<u32>,
    /// Whether new inquiries may choose it.
    pub active: bool,
}

impl Category {
    /// Every problem at once.
    pub fn check(&self) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::new();
        if !crate::application::valid_key(&self.code) {
            e.add("code", FieldCode::InvalidKey);
        }
        for (field, label, max) in [
            ("name", &self.name, 30),
            ("group", &self.group, 30),
            ("description", &self.description, 300),
        ] {
            let min = usize::from(field != "description");
            if let Err(c) = crate::account::check_plain_text(&label.zh, min, max) {
                e.add(field, c);
            }
            if let Some(en) = &label.en
                && let Err(c) = crate::account::check_plain_text(en, 0, max * 3)
            {
                e.add_path(format!("{field}.en"), c);
            }
        }
        if self.reply_days.is_some_and(|d| !(1..=365).contains(&d)) {
            e.add("reply_days", FieldCode::OutOfRange);
        }
        if e.is_empty() { Ok(()) } else { Err(e) }
    }

    /// The reply limit for `kind` in this category.
    pub fn reply_limit(&self, kind: Kind, settings: &Settings) -> Span {
        match (kind, self.reply_days) {
            (Kind::Petition, _) | (_, None) => settings.limits(kind).reply,
            (_, Some(days)) => Span::working(days),
        }
    }

    /// Whether `kind` may be asked anonymously in this category.
    pub fn anonymous_allowed(&self, kind: Kind) -> bool {
        self.allow_anonymous && kind.may_be_anonymous()
    }

    /// Whether `kind` may go on the public board from this category.
    pub fn public_allowed(&self, kind: Kind) -> bool {
        self.allow_public && kind.may_be_public()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        crate::deadline::parse_date(s).unwrap()
    }

    fn calendar() -> Calendar {
        // 2026-10-01…07 National Day; 2026-10-10 (Saturday) a make-up working day.
        let mut days: Vec<(Date, crate::deadline::DayKind)> = (1..=7)
            .map(|d| {
                (
                    date(&format!("2026-10-0{d}")),
                    crate::deadline::DayKind::Holiday,
                )
            })
            .collect();
        days.push((date("2026-10-10"), crate::deadline::DayKind::Workday));
        Calendar::new(days)
    }

    fn due(d: Deadline) -> Date {
        match d {
            Deadline::Due { date, .. } => date,
            Deadline::Paused { .. } => panic!("paused"),
        }
    }

    #[test]
    fn a_question_is_answered_in_five_working_days_and_the_holiday_moves_the_day() {
        let s = Settings::default();
        let span = s.limits(Kind::Question).reply;
        // Wednesday 30 September: Thursday 1 October starts a week of holidays.
        let d = due(span.due(&calendar(), date("2026-09-30"), &[]));
        // 8 Oct (Thu), 9 (Fri), 10 (Sat, make-up), 12 (Mon), 13 (Tue).
        assert_eq!(d, date("2026-10-13"));
        let plain = due(span.due(&Calendar::default(), date("2026-09-30"), &[]));
        assert_eq!(plain, date("2026-10-07"), "without the holidays");
    }

    #[test]
    fn a_petition_counts_calendar_days_and_a_pause_stops_the_count() {
        let l = KindLimits::default_for(Kind::Petition);
        assert_eq!(l.accept, Some(Span::days(15)));
        assert_eq!(l.reply, Span::days(60));
        assert_eq!(l.extension, Some(Span::days(30)));
        let start = date("2026-09-30");
        assert_eq!(
            due(l.reply.due(&calendar(), start, &[])),
            date("2026-11-29")
        );
        let pause = Pause {
            from: date("2026-10-05"),
            to: Some(date("2026-10-09")),
        };
        assert_eq!(
            due(l.reply.due(&calendar(), start, &[pause])),
            date("2026-12-04"),
            "five paused days added"
        );
        let open = Pause {
            from: date("2026-10-05"),
            to: None,
        };
        assert!(matches!(
            l.reply.due(&calendar(), start, &[open]),
            Deadline::Paused {
                used: 4,
                remaining: 56
            }
        ));
    }

    #[test]
    fn a_petition_is_never_anonymous_and_reports_and_petitions_are_never_public() {
        let c = Category {
            code: "street_lights".into(),
            name: Label {
                zh: "路灯照明".into(),
                en: None,
            },
            group: Label {
                zh: "城市管理".into(),
                en: None,
            },
            description: Label::default(),
            allow_anonymous: true,
            allow_public: true,
            reply_days: Some(3),
            active: true,
        };
        assert!(c.check().is_ok());
        assert!(c.anonymous_allowed(Kind::Complaint));
        assert!(!c.anonymous_allowed(Kind::Petition));
        assert!(c.public_allowed(Kind::Question));
        assert!(!c.public_allowed(Kind::Report) && !c.public_allowed(Kind::Petition));
        let s = Settings::default();
        assert_eq!(c.reply_limit(Kind::Help, &s), Span::working(3));
        assert_eq!(c.reply_limit(Kind::Petition, &s), Span::days(60));
        let bad = Category {
            code: "Street Lights".into(),
            reply_days: Some(0),
            ..c
        };
        let e = bad.check().unwrap_err();
        let fields: Vec<&str> = e.iter().map(|f| f.field.as_ref()).collect();
        assert_eq!(fields, ["code", "reply_days"]);
    }

    #[test]
    fn settings_refuse_limits_out_of_range_and_a_petition_without_its_limits() {
        let mut s = Settings::default();
        assert!(s.check().is_ok());
        s.limits.insert(
            Kind::Petition,
            KindLimits {
                accept: None,
                ..KindLimits::default_for(Kind::Petition)
            },
        );
        s.limits.insert(
            Kind::Question,
            KindLimits {
                reply: Span::working(0),
                ..KindLimits::default_for(Kind::Question)
            },
        );
        s.rating_days = 0;
        let e = s.check().unwrap_err();
        let fields: Vec<&str> = e.iter().map(|f| f.field.as_ref()).collect();
        assert_eq!(
            fields,
            [
                "limits.question.reply",
                "limits.petition.accept",
                "rating_days"
            ]
        );
    }
}
