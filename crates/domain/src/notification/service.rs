//! What the platform tells a person about fees and personal records (SVC-1, SVC-3): a bill
//! to pay for their application, a payment recorded, a refund, and a record a source system
//! added to their file.

use serde::{Deserialize, Serialize};

use super::Channel;
use crate::Lang;

/// A notice about a fee or a record, kept as parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "service", rename_all = "snake_case")]
pub enum ServiceNotice {
    /// A bill was made for the person (e.g. the fee of an application once accepted).
    BillIssued {
        /// What it is for, e.g. 不动产登记费.
        title: String,
        /// The amount, e.g. ¥80.00.
        amount: String,
        /// The bill code, grouped in fours.
        code: String,
        /// Pay by (YYYY-MM-DD).
        due: String,
    },
    /// A payment was recorded; the receipt is in the wallet.
    Paid {
        /// What it was for.
        title: String,
        /// The amount paid.
        amount: String,
    },
    /// Money went back to the payer.
    Refunded {
        /// What it was for.
        title: String,
        /// The amount refunded.
        amount: String,
    },
    /// A source system added a record to the person's file (or a child's).
    RecordAdded {
        /// The kind of record, e.g. 疫苗接种记录.
        record_type: String,
        /// Who sent it, e.g. 广安区人民医院.
        source: String,
    },
    /// A region's investment office answered the person's investment inquiry (REG-2).
    InvestmentAnswered {
        /// What they asked about (the inquiry's subject).
        subject: String,
        /// The office that answered, e.g. 广安区投资促进局.
        office: String,
    },
}

impl ServiceNotice {
    pub(super) fn channels(&self) -> &'static [Channel] {
        match self {
            // Money: the payer hears of it by text as well.
            ServiceNotice::BillIssued { .. }
            | ServiceNotice::Paid { .. }
            | ServiceNotice::Refunded { .. } => &[Channel::Inbox, Channel::Sms],
            // A record's existence says something about health: not by SMS, which others read.
            ServiceNotice::RecordAdded { .. } => &[Channel::Inbox],
            ServiceNotice::InvestmentAnswered { .. } => &[Channel::Inbox],
        }
    }

    pub(super) fn kind(&self) -> &'static str {
        match self {
            ServiceNotice::BillIssued { .. } => "bill_issued",
            ServiceNotice::Paid { .. } => "payment_recorded",
            ServiceNotice::Refunded { .. } => "payment_refunded",
            ServiceNotice::RecordAdded { .. } => "record_added",
            ServiceNotice::InvestmentAnswered { .. } => "investment_answered",
        }
    }

    pub(super) fn link(&self) -> &'static str {
        match self {
            ServiceNotice::BillIssued { .. } | ServiceNotice::Refunded { .. } => {
                "/account/payments"
            }
            ServiceNotice::Paid { .. } => "/account/certificates",
            ServiceNotice::RecordAdded { .. } => "/account/records",
            ServiceNotice::InvestmentAnswered { .. } => "/account/investment",
        }
    }

    /// The Chinese values in Traditional script.
    pub(super) fn in_traditional(&mut self) {
        use crate::zh::to_traditional as t;
        match self {
            ServiceNotice::BillIssued { title, .. }
            | ServiceNotice::Paid { title, .. }
            | ServiceNotice::Refunded { title, .. } => *title = t(title),
            ServiceNotice::RecordAdded {
                record_type,
                source,
            } => {
                *record_type = t(record_type);
                *source = t(source);
            }
            ServiceNotice::InvestmentAnswered { subject, office } => {
                *subject = t(subject);
                *office = t(office);
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
            ServiceNotice::BillIssued {
                title,
                amount,
                code,
                due,
            } => (
                pick("待缴费用".into(), "待繳費用".into(), "A fee to pay".into()),
                pick(
                    format!(
                        "【{site}】您有一笔{title}{amount}待缴，缴款码 {code}，请于 {due} 前在“缴费”中缴纳。"
                    ),
                    format!(
                        "【{site}】您有一筆{title}{amount}待繳，繳款碼 {code}，請於 {due} 前在「繳費」中繳納。"
                    ),
                    format!(
                        "[{site}] A fee is due: {title}, {amount}. Bill code {code}; pay by {due} under Pay fees."
                    ),
                ),
            ),
            ServiceNotice::Paid { title, amount } => (
                pick(
                    "缴费成功".into(),
                    "繳費成功".into(),
                    "Payment received".into(),
                ),
                pick(
                    format!("【{site}】您缴纳的{title}{amount}已到账，电子票据已放入您的证照夹。"),
                    format!("【{site}】您繳納的{title}{amount}已到帳，電子票據已放入您的證照夾。"),
                    format!(
                        "[{site}] Your payment of {amount} for {title} was received; the receipt is in your wallet."
                    ),
                ),
            ),
            ServiceNotice::Refunded { title, amount } => (
                pick(
                    "退款已办理".into(),
                    "退款已辦理".into(),
                    "Refund made".into(),
                ),
                pick(
                    format!("【{site}】您缴纳的{title}已退款{amount}，将原路退回。"),
                    format!("【{site}】您繳納的{title}已退款{amount}，將原路退回。"),
                    format!(
                        "[{site}] {amount} of your payment for {title} was refunded to where it came from."
                    ),
                ),
            ),
            ServiceNotice::RecordAdded {
                record_type,
                source,
            } => (
                pick(
                    "新的个人档案".into(),
                    "新的個人檔案".into(),
                    "A new record".into(),
                ),
                pick(
                    format!(
                        "【{site}】{source}为您添加了一份{record_type}，可在“我的档案”中查看。"
                    ),
                    format!(
                        "【{site}】{source}為您添加了一份{record_type}，可在「我的檔案」中查看。"
                    ),
                    format!(
                        "[{site}] {source} added a record ({record_type}) to your file; see My records."
                    ),
                ),
            ),
            ServiceNotice::InvestmentAnswered { subject, office } => (
                pick(
                    "投资咨询已答复".into(),
                    "投資諮詢已答覆".into(),
                    "Your investment inquiry was answered".into(),
                ),
                pick(
                    format!(
                        "【{site}】{office}已答复您的投资咨询“{subject}”，请在“我的投资咨询”中查看。"
                    ),
                    format!(
                        "【{site}】{office}已答覆您的投資諮詢「{subject}」，請在「我的投資諮詢」中查看。"
                    ),
                    format!(
                        "[{site}] {office} answered your investment inquiry \"{subject}\"; see My investment inquiries."
                    ),
                ),
            ),
        }
    }
}
