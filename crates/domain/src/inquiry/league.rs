//! The league table's arithmetic (INQ-4): counters kept per day and department as events
//! happen, summed over a period, and the rates computed from the sums — so a table never reads
//! the inquiries themselves.

use serde::Serialize;

/// Counters of one department (or region) over some days. Each is bumped in the transaction
/// of the event it counts, on the day it happened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Inquiries that reached the department (routed or transferred to it).
    pub received: i64,
    /// Acknowledged (签收).
    pub acknowledged: i64,
    /// … within the acknowledgement limit.
    pub acknowledged_on_time: i64,
    /// Replies sent.
    pub replied: i64,
    /// … within the reply limit.
    pub replied_on_time: i64,
    /// Working days from submission (or reopening) to the reply, summed over the replies.
    pub reply_days: i64,
    /// Verdicts given.
    pub rated: i64,
    /// 满意.
    pub satisfied: i64,
    /// 基本满意.
    pub basically: i64,
    /// 不满意.
    pub unsatisfied: i64,
    /// Reopened by an unsatisfied verdict.
    pub reopened: i64,
}

impl Counts {
    /// Adds another period's or department's counters.
    pub fn add(&mut self, o: &Counts) {
        self.received += o.received;
        self.acknowledged += o.acknowledged;
        self.acknowledged_on_time += o.acknowledged_on_time;
        self.replied += o.replied;
        self.replied_on_time += o.replied_on_time;
        self.reply_days += o.reply_days;
        self.rated += o.rated;
        self.satisfied += o.satisfied;
        self.basically += o.basically;
        self.unsatisfied += o.unsatisfied;
        self.reopened += o.reopened;
    }

    fn share(part: i64, whole: i64) -> Option<f64> {
        (whole > 0).then(|| part as f64 / whole as f64)
    }

    /// 响应率: acknowledged within the limit, of those acknowledged.
    pub fn response_rate(&self) -> Option<f64> {
        Self::share(self.acknowledged_on_time, self.acknowledged)
    }

    /// 按时办结率: replied within the limit, of the replies.
    pub fn on_time_rate(&self) -> Option<f64> {
        Self::share(self.replied_on_time, self.replied)
    }

    /// 满意率: satisfied or basically satisfied, of the verdicts.
    pub fn satisfaction_rate(&self) -> Option<f64> {
        Self::share(self.satisfied + self.basically, self.rated)
    }

    /// Reopened, of the replies.
    pub fn reopen_rate(&self) -> Option<f64> {
        Self::share(self.reopened, self.replied)
    }

    /// Average working days to a reply.
    pub fn average_reply_days(&self) -> Option<f64> {
        Self::share(self.reply_days, self.replied)
    }
}

/// A rate as a percentage with one decimal (`"96.5%"`), or `—` with nothing to count.
pub fn percent(rate: Option<f64>) -> String {
    match rate {
        Some(r) => format!("{:.1}%", r * 100.0),
        None => "—".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_come_from_the_sums_and_nothing_to_count_is_a_dash() {
        let mut a = Counts {
            received: 10,
            acknowledged: 8,
            acknowledged_on_time: 6,
            replied: 4,
            replied_on_time: 3,
            reply_days: 22,
            rated: 4,
            satisfied: 2,
            basically: 1,
            unsatisfied: 1,
            reopened: 1,
        };
        a.add(&Counts {
            acknowledged: 2,
            acknowledged_on_time: 2,
            ..Counts::default()
        });
        assert_eq!(percent(a.response_rate()), "80.0%");
        assert_eq!(percent(a.on_time_rate()), "75.0%");
        assert_eq!(percent(a.satisfaction_rate()), "75.0%");
        assert_eq!(percent(a.reopen_rate()), "25.0%");
        assert_eq!(a.average_reply_days(), Some(5.5));
        assert_eq!(percent(Counts::default().response_rate()), "—");
    }
}
