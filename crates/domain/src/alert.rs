//! Emergency alerts (PUB-7): a duty officer issues an alert for a region — severity, title,
//! what is happening, what to do, until when — after a confirmation step; the highest
//! severity needs a second officer's approval first. Corrections and the all-clear follow
//! the same path. The levels are China's four warning colours (预警级别, 蓝黄橙红).

use crate::error::{FieldCode, FieldErrors};
use crate::time::Timestamp;

crate::stable_names! {
    /// How severe (蓝色 IV … 红色 I).
    pub enum Severity {
        /// 蓝色预警 (IV, general).
        Blue = "blue",
        /// 黄色预警 (III, serious).
        Yellow = "yellow",
        /// 橙色预警 (II, grave).
        Orange = "orange",
        /// 红色预警 (I, especially grave): a second officer approves it, and it also goes by
        /// SMS.
        Red = "red",
    }
}

crate::stable_names! {
    /// What the message is.
    pub enum AlertKind {
        /// A new alert.
        Alert = "alert",
        /// A correction or update of an alert.
        Update = "update",
        /// The danger is over (解除).
        AllClear = "all_clear",
    }
}

crate::stable_names! {
    /// Where an alert stands.
    pub enum AlertState {
        /// A red alert waiting for the second officer.
        AwaitingApproval = "awaiting_approval",
        /// Shown and sent.
        Active = "active",
        /// Taken down before its time.
        Lifted = "lifted",
    }
}

/// What the officer types.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct AlertInput {
    /// The region code it is for (its whole subtree).
    #[serde(default)]
    pub region: String,
    /// `blue` … `red`.
    #[serde(default)]
    pub severity: String,
    /// `alert`, `update`, `all_clear`.
    #[serde(default)]
    pub kind: String,
    /// 标题, e.g. 地震预警.
    #[serde(default)]
    pub title: String,
    /// What is happening.
    #[serde(default)]
    pub text: String,
    /// What to do.
    #[serde(default)]
    pub instructions: String,
    /// Valid until (Beijing time `YYYY-MM-DDTHH:MM`, already read by the caller).
    #[serde(skip)]
    pub until: Option<Timestamp>,
    /// For an update or an all-clear: the id of the alert it corrects or ends.
    #[serde(default)]
    pub follows: String,
}

/// A checked alert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    /// The region code.
    pub region: String,
    /// Severity.
    pub severity: Severity,
    /// Kind.
    pub kind: AlertKind,
    /// Title.
    pub title: String,
    /// Text.
    pub text: String,
    /// What to do.
    pub instructions: String,
    /// Valid until.
    pub until: Timestamp,
    /// The alert an update or all-clear follows (its id); it comes down when this goes out.
    pub follows: Option<String>,
}

/// The longest an alert may stay up: a week, then it is issued again if still needed.
pub const MAX_HOURS: i64 = 7 * 24;

impl AlertInput {
    /// Checks every field at once at `now`; the region's existence and the officer's right to
    /// it are the caller's to check.
    pub fn check(&self, now: Timestamp) -> Result<Alert, FieldErrors> {
        let mut e = FieldErrors::new();
        let region =
            crate::region::RegionCode::parse(self.region.trim()).map(|r| r.as_str().to_owned());
        let region = e.check("region", region);
        let severity = match Severity::parse(self.severity.trim()) {
            Some(s) => Some(s),
            None => {
                e.add("severity", FieldCode::InvalidChoice);
                None
            }
        };
        let kind = match AlertKind::parse(self.kind.trim()) {
            Some(k) => Some(k),
            None => {
                e.add("kind", FieldCode::InvalidChoice);
                None
            }
        };
        let text = |v: &str, min, max| crate::account::check_plain_text(v, min, max);
        let title = e.check("title", text(&self.title, 2, 40));
        let body = e.check(
            "text",
            crate::workflow::clean_text(&self.text, 5, 500, true),
        );
        let instructions = e.check(
            "instructions",
            crate::workflow::clean_text(&self.instructions, 0, 500, true),
        );
        let until = match self.until {
            None => {
                e.add("until", FieldCode::Required);
                None
            }
            Some(t) if t <= now => {
                e.add("until", FieldCode::DateInPast);
                None
            }
            Some(t) if t.millis() - now.millis() > MAX_HOURS * 3_600_000 => {
                e.add("until", FieldCode::OutOfRange);
                None
            }
            Some(t) => Some(t),
        };
        let follows = self.follows.trim();
        let follows = match kind {
            Some(AlertKind::Update | AlertKind::AllClear) if follows.is_empty() => {
                e.add("follows", FieldCode::Required);
                None
            }
            Some(AlertKind::Update | AlertKind::AllClear) => Some(follows.to_owned()),
            _ => None,
        };
        match (region, severity, kind, title, body, instructions, until) {
            (
                Some(region),
                Some(severity),
                Some(kind),
                Some(title),
                Some(text),
                Some(instructions),
                Some(until),
            ) if e.is_empty() => Ok(Alert {
                region,
                severity,
                kind,
                title,
                text,
                instructions,
                until,
                follows,
            }),
            _ => Err(e),
        }
    }
}

/// The state an issued alert starts in: red waits for a second officer.
pub fn issued_state(severity: Severity) -> AlertState {
    match severity {
        Severity::Red => AlertState::AwaitingApproval,
        _ => AlertState::Active,
    }
}

/// Why an approval is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApprovalRefusal {
    /// Not waiting for approval.
    WrongState,
    /// The officer who issued it cannot approve it.
    SameOfficer,
}

/// Whether `approver` may approve an alert issued by `issuer`.
pub fn approve<T: PartialEq>(
    state: AlertState,
    issuer: &T,
    approver: &T,
) -> Result<AlertState, ApprovalRefusal> {
    if state != AlertState::AwaitingApproval {
        return Err(ApprovalRefusal::WrongState);
    }
    if issuer == approver {
        return Err(ApprovalRefusal::SameOfficer);
    }
    Ok(AlertState::Active)
}

/// Whether an alert is shown at `now`.
pub fn is_shown(state: AlertState, until: Timestamp, now: Timestamp) -> bool {
    state == AlertState::Active && until > now
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Timestamp = Timestamp(1_800_000_000_000);

    fn input() -> AlertInput {
        AlertInput {
            region: "511602".into(),
            severity: "orange".into(),
            kind: "alert".into(),
            title: "地震预警".into(),
            text: "预计30秒后有震感，震级约5级。".into(),
            instructions: "远离窗户，躲在结实的桌子下，不要乘电梯。".into(),
            until: Some(Timestamp(NOW.0 + 2 * 3_600_000)),
            follows: String::new(),
        }
    }

    #[test]
    fn an_update_or_all_clear_names_the_alert_it_follows() {
        for kind in ["update", "all_clear"] {
            let mut i = AlertInput {
                kind: kind.into(),
                ..input()
            };
            assert_eq!(
                i.check(NOW).unwrap_err().get("follows"),
                Some(FieldCode::Required)
            );
            i.follows = "01a24cae-5e01-71c2-8bdf-6e8aca78010d".into();
            assert!(i.check(NOW).unwrap().follows.is_some());
        }
        let i = AlertInput {
            follows: "x".into(),
            ..input()
        };
        assert_eq!(
            i.check(NOW).unwrap().follows,
            None,
            "a new alert follows nothing"
        );
    }

    #[test]
    fn an_alert_is_checked_all_at_once() {
        let a = input().check(NOW).unwrap();
        assert_eq!((a.severity, a.kind), (Severity::Orange, AlertKind::Alert));
        let e = AlertInput {
            region: "x".into(),
            severity: "purple".into(),
            kind: String::new(),
            title: "地".into(),
            text: String::new(),
            until: Some(Timestamp(NOW.0 - 1)),
            ..input()
        }
        .check(NOW)
        .unwrap_err();
        for f in ["region", "severity", "kind", "title", "text", "until"] {
            assert!(e.get(f).is_some(), "{f}: {e:?}");
        }
        let e = AlertInput {
            until: Some(Timestamp(NOW.0 + (MAX_HOURS + 1) * 3_600_000)),
            ..input()
        }
        .check(NOW)
        .unwrap_err();
        assert_eq!(e.get("until"), Some(FieldCode::OutOfRange));
    }

    #[test]
    fn red_needs_a_second_officer_and_shown_means_active_and_in_time() {
        assert_eq!(issued_state(Severity::Orange), AlertState::Active);
        assert_eq!(issued_state(Severity::Red), AlertState::AwaitingApproval);
        assert_eq!(
            approve(AlertState::AwaitingApproval, &1, &2),
            Ok(AlertState::Active)
        );
        assert_eq!(
            approve(AlertState::AwaitingApproval, &1, &1),
            Err(ApprovalRefusal::SameOfficer)
        );
        assert_eq!(
            approve(AlertState::Active, &1, &2),
            Err(ApprovalRefusal::WrongState)
        );
        assert!(is_shown(AlertState::Active, Timestamp(NOW.0 + 1), NOW));
        assert!(!is_shown(AlertState::Active, NOW, NOW));
        assert!(!is_shown(AlertState::Lifted, Timestamp(NOW.0 + 1), NOW));
        assert!(!is_shown(
            AlertState::AwaitingApproval,
            Timestamp(NOW.0 + 1),
            NOW
        ));
    }
}
