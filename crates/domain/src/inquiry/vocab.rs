//! The words of an inquiry's life: its kinds, channels, states, the five stages of the loop,
//! the citizen's verdict, who acts and what happened.

crate::stable_names! {
    /// What the person is asking for (INQ-1).
    pub enum Kind {
        /// 咨询: a question.
        Question = "question",
        /// 求助: a request for help.
        Help = "help",
        /// 投诉: a complaint about a service or an official.
        Complaint = "complaint",
        /// 举报: a report of wrongdoing or a hazard.
        Report = "report",
        /// 建议: a suggestion.
        Suggestion = "suggestion",
        /// 信访: a petition under the 信访工作条例 (never anonymous, never public).
        Petition = "petition",
    }
}

crate::stable_names! {
    /// How an inquiry reached the platform; kept with the case.
    pub enum Channel {
        /// The website, on a phone or a computer.
        Web = "web",
        /// An app or mini-program through the JSON API.
        App = "app",
        /// A 12345 hotline call, recorded by an operator.
        Phone = "phone",
        /// A city system or app through the Open311 GeoReport v2 API.
        Open311 = "open311",
    }
}

crate::stable_names! {
    /// Where an inquiry stands.
    pub enum InquiryState {
        /// At the dispatch desk (派单) of its region: no department yet.
        Dispatch = "dispatch",
        /// In a department's queue, not yet acknowledged (签收).
        Assigned = "assigned",
        /// Acknowledged and being handled.
        Handling = "handling",
        /// Waiting for the citizen's missing information: the clock is stopped.
        Paused = "paused",
        /// A reply is written and waits for the department admin's review.
        ReplyReview = "reply_review",
        /// Replied; waiting for the citizen's verdict (7 days).
        Replied = "replied",
        /// A petitioner asked for a review (复查) of the reply: with the supervisors.
        Review = "review",
        /// Over.
        Closed = "closed",
        /// Merged into another inquiry, which carries on for both.
        Merged = "merged",
    }
}

impl InquiryState {
    /// Whether someone at the government still has to act.
    pub fn is_open(self) -> bool {
        !matches!(
            self,
            InquiryState::Replied | InquiryState::Closed | InquiryState::Merged
        )
    }

    /// The stage of the loop (收集整理 → 上报通报 → 调查办理 → 督办落实 → 反馈回复) this
    /// state belongs to.
    pub fn stage(self) -> Stage {
        match self {
            InquiryState::Dispatch | InquiryState::Merged => Stage::Collect,
            InquiryState::Assigned => Stage::Report,
            InquiryState::Handling | InquiryState::Paused => Stage::Handle,
            InquiryState::ReplyReview | InquiryState::Review => Stage::Supervise,
            InquiryState::Replied | InquiryState::Closed => Stage::Reply,
        }
    }
}

crate::stable_names! {
    /// The five stages of the loop (INQ-3).
    pub enum Stage {
        /// 收集整理: received and sorted, at the dispatch desk.
        Collect = "collect",
        /// 上报通报: passed to the responsible department.
        Report = "report",
        /// 调查办理: the department investigates and handles it.
        Handle = "handle",
        /// 督办落实: supervision — a reply under review, a late case escalated, a review.
        Supervise = "supervise",
        /// 反馈回复: the reply and the citizen's verdict.
        Reply = "reply",
    }
}

crate::stable_names! {
    /// The citizen's verdict on a reply (INQ-4).
    pub enum Verdict {
        /// 满意.
        Satisfied = "satisfied",
        /// 基本满意.
        Basically = "basically_satisfied",
        /// 不满意: reopens the inquiry once.
        Unsatisfied = "unsatisfied",
    }
}

crate::stable_names! {
    /// What happened, in an inquiry's history.
    pub enum EventKind {
        /// Received from a channel.
        Submitted = "submitted",
        /// Sent to a department by a routing rule or the dispatch desk.
        Routed = "routed",
        /// The department acknowledged it (签收).
        Acknowledged = "acknowledged",
        /// A petition was accepted for handling (受理).
        Accepted = "accepted",
        /// A petition was not accepted (不予受理), with the reason.
        Declined = "declined",
        /// Moved to another department.
        Transferred = "transferred",
        /// Sent back to the dispatch desk (退单).
        ReturnedToDispatch = "returned_to_dispatch",
        /// Merged into another inquiry.
        Merged = "merged",
        /// Another inquiry was merged into this one.
        MergedIn = "merged_in",
        /// A helping department was asked to join (joint handling).
        HelperAdded = "helper_added",
        /// A helping department added its findings.
        Finding = "finding",
        /// The clock stopped: waiting for the citizen.
        Paused = "paused",
        /// The clock restarted.
        Resumed = "resumed",
        /// The citizen added what was asked for.
        Supplemented = "supplemented",
        /// A petition's handling time was extended once.
        Extended = "extended",
        /// A reply was written (and, if the department requires, waits for review).
        ReplyDrafted = "reply_drafted",
        /// The department admin sent the reply back to be rewritten.
        ReplyRejected = "reply_rejected",
        /// The reply was sent to the citizen.
        Replied = "replied",
        /// The citizen gave a verdict.
        Rated = "rated",
        /// An unsatisfied verdict sent it back to the department.
        Reopened = "reopened",
        /// A petitioner asked for a review of the reply.
        ReviewRequested = "review_requested",
        /// A reminder before a due day (催办).
        Reminded = "reminded",
        /// Past its due day: put before the supervisors (督办).
        Escalated = "escalated",
        /// Closed.
        Closed = "closed",
        /// Published on the public board, masked.
        Published = "published",
    }
}

impl EventKind {
    /// The stage an event belongs to on the citizen's timeline.
    pub fn stage(self) -> Stage {
        use EventKind as E;
        match self {
            E::Submitted | E::ReturnedToDispatch | E::Merged | E::MergedIn => Stage::Collect,
            E::Routed | E::Transferred | E::Acknowledged => Stage::Report,
            E::Accepted
            | E::Declined
            | E::HelperAdded
            | E::Finding
            | E::Paused
            | E::Resumed
            | E::Supplemented
            | E::Extended
            | E::ReplyDrafted
            | E::Reopened => Stage::Handle,
            E::ReplyRejected | E::ReviewRequested | E::Reminded | E::Escalated => Stage::Supervise,
            E::Replied | E::Rated | E::Closed | E::Published => Stage::Reply,
        }
    }

    /// Whether the submitter is told of it (the staff-only steps are not news to them).
    pub fn tells_submitter(self) -> bool {
        use EventKind as E;
        !matches!(
            self,
            E::ReplyDrafted
                | E::ReplyRejected
                | E::HelperAdded
                | E::Finding
                | E::Reminded
                | E::Escalated
                | E::Rated
                | E::Published
                | E::MergedIn
        )
    }
}

/// Who acts on an inquiry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// The person who asked (or, for a merged inquiry, any of the people who asked).
    Submitter,
    /// The dispatch desk of the inquiry's region (派单): a dispatcher or hotline operator.
    Dispatcher,
    /// Staff of the handling department.
    Handler,
    /// The handling department's admin: everything a handler does, and reviews replies.
    DeptAdmin,
    /// Staff of a department asked to help (joint handling): adds findings only.
    Helper,
    /// A supervisor of the region: dispatch, transfers past the limit, reviews, reopened cases.
    Supervisor,
    /// The platform itself (closing after the verdict window).
    System,
}

impl Actor {
    /// Whether this actor works in the handling department.
    pub fn handles(self) -> bool {
        matches!(self, Actor::Handler | Actor::DeptAdmin)
    }

    /// Whether this actor may do what the dispatch desk does.
    pub fn dispatches(self) -> bool {
        matches!(self, Actor::Dispatcher | Actor::Supervisor)
    }
}
