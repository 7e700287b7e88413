//! What the platform tells a person about their appointments (SVC-2): confirmed, a place from
//! the waiting list, the reminder the day before, and a place cancelled by the hall.

use serde::{Deserialize, Serialize};

use super::Channel;
use crate::Lang;

/// A notice about a booking, kept as parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "booking", rename_all = "snake_case")]
pub enum BookingNotice {
    /// The booking holds a place.
    Confirmed {
        /// The place and desk, e.g. 广安区政务服务中心 · 3号窗口.
        place: String,
        /// The day and time, e.g. 2026-12-08 09:00-09:30.
        when: String,
    },
    /// A cancellation released a place and it went to this person from the waiting list.
    FromWaitingList {
        /// The place and desk.
        place: String,
        /// The day and time.
        when: String,
    },
    /// The reminder the day before.
    Reminder {
        /// The place and desk.
        place: String,
        /// The day and time.
        when: String,
    },
    /// The hall closed the desk or changed its hours, and the booking no longer holds a place.
    Cancelled {
        /// The place and desk.
        place: String,
        /// The day and time.
        when: String,
        /// Why, as the hall manager wrote it (e.g. 设备检修).
        reason: String,
    },
}

impl BookingNotice {
    pub(super) fn channels(&self) -> &'static [Channel] {
        &[Channel::Inbox, Channel::Sms]
    }

    pub(super) fn kind(&self) -> &'static str {
        match self {
            BookingNotice::Confirmed { .. } => "booking_confirmed",
            BookingNotice::FromWaitingList { .. } => "booking_from_waiting_list",
            BookingNotice::Reminder { .. } => "booking_reminder",
            BookingNotice::Cancelled { .. } => "booking_cancelled_by_hall",
        }
    }

    /// The place's name in Traditional script.
    pub(super) fn in_traditional(&mut self) {
        match self {
            BookingNotice::Confirmed { place, .. }
            | BookingNotice::FromWaitingList { place, .. }
            | BookingNotice::Reminder { place, .. } => *place = crate::zh::to_traditional(place),
            BookingNotice::Cancelled { place, reason, .. } => {
                *place = crate::zh::to_traditional(place);
                *reason = crate::zh::to_traditional(reason);
            }
        }
    }

    pub(super) fn words(&self, lang: Lang, site: &str) -> (String, String) {
        let pick = |zh: String, hant: String, en: String| match lang {
            Lang::ZhHans => zh,
            Lang::ZhHant => hant,
            Lang::En => en,
        };
        match self {
            BookingNotice::Confirmed { place, when } => (
                pick(
                    "预约成功".into(),
                    "預約成功".into(),
                    "Appointment booked".into(),
                ),
                pick(
                    format!(
                        "【{site}】您已预约{place}，时间 {when}。请按时到场，出示预约二维码签到；如不能前往，请提前取消。"
                    ),
                    format!(
                        "【{site}】您已預約{place}，時間 {when}。請按時到場，出示預約二維碼簽到；如不能前往，請提前取消。"
                    ),
                    format!(
                        "[{site}] Your appointment at {place} is booked for {when}. Show its QR code at the counter; if you cannot come, cancel in time."
                    ),
                ),
            ),
            BookingNotice::FromWaitingList { place, when } => (
                pick(
                    "候补成功".into(),
                    "候補成功".into(),
                    "A place came free for you".into(),
                ),
                pick(
                    format!(
                        "【{site}】有人取消了预约，您已按候补顺序约到{place}，时间 {when}。如不能前往，请及时取消。"
                    ),
                    format!(
                        "【{site}】有人取消了預約，您已按候補順序約到{place}，時間 {when}。如不能前往，請及時取消。"
                    ),
                    format!(
                        "[{site}] A place was cancelled and went to you from the waiting list: {place}, {when}. If you cannot come, cancel in time."
                    ),
                ),
            ),
            BookingNotice::Reminder { place, when } => (
                pick(
                    "明天的预约".into(),
                    "明天的預約".into(),
                    "Your appointment tomorrow".into(),
                ),
                pick(
                    format!(
                        "【{site}】提醒：您预约了{place}，时间 {when}。请带好身份证件，按时到场签到。"
                    ),
                    format!(
                        "【{site}】提醒：您預約了{place}，時間 {when}。請帶好身分證件，按時到場簽到。"
                    ),
                    format!(
                        "[{site}] Reminder: your appointment at {place} is at {when}. Bring your ID and check in on time."
                    ),
                ),
            ),
            BookingNotice::Cancelled {
                place,
                when,
                reason,
            } => (
                pick(
                    "预约已取消".into(),
                    "預約已取消".into(),
                    "Appointment cancelled".into(),
                ),
                pick(
                    format!(
                        "【{site}】因{reason}，您在{place}（{when}）的预约已由服务大厅取消，不计爽约。请重新预约其他时段。"
                    ),
                    format!(
                        "【{site}】因{reason}，您在{place}（{when}）的預約已由服務大廳取消，不計爽約。請重新預約其他時段。"
                    ),
                    format!(
                        "[{site}] Your appointment at {place} ({when}) was cancelled by the hall: {reason}. It does not count as a no-show; please book another time."
                    ),
                ),
            ),
        }
    }
}
