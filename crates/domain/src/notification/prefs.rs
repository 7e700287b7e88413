//! A person's choices about how the platform reaches them (NOTIF-1): which kinds of message
//! go on which channels, and quiet hours. Pure rules; the store keeps the choices and applies
//! [`plan`] and [`held_until`] when a notice is recorded.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Channel, Notice};
use crate::Timestamp;
use crate::error::{FieldCode, FieldErrors};

crate::stable_names! {
    /// What a message is about, the unit a person chooses channels for. Security messages
    /// (codes, password changes) have no topic: they always go as the platform decides.
    pub enum Topic {
        /// One's applications (办件): received, accepted, decided.
        Cases = "cases",
        /// One's inquiries, complaints and petitions.
        Inquiries = "inquiries",
        /// A new document in a column, category or region one follows.
        News = "news",
        /// The daily digest (每日10条).
        Digest = "digest",
        /// Emergency alerts for one's region. Never held by quiet hours; a red alert always
        /// goes by SMS too.
        Alerts = "alerts",
        /// Staff work: due and overdue cases and inquiries, replies to review.
        Work = "work",
        /// The account itself: welcome, verification, agents.
        Account = "account",
    }
}

/// The channels a person may switch on or off; the inbox always keeps a copy.
pub const CHOOSABLE: [Channel; 3] = [Channel::Push, Channel::Sms, Channel::Email];

/// Quiet hours, Beijing time: from `from:00` to `to:00`, over midnight when `from > to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuietHours {
    /// The first quiet hour (0–23).
    pub from: u8,
    /// The first hour that is no longer quiet (0–23).
    pub to: u8,
}

impl QuietHours {
    /// Whether the Beijing hour `h` is quiet.
    pub fn covers(self, h: u8) -> bool {
        if self.from < self.to {
            (self.from..self.to).contains(&h)
        } else {
            h >= self.from || h < self.to
        }
    }
}

/// A person's choices. A topic not listed keeps the platform's defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preferences {
    /// Per topic, the choosable channels the person wants.
    #[serde(default)]
    pub channels: BTreeMap<Topic, Vec<Channel>>,
    /// When non-urgent messages wait (not alerts, not security messages).
    #[serde(default)]
    pub quiet: Option<QuietHours>,
}

/// What the platform can reach a person by, besides the inbox and their mobile number.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reach {
    /// At least one device took Web Push.
    pub push: bool,
    /// An email address is recorded.
    pub email: bool,
}

impl Preferences {
    /// The choosable channels on for `topic`: the person's choice, or the defaults.
    pub fn chosen(&self, topic: Topic) -> Vec<Channel> {
        match self.channels.get(&topic) {
            Some(c) => c.clone(),
            None => default_channels(topic).to_vec(),
        }
    }

    /// Switches one channel off for one topic (what an unsubscribe link does).
    pub fn switch_off(&mut self, topic: Topic, channel: Channel) {
        let mut on = self.chosen(topic);
        on.retain(|c| *c != channel);
        self.channels.insert(topic, on);
    }

    /// The choices as a form sent them, unchecked, to show again beside its errors: the
    /// known pairs, and the hours when both are hours of the day.
    pub fn as_sent(on: &[String], quiet_from: Option<u8>, quiet_to: Option<u8>) -> Preferences {
        let mut channels: BTreeMap<Topic, Vec<Channel>> =
            Topic::ALL.iter().map(|t| (*t, Vec::new())).collect();
        for (t, c) in on.iter().filter_map(|p| {
            let (t, c) = p.split_once('.')?;
            Some((Topic::parse(t)?, Channel::parse(c)?))
        }) {
            channels.entry(t).or_default().push(c);
        }
        let quiet = match (quiet_from, quiet_to) {
            (Some(from), Some(to)) if from < 24 && to < 24 => Some(QuietHours { from, to }),
            _ => None,
        };
        Preferences { channels, quiet }
    }

    /// Builds and checks choices from a form: `on` lists `topic.channel` pairs; quiet hours
    /// are both given or both empty, and differ.
    pub fn from_form(
        on: &[String],
        quiet_from: Option<u8>,
        quiet_to: Option<u8>,
    ) -> Result<Preferences, crate::Error> {
        let mut errors = FieldErrors::new();
        let mut channels: BTreeMap<Topic, Vec<Channel>> =
            Topic::ALL.iter().map(|t| (*t, Vec::new())).collect();
        for pair in on {
            let parsed = pair.split_once('.').and_then(|(t, c)| {
                Some((Topic::parse(t)?, Channel::parse(c)?)).filter(|(_, c)| CHOOSABLE.contains(c))
            });
            match parsed {
                Some((t, c)) => {
                    let list = channels.entry(t).or_default();
                    if !list.contains(&c) {
                        list.push(c);
                    }
                }
                None => errors.add("channels", FieldCode::UnknownChoice),
            }
        }
        let quiet = match (quiet_from, quiet_to) {
            (None, None) => None,
            (Some(from), Some(to)) if from < 24 && to < 24 && from != to => {
                Some(QuietHours { from, to })
            }
            (Some(from), Some(to)) if from < 24 && to < 24 => {
                errors.add("quiet_to", FieldCode::QuietHoursEmpty);
                None
            }
            (Some(_), Some(_)) => {
                errors.add("quiet_to", FieldCode::OutOfRange);
                None
            }
            (None, Some(_)) => {
                errors.add("quiet_from", FieldCode::Required);
                None
            }
            (Some(_), None) => {
                errors.add("quiet_to", FieldCode::Required);
                None
            }
        };
        errors.finish(|| Some(Preferences { channels, quiet }))
    }
}

/// The choosable channels a topic uses when the person has not chosen.
pub fn default_channels(topic: Topic) -> &'static [Channel] {
    match topic {
        Topic::Cases | Topic::Inquiries => &[Channel::Push, Channel::Sms],
        Topic::News | Topic::Digest | Topic::Alerts | Topic::Work | Topic::Account => {
            &[Channel::Push]
        }
    }
}

impl Notice {
    /// What the notice is about; `None` for security messages, which no choice changes.
    pub fn topic(&self) -> Option<Topic> {
        match self {
            Notice::SmsCode { .. }
            | Notice::AssistConsent { .. }
            | Notice::AlreadyRegistered
            | Notice::PasswordChanged
            | Notice::PasswordReset
            | Notice::PushTest
            | Notice::EmailConfirm { .. } => None,
            Notice::Welcome
            | Notice::RealNameVerified
            | Notice::StaffAccountCreated { .. }
            | Notice::AgentAuthorised { .. }
            | Notice::AgentInvited { .. } => Some(Topic::Account),
            Notice::CaseReceived { .. } | Notice::CaseProgress { .. } => Some(Topic::Cases),
            Notice::CaseDueSoon { .. } | Notice::CaseOverdue { .. } | Notice::Text { .. } => {
                Some(Topic::Work)
            }
            Notice::Inquiry(n) if n.is_for_staff() => Some(Topic::Work),
            Notice::Inquiry(_) => Some(Topic::Inquiries),
            // Appointments, fees and records are the person's own affairs, like their cases.
            Notice::Booking(_) | Notice::Service(_) => Some(Topic::Cases),
            Notice::DocPublished { .. } => Some(Topic::News),
            Notice::Digest { .. } => Some(Topic::Digest),
            Notice::Alert { .. } => Some(Topic::Alerts),
        }
    }

    fn forced(&self) -> &'static [Channel] {
        match self {
            Notice::Alert { severity, .. } if severity == "red" => &[Channel::Sms],
            _ => &[],
        }
    }
}

/// The channels a notice goes out on for a person with these choices and this reach: the
/// inbox when the notice keeps one, then the chosen channels the person can be reached by.
/// Security messages keep their own channels whatever was chosen; a red alert always goes by
/// SMS.
pub fn plan(notice: &Notice, prefs: &Preferences, reach: Reach) -> Vec<Channel> {
    let base = notice.channels();
    let Some(topic) = notice.topic() else {
        return base
            .iter()
            .copied()
            .filter(|c| *c != Channel::Push || reach.push)
            .collect();
    };
    let mut out: Vec<Channel> = base
        .iter()
        .copied()
        .filter(|c| *c == Channel::Inbox)
        .collect();
    let wanted = prefs.chosen(topic);
    for c in CHOOSABLE {
        let reachable = match c {
            Channel::Push => reach.push,
            Channel::Email => reach.email,
            Channel::Sms | Channel::Inbox => true,
        };
        if reachable && (wanted.contains(&c) || notice.forced().contains(&c)) {
            out.push(c);
        }
    }
    out
}

/// When a delivery on `channel` may go: `None` for now, or the end of the person's quiet
/// hours. The inbox, alerts and security messages never wait.
pub fn held_until(
    now: Timestamp,
    prefs: &Preferences,
    notice: &Notice,
    channel: Channel,
) -> Option<Timestamp> {
    let quiet = prefs.quiet?;
    if channel == Channel::Inbox || matches!(notice.topic(), None | Some(Topic::Alerts)) {
        return None;
    }
    let local = now.to_beijing();
    if !quiet.covers(local.hour()) {
        return None;
    }
    let hours_left = (i64::from(quiet.to) - i64::from(local.hour())).rem_euclid(24);
    let into_hour = i64::from(local.minute()) * 60_000
        + i64::from(local.second()) * 1000
        + i64::from(local.millisecond());
    Some(Timestamp(now.millis() + hours_left * 3_600_000 - into_hour))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn progress() -> Notice {
        Notice::CaseProgress {
            receipt: "R1".into(),
            item: "x".into(),
            event: crate::workflow::EventKind::Accepted,
        }
    }

    #[test]
    fn defaults_reach_a_device_when_there_is_one() {
        let p = Preferences::default();
        let none = Reach::default();
        let phone = Reach {
            push: true,
            email: false,
        };
        assert_eq!(plan(&progress(), &p, none), [Channel::Inbox, Channel::Sms]);
        assert_eq!(
            plan(&progress(), &p, phone),
            [Channel::Inbox, Channel::Push, Channel::Sms]
        );
        // Codes stay on SMS whatever was chosen.
        let code = Notice::AlreadyRegistered;
        let mut off = Preferences::default();
        off.channels.insert(Topic::Account, vec![]);
        assert_eq!(plan(&code, &off, phone), [Channel::Sms]);
        assert_eq!(plan(&Notice::PushTest, &off, none), []);
        assert_eq!(plan(&Notice::PushTest, &off, phone), [Channel::Push]);
    }

    #[test]
    fn choices_are_honoured_except_for_a_red_alert() {
        let mut p = Preferences::default();
        p.channels.insert(Topic::Cases, vec![Channel::Email]);
        p.channels.insert(Topic::Alerts, vec![]);
        let all = Reach {
            push: true,
            email: true,
        };
        assert_eq!(plan(&progress(), &p, all), [Channel::Inbox, Channel::Email]);
        // Email chosen but no address: the inbox still has it.
        assert_eq!(plan(&progress(), &p, Reach::default()), [Channel::Inbox]);
        let alert = |severity: &str| Notice::Alert {
            severity: severity.into(),
            title: "t".into(),
            text: "x".into(),
            instructions: String::new(),
            until: String::new(),
            phase: String::new(),
        };
        assert_eq!(plan(&alert("red"), &p, all), [Channel::Inbox, Channel::Sms]);
        assert_eq!(plan(&alert("blue"), &p, all), [Channel::Inbox]);
    }

    #[test]
    fn quiet_hours_hold_until_they_end_but_never_an_alert() {
        let p = Preferences {
            quiet: Some(QuietHours { from: 22, to: 7 }),
            ..Preferences::default()
        };
        // 2026-12-06 23:30 Beijing = 15:30 UTC.
        let late = Timestamp(1_796_571_000_000);
        assert_eq!(late.to_beijing().hour(), 23);
        let until = held_until(late, &p, &progress(), Channel::Sms).unwrap();
        let b = until.to_beijing();
        assert_eq!((b.hour(), b.minute(), b.day()), (7, 0, 7));
        assert_eq!(held_until(late, &p, &progress(), Channel::Inbox), None);
        let alert = Notice::Alert {
            severity: "blue".into(),
            title: "t".into(),
            text: "x".into(),
            instructions: String::new(),
            until: String::new(),
            phase: String::new(),
        };
        assert_eq!(held_until(late, &p, &alert, Channel::Push), None);
        // 12:00 Beijing is not quiet.
        let noon = Timestamp(1_796_529_600_000);
        assert_eq!(noon.to_beijing().hour(), 12);
        assert_eq!(held_until(noon, &p, &progress(), Channel::Sms), None);
        assert!(QuietHours { from: 1, to: 6 }.covers(1));
        assert!(!QuietHours { from: 1, to: 6 }.covers(6));
    }

    #[test]
    fn a_form_with_unknown_pairs_or_equal_hours_is_refused() {
        let ok = Preferences::from_form(
            &["news.email".into(), "cases.push".into()],
            Some(22),
            Some(7),
        )
        .unwrap();
        assert_eq!(ok.chosen(Topic::News), [Channel::Email]);
        assert_eq!(ok.chosen(Topic::Alerts), []);
        assert!(Preferences::from_form(&["news.inbox".into()], None, None).is_err());
        assert!(Preferences::from_form(&["weather.sms".into()], None, None).is_err());
        assert!(Preferences::from_form(&[], Some(7), Some(7)).is_err());
        assert!(Preferences::from_form(&[], Some(24), Some(7)).is_err());
        assert!(Preferences::from_form(&[], Some(3), None).is_err());
        let mut p = Preferences::default();
        p.switch_off(Topic::Cases, Channel::Sms);
        assert_eq!(p.chosen(Topic::Cases), [Channel::Push]);
    }
}
