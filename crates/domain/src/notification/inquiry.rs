//! What the platform says about inquiries (INQ-1…4): to the asker, that it arrived and how it
//! moves on; to staff, that one is due soon, late, or has a reply waiting for review.

use serde::{Deserialize, Serialize};

use super::Channel;
use crate::Lang;
use crate::inquiry::EventKind;

/// A notice about an inquiry, kept as parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "inquiry", rename_all = "snake_case")]
pub enum InquiryNotice {
    /// To the asker: it arrived. A caller without an account gets the query code that opens
    /// it online (then the notice is scrubbed once sent).
    Received {
        /// The receipt number.
        receipt: String,
        /// Its title.
        title: String,
        /// The query code, for a caller without an account.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        code: String,
    },
    /// To the asker (and everyone whose inquiry was merged into it): it moved on.
    Progress {
        /// The receipt number.
        receipt: String,
        /// Its title.
        title: String,
        /// What happened.
        event: EventKind,
    },
    /// To the handling department: due soon (催办).
    DueSoon {
        /// The receipt number.
        receipt: String,
        /// Its title.
        title: String,
        /// The due day.
        due: String,
    },
    /// To the region's supervisors and the department's leaders: late (督办).
    Overdue {
        /// The receipt number.
        receipt: String,
        /// Its title.
        title: String,
        /// The department.
        department: String,
        /// The due day.
        due: String,
    },
    /// To the department's admins: a reply waits for their review.
    ReplyToReview {
        /// The receipt number.
        receipt: String,
        /// Its title.
        title: String,
    },
}

impl InquiryNotice {
    pub(super) fn channels(&self) -> &'static [Channel] {
        match self {
            InquiryNotice::Received { .. } | InquiryNotice::Progress { .. } => {
                &[Channel::Inbox, Channel::Sms]
            }
            _ => &[Channel::Inbox],
        }
    }

    /// Whether the notice is for staff (a reminder, an escalation, a reply to review) rather
    /// than for the person who wrote in.
    pub(super) fn is_for_staff(&self) -> bool {
        !matches!(
            self,
            InquiryNotice::Received { .. } | InquiryNotice::Progress { .. }
        )
    }

    pub(super) fn kind(&self) -> &'static str {
        match self {
            InquiryNotice::Received { .. } => "inquiry_received",
            InquiryNotice::Progress { .. } => "inquiry_progress",
            InquiryNotice::DueSoon { .. } => "inquiry_due_soon",
            InquiryNotice::Overdue { .. } => "inquiry_overdue",
            InquiryNotice::ReplyToReview { .. } => "inquiry_reply_to_review",
        }
    }

    pub(super) fn is_secret(&self) -> bool {
        matches!(self, InquiryNotice::Received { code, .. } if !code.is_empty())
    }

    /// The titles and department names in Traditional script.
    pub(super) fn in_traditional(&mut self) {
        use crate::zh::to_traditional as t;
        match self {
            InquiryNotice::Received { title, .. }
            | InquiryNotice::Progress { title, .. }
            | InquiryNotice::DueSoon { title, .. }
            | InquiryNotice::ReplyToReview { title, .. } => *title = t(title),
            InquiryNotice::Overdue {
                title, department, ..
            } => {
                *title = t(title);
                *department = t(department);
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
            InquiryNotice::Received {
                receipt,
                title,
                code,
            } => {
                let code_zh = if code.is_empty() {
                    String::new()
                } else {
                    format!("查询码 {code}（请妥善保存，凭办件编号和查询码可在网上查看进度）。")
                };
                let code_hant = if code.is_empty() {
                    String::new()
                } else {
                    format!("查詢碼 {code}（請妥善保存，憑辦件編號和查詢碼可在網上查看進度）。")
                };
                let code_en = if code.is_empty() {
                    String::new()
                } else {
                    format!(
                        " Tracking code {code} (keep it: with the receipt number it opens the progress online)."
                    )
                };
                (
                    pick("诉求已收到".into(), "訴求已收到".into(), "Received".into()),
                    pick(
                        format!("【{site}】您的诉求“{title}”已收到，办件编号 {receipt}。{code_zh}"),
                        format!(
                            "【{site}】您的訴求「{title}」已收到，辦件編號 {receipt}。{code_hant}"
                        ),
                        format!(
                            "[{site}] Your inquiry \"{title}\" was received. Receipt number {receipt}.{code_en}"
                        ),
                    ),
                )
            }
            InquiryNotice::Progress {
                receipt,
                title,
                event,
            } => {
                let (head, what) = progress(*event, lang);
                (
                    head.to_owned(),
                    pick(
                        format!("【{site}】您的诉求“{title}”（{receipt}）{what}。"),
                        format!("【{site}】您的訴求「{title}」（{receipt}）{what}。"),
                        format!("[{site}] Your inquiry \"{title}\" ({receipt}) {what}."),
                    ),
                )
            }
            InquiryNotice::DueSoon {
                receipt,
                title,
                due,
            } => (
                pick(
                    "诉求即将到期".into(),
                    "訴求即將到期".into(),
                    "Inquiry due soon".into(),
                ),
                pick(
                    format!("诉求“{title}”（{receipt}）将于 {due} 到期，请及时办理。"),
                    format!("訴求「{title}」（{receipt}）將於 {due} 到期，請及時辦理。"),
                    format!(
                        "Inquiry \"{title}\" ({receipt}) is due on {due}. Please handle it in time."
                    ),
                ),
            ),
            InquiryNotice::Overdue {
                receipt,
                title,
                department,
                due,
            } => (
                pick(
                    "诉求已超期，进入督办".into(),
                    "訴求已超期，進入督辦".into(),
                    "Inquiry overdue".into(),
                ),
                pick(
                    format!(
                        "{department}办理的诉求“{title}”（{receipt}）已超过办理时限（{due}），已列入督办。"
                    ),
                    format!(
                        "{department}辦理的訴求「{title}」（{receipt}）已超過辦理時限（{due}），已列入督辦。"
                    ),
                    format!(
                        "Inquiry \"{title}\" ({receipt}) at {department} passed its due day ({due}) and is now supervised."
                    ),
                ),
            ),
            InquiryNotice::ReplyToReview { receipt, title } => (
                pick(
                    "答复待审核".into(),
                    "答覆待審核".into(),
                    "Reply to review".into(),
                ),
                pick(
                    format!("诉求“{title}”（{receipt}）的答复已写好，请审核后发送。"),
                    format!("訴求「{title}」（{receipt}）的答覆已寫好，請審核後發送。"),
                    format!(
                        "The reply to inquiry \"{title}\" ({receipt}) is written; review it before it is sent."
                    ),
                ),
            ),
        }
    }
}

/// The title and the clause saying what happened to an inquiry, for its asker.
pub fn progress(e: EventKind, lang: Lang) -> (&'static str, &'static str) {
    use EventKind as E;
    let pick = |zh: (&'static str, &'static str),
                hant: (&'static str, &'static str),
                en: (&'static str, &'static str)| match lang {
        Lang::ZhHans => zh,
        Lang::ZhHant => hant,
        Lang::En => en,
    };
    match e {
        E::Submitted => pick(
            ("诉求已收到", "已收到"),
            ("訴求已收到", "已收到"),
            ("Received", "was received"),
        ),
        E::Routed | E::Transferred => pick(
            ("已交办", "已交由负责部门办理"),
            ("已交辦", "已交由負責部門辦理"),
            ("Passed on", "was passed to the department responsible"),
        ),
        E::ReturnedToDispatch => pick(
            ("重新派单", "正在重新确定负责部门"),
            ("重新派單", "正在重新確定負責部門"),
            ("Re-dispatched", "is being sent to the right department"),
        ),
        E::Acknowledged => pick(
            ("部门已签收", "已由负责部门签收，正在办理"),
            ("部門已簽收", "已由負責部門簽收，正在辦理"),
            ("Acknowledged", "was acknowledged and is being handled"),
        ),
        E::Accepted => pick(
            ("信访事项已受理", "已受理，将在规定期限内办理"),
            ("信訪事項已受理", "已受理，將在規定期限內辦理"),
            (
                "Accepted",
                "was accepted and will be handled within the legal time",
            ),
        ),
        E::Declined => pick(
            ("信访事项不予受理", "不予受理，可查看理由"),
            ("信訪事項不予受理", "不予受理，可查看理由"),
            ("Not accepted", "was not accepted; see the reasons"),
        ),
        E::Merged => pick(
            (
                "已与相同诉求合并办理",
                "与同一问题的其他诉求合并办理，进展会同步告知您",
            ),
            (
                "已與相同訴求合併辦理",
                "與同一問題的其他訴求合併辦理，進展會同步告知您",
            ),
            (
                "Merged",
                "is handled together with others about the same problem; you will hear of each step",
            ),
        ),
        E::Paused => pick(
            ("请补充信息", "需要您补充信息，补充前办理时限暂停"),
            ("請補充資訊", "需要您補充資訊，補充前辦理時限暫停"),
            (
                "More information needed",
                "needs more information from you; the clock stops until you add it",
            ),
        ),
        E::Resumed | E::Supplemented => pick(
            ("继续办理", "已继续办理"),
            ("繼續辦理", "已繼續辦理"),
            ("Handling resumed", "is being handled again"),
        ),
        E::Extended => pick(
            ("办理期限已延长", "办理期限依法延长一次"),
            ("辦理期限已延長", "辦理期限依法延長一次"),
            (
                "Time extended",
                "has its handling time extended once, as the law allows",
            ),
        ),
        E::Replied => pick(
            ("已答复", "已答复，请查看并评价"),
            ("已答覆", "已答覆，請查看並評價"),
            (
                "Replied",
                "has a reply; please read it and tell us what you think",
            ),
        ),
        E::Reopened => pick(
            ("已重新办理", "因您不满意，已退回部门重新办理"),
            ("已重新辦理", "因您不滿意，已退回部門重新辦理"),
            (
                "Reopened",
                "went back to the department because you were not satisfied",
            ),
        ),
        E::ReviewRequested => pick(
            ("复查申请已收到", "复查申请已收到，将在规定期限内答复"),
            ("複查申請已收到", "複查申請已收到，將在規定期限內答覆"),
            ("Review requested", "will be reviewed within the legal time"),
        ),
        E::Closed => pick(
            ("诉求已办结", "已办结"),
            ("訴求已辦結", "已辦結"),
            ("Closed", "is closed"),
        ),
        E::ReplyDrafted
        | E::ReplyRejected
        | E::HelperAdded
        | E::Finding
        | E::Reminded
        | E::Escalated
        | E::Rated
        | E::Published
        | E::MergedIn => pick(
            ("诉求有新进展", "有新的办理进展"),
            ("訴求有新進展", "有新的辦理進展"),
            ("Progress", "has moved on"),
        ),
    }
}
