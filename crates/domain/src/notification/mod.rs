//! Notifications: what the platform tells a person, on which channels, in which words
//! (PRODUCT.md NOTIF-1). A domain change records a [`Notice`] in the same transaction as the
//! change (the transactional outbox); the jobs worker delivers it once per channel.

pub mod booking;
pub mod inquiry;
pub mod prefs;
pub mod push;
pub mod service;

use serde::{Deserialize, Serialize};

use crate::Lang;
use crate::account::CodePurpose;

crate::stable_names! {
    /// A delivery channel. Live updates (SSE) are not a channel: open pages poll the inbox.
    pub enum Channel {
        /// The in-app inbox (我的消息).
        Inbox = "inbox",
        /// A text message to the person's mobile number.
        Sms = "sms",
        /// An email, for staff and for citizens who gave an address.
        Email = "email",
        /// Web Push to each device the person allowed (RFC 8030, encrypted per RFC 8291).
        Push = "push",
    }
}

/// Something the platform tells a person. Parameters are kept, not rendered text, so the inbox
/// shows each message in whatever language the reader uses today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Notice {
    /// A citizen account was created.
    Welcome,
    /// The account's real name was verified.
    RealNameVerified,
    /// The password was changed while logged in.
    PasswordChanged,
    /// The password was reset with an SMS code.
    PasswordReset,
    /// A one-time code. Sent by SMS only and scrubbed from the outbox once delivered.
    SmsCode {
        /// What the code is for.
        purpose: CodePurpose,
        /// The six digits.
        code: String,
    },
    /// Someone tried to register a number that already has an account. Sent instead of a code,
    /// so the registration page never reveals which numbers are registered.
    AlreadyRegistered,
    /// A staff account was created for this person.
    StaffAccountCreated {
        /// The login name.
        username: String,
    },
    /// The person was authorised to act for an enterprise.
    AgentAuthorised {
        /// The enterprise's name.
        enterprise: String,
    },
    /// An enterprise's legal representative asks the person to act for it; nothing about the
    /// person is shown to the enterprise until they accept on their enterprises page.
    AgentInvited {
        /// The enterprise's name.
        enterprise: String,
    },
    /// An application was received (APP-2): the receipt number and the query code, the two
    /// that follow its progress without logging in.
    CaseReceived {
        /// The receipt number (办件编号).
        receipt: String,
        /// The item's name.
        item: String,
        /// The query code (查询码); empty in notices recorded before it was sent.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        code: String,
    },
    /// An application moved on (APP-6).
    CaseProgress {
        /// The receipt number.
        receipt: String,
        /// The item's name.
        item: String,
        /// What happened.
        event: crate::workflow::EventKind,
    },
    /// To the handling department's staff: a case is due soon (催办).
    CaseDueSoon {
        /// The receipt number.
        receipt: String,
        /// The item's name.
        item: String,
        /// The last day, YYYY-MM-DD.
        due: String,
    },
    /// To the region's supervisors: a case is past its due day (督办).
    CaseOverdue {
        /// The receipt number.
        receipt: String,
        /// The item's name.
        item: String,
        /// The handling department.
        department: String,
        /// The last day it should have been done, YYYY-MM-DD.
        due: String,
    },
    /// A consent code for assisted handling (帮办代办, APP-8): a staff member asks to apply on
    /// the person's behalf; the person reads the code out to agree. Sent by SMS only and
    /// scrubbed from the outbox once delivered.
    AssistConsent {
        /// The six digits.
        code: String,
        /// Who asks (staff member's name).
        staff: String,
        /// Their department.
        department: String,
        /// The item they would apply for.
        item: String,
    },
    /// About an inquiry, complaint or petition (INQ-1…4).
    Inquiry(inquiry::InquiryNotice),
    /// About an appointment (SVC-2).
    Booking(booking::BookingNotice),
    /// About a fee or a personal record (SVC-1, SVC-3).
    Service(service::ServiceNotice),
    /// An emergency alert for the reader's region (PUB-7); a red one also goes by SMS.
    Alert {
        /// `blue` … `red`.
        severity: String,
        /// Its title, e.g. 地震预警.
        title: String,
        /// What is happening.
        text: String,
        /// What to do.
        instructions: String,
        /// Valid until, Beijing time as pages show it.
        until: String,
        /// Empty for a new alert, `update` (a correction) or `all_clear`.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        phase: String,
    },
    /// A new document in a column, category or region the person follows (PUB-6).
    DocPublished {
        /// Its title.
        title: String,
        /// Its summary (may be empty).
        summary: String,
        /// The document's id, for its address `/news/{doc}`.
        doc: String,
    },
    /// The daily digest (每日10条): the day's documents among what the person follows.
    Digest {
        /// The Beijing date, YYYY-MM-DD.
        date: String,
        /// Each document's title and id.
        items: Vec<(String, String)>,
        /// The signed link that stops the digest.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        stop: String,
    },
    /// The test message a person sends to their own devices from the settings page.
    PushTest,
    /// To an address someone gave for notifications: the link that proves the mailbox is
    /// theirs. Sent by email only, to that address, and scrubbed once delivered.
    EmailConfirm {
        /// The confirmation link.
        link: String,
    },
    /// A message typed by staff (e.g. a broadcast to staff of a department).
    Text {
        /// Title.
        title: String,
        /// Body.
        body: String,
    },
}

/// A notice rendered for one reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// One line, shown in the inbox list and as an email subject.
    pub title: String,
    /// The message, plain text.
    pub body: String,
}

impl Notice {
    /// The channels this notice goes out on by default.
    pub fn channels(&self) -> &'static [Channel] {
        match self {
            Notice::SmsCode { .. } | Notice::AssistConsent { .. } | Notice::AlreadyRegistered => {
                &[Channel::Sms]
            }
            Notice::PasswordReset
            | Notice::PasswordChanged
            | Notice::CaseReceived { .. }
            | Notice::CaseProgress { .. } => &[Channel::Inbox, Channel::Sms],
            Notice::Inquiry(n) => n.channels(),
            Notice::Booking(n) => n.channels(),
            Notice::Service(n) => n.channels(),
            Notice::Alert { severity, .. } if severity == "red" => &[Channel::Inbox, Channel::Sms],
            Notice::PushTest => &[Channel::Push],
            Notice::EmailConfirm { .. } => &[Channel::Email],
            _ => &[Channel::Inbox],
        }
    }

    /// The kind, as stored and as used in metrics labels.
    pub fn kind(&self) -> &'static str {
        match self {
            Notice::Welcome => "welcome",
            Notice::RealNameVerified => "real_name_verified",
            Notice::PasswordChanged => "password_changed",
            Notice::PasswordReset => "password_reset",
            Notice::SmsCode { .. } => "sms_code",
            Notice::AlreadyRegistered => "already_registered",
            Notice::StaffAccountCreated { .. } => "staff_account_created",
            Notice::AgentAuthorised { .. } => "agent_authorised",
            Notice::AgentInvited { .. } => "agent_invited",
            Notice::CaseReceived { .. } => "case_received",
            Notice::CaseProgress { .. } => "case_progress",
            Notice::CaseDueSoon { .. } => "case_due_soon",
            Notice::CaseOverdue { .. } => "case_overdue",
            Notice::AssistConsent { .. } => "assist_consent",
            Notice::Inquiry(n) => n.kind(),
            Notice::Booking(n) => n.kind(),
            Notice::Service(n) => n.kind(),
            Notice::Text { .. } => "text",
            Notice::Alert { .. } => "alert",
            Notice::DocPublished { .. } => "doc_published",
            Notice::Digest { .. } => "digest",
            Notice::PushTest => "push_test",
            Notice::EmailConfirm { .. } => "email_confirm",
        }
    }

    /// Whether the stored parameters must be erased once delivered (they are secrets).
    pub fn is_secret(&self) -> bool {
        match self {
            Notice::SmsCode { .. } | Notice::AssistConsent { .. } | Notice::EmailConfirm { .. } => {
                true
            }
            Notice::Inquiry(n) => n.is_secret(),
            _ => false,
        }
    }

    /// Where a reader goes to see what the notice is about (a push message opens it).
    pub fn link(&self) -> String {
        match self {
            Notice::DocPublished { doc, .. } => format!("/news/{doc}"),
            Notice::CaseReceived { .. } | Notice::CaseProgress { .. } => "/account/cases".into(),
            Notice::Booking(_) => "/account/bookings".into(),
            Notice::Service(n) => n.link().into(),
            _ => "/account/messages".into(),
        }
    }

    /// The notice in words. `site` is the platform's name (e.g. 广安市一网通办), used as the
    /// SMS signature that Chinese carriers require. For a Traditional reader the values put
    /// into the text (the site, an item, a department, an enterprise, a staff-typed message)
    /// are converted too, so one message never mixes the scripts; people's names and logins
    /// stay as registered.
    pub fn render(&self, lang: Lang, site: &str) -> Rendered {
        match lang {
            Lang::ZhHant => self
                .in_traditional()
                .words(lang, &crate::zh::to_traditional(site)),
            Lang::ZhHans | Lang::En => self.words(lang, site),
        }
    }

    /// The notice with its Chinese values in Traditional script (see [`Notice::render`]).
    fn in_traditional(&self) -> Notice {
        use crate::zh::to_traditional as t;
        let mut n = self.clone();
        match &mut n {
            Notice::AgentAuthorised { enterprise } | Notice::AgentInvited { enterprise } => {
                *enterprise = t(enterprise)
            }
            Notice::AssistConsent {
                department, item, ..
            } => {
                *department = t(department);
                *item = t(item);
            }
            Notice::CaseReceived { item, .. }
            | Notice::CaseProgress { item, .. }
            | Notice::CaseDueSoon { item, .. } => *item = t(item),
            Notice::CaseOverdue {
                item, department, ..
            } => {
                *item = t(item);
                *department = t(department);
            }
            Notice::Text { title, body } => {
                *title = t(title);
                *body = t(body);
            }
            Notice::DocPublished { title, summary, .. } => {
                *title = t(title);
                *summary = t(summary);
            }
            Notice::Digest { items, .. } => {
                for (title, _) in items {
                    *title = t(title);
                }
            }
            Notice::Alert {
                title,
                text,
                instructions,
                ..
            } => {
                *title = t(title);
                *text = t(text);
                *instructions = t(instructions);
            }
            Notice::Inquiry(i) => i.in_traditional(),
            Notice::Booking(b) => b.in_traditional(),
            Notice::Service(n) => n.in_traditional(),
            Notice::Welcome
            | Notice::RealNameVerified
            | Notice::PasswordChanged
            | Notice::PasswordReset
            | Notice::SmsCode { .. }
            | Notice::AlreadyRegistered
            | Notice::StaffAccountCreated { .. }
            | Notice::PushTest
            | Notice::EmailConfirm { .. } => {}
        }
        n
    }

    fn words(&self, lang: Lang, site: &str) -> Rendered {
        let (title, body): (String, String) = match (self, lang) {
            (Notice::Welcome, Lang::ZhHans) => (
                "欢迎使用".into(),
                format!("您已成功注册{site}账号。完成实名认证后，可以在线办理更多事项。"),
            ),
            (Notice::Welcome, Lang::ZhHant) => (
                "歡迎使用".into(),
                format!("您已成功註冊{site}帳號。完成實名認證後，可以線上辦理更多事項。"),
            ),
            (Notice::Welcome, Lang::En) => (
                "Welcome".into(),
                format!(
                    "Your {site} account is ready. Verify your real name to use more services online."
                ),
            ),
            (Notice::RealNameVerified, Lang::ZhHans) => (
                "实名认证已完成".into(),
                "您的身份信息已通过校验，账号已实名。".into(),
            ),
            (Notice::RealNameVerified, Lang::ZhHant) => (
                "實名認證已完成".into(),
                "您的身份資訊已通過校驗，帳號已實名。".into(),
            ),
            (Notice::RealNameVerified, Lang::En) => (
                "Real name verified".into(),
                "Your identity details passed the checks. Your account is now real-name verified."
                    .into(),
            ),
            (Notice::PasswordChanged, Lang::ZhHans) => (
                "密码已修改".into(),
                format!("【{site}】您的登录密码刚刚被修改。如果不是您本人操作，请立即重置密码。"),
            ),
            (Notice::PasswordChanged, Lang::ZhHant) => (
                "密碼已修改".into(),
                format!("【{site}】您的登入密碼剛剛被修改。如果不是您本人操作，請立即重設密碼。"),
            ),
            (Notice::PasswordChanged, Lang::En) => (
                "Password changed".into(),
                format!(
                    "[{site}] Your password was just changed. If this was not you, reset it now."
                ),
            ),
            (Notice::PasswordReset, Lang::ZhHans) => (
                "密码已重置".into(),
                format!(
                    "【{site}】您的登录密码已通过短信验证码重置，其他设备已退出登录。如非本人操作，请联系客服。"
                ),
            ),
            (Notice::PasswordReset, Lang::ZhHant) => (
                "密碼已重設".into(),
                format!(
                    "【{site}】您的登入密碼已透過簡訊驗證碼重設，其他裝置已登出。如非本人操作，請聯繫客服。"
                ),
            ),
            (Notice::PasswordReset, Lang::En) => (
                "Password reset".into(),
                format!(
                    "[{site}] Your password was reset with an SMS code and other devices were signed out. If this was not you, contact us."
                ),
            ),
            (Notice::SmsCode { purpose, code }, Lang::ZhHans) => (
                "验证码".into(),
                format!(
                    "【{site}】您的{}验证码是{code}，10分钟内有效。请勿告诉他人。",
                    purpose_zh(*purpose)
                ),
            ),
            (Notice::SmsCode { purpose, code }, Lang::ZhHant) => (
                "驗證碼".into(),
                format!(
                    "【{site}】您的{}驗證碼是{code}，10分鐘內有效。請勿告訴他人。",
                    purpose_hant(*purpose)
                ),
            ),
            (Notice::SmsCode { purpose, code }, Lang::En) => (
                "Verification code".into(),
                format!(
                    "[{site}] Your {} code is {code}. It is valid for 10 minutes. Do not share it.",
                    purpose_en(*purpose)
                ),
            ),
            (Notice::AlreadyRegistered, Lang::ZhHans) => (
                "注册提醒".into(),
                format!(
                    "【{site}】有人用本号码申请注册，但本号码已有账号。如忘记密码，请在登录页选择“忘记密码”。"
                ),
            ),
            (Notice::AlreadyRegistered, Lang::ZhHant) => (
                "註冊提醒".into(),
                format!(
                    "【{site}】有人用本號碼申請註冊，但本號碼已有帳號。如忘記密碼，請在登入頁選擇「忘記密碼」。"
                ),
            ),
            (Notice::AlreadyRegistered, Lang::En) => (
                "Registration attempt".into(),
                format!(
                    "[{site}] Someone tried to register this number, but it already has an account. If you forgot your password, choose \"Forgot password\" on the login page."
                ),
            ),
            (Notice::StaffAccountCreated { username }, Lang::ZhHans) => (
                "工作人员账号已开通".into(),
                format!(
                    "您的工作人员账号 {username} 已开通。首次登录时请用手机验证器绑定动态口令。"
                ),
            ),
            (Notice::StaffAccountCreated { username }, Lang::ZhHant) => (
                "工作人員帳號已開通".into(),
                format!(
                    "您的工作人員帳號 {username} 已開通。首次登入時請用手機驗證器綁定動態口令。"
                ),
            ),
            (Notice::StaffAccountCreated { username }, Lang::En) => (
                "Staff account created".into(),
                format!(
                    "Your staff account {username} is ready. At first login, link an authenticator app."
                ),
            ),
            (Notice::AgentAuthorised { enterprise }, Lang::ZhHans) => (
                "企业授权".into(),
                format!("您已被授权代表“{enterprise}”办理事项。"),
            ),
            (Notice::AgentAuthorised { enterprise }, Lang::ZhHant) => (
                "企業授權".into(),
                format!("您已獲授權代表「{enterprise}」辦理事項。"),
            ),
            (Notice::AgentAuthorised { enterprise }, Lang::En) => (
                "Authorised for an enterprise".into(),
                format!("You may now act for \"{enterprise}\"."),
            ),
            (Notice::AgentInvited { enterprise }, Lang::ZhHans) => (
                "企业经办人邀请".into(),
                format!(
                    "“{enterprise}”的法定代表人邀请您作为经办人。请到“我的企业”接受或拒绝；接受之前，对方看不到您的任何信息。"
                ),
            ),
            (Notice::AgentInvited { enterprise }, Lang::ZhHant) => (
                "企業經辦人邀請".into(),
                format!(
                    "「{enterprise}」的法定代表人邀請您作為經辦人。請到「我的企業」接受或拒絕；接受之前，對方看不到您的任何資訊。"
                ),
            ),
            (Notice::AgentInvited { enterprise }, Lang::En) => (
                "Invitation to act for an enterprise".into(),
                format!(
                    "The legal representative of \"{enterprise}\" asks you to act as its agent. Accept or decline under \"My enterprises\"; until you accept, they see nothing about you."
                ),
            ),
            (
                Notice::AssistConsent {
                    code,
                    staff,
                    department,
                    item,
                },
                Lang::ZhHans,
            ) => (
                "代办同意码".into(),
                format!(
                    "【{site}】{department}工作人员{staff}请求代您在线办理“{item}”。同意请把验证码 {code} 当面告诉工作人员，10分钟内有效。不是您本人在场办理，请勿告诉任何人。"
                ),
            ),
            (
                Notice::AssistConsent {
                    code,
                    staff,
                    department,
                    item,
                },
                Lang::ZhHant,
            ) => (
                "代辦同意碼".into(),
                format!(
                    "【{site}】{department}工作人員{staff}請求代您線上辦理「{item}」。同意請把驗證碼 {code} 當面告訴工作人員，10分鐘內有效。不是您本人在場辦理，請勿告訴任何人。"
                ),
            ),
            (
                Notice::AssistConsent {
                    code,
                    staff,
                    department,
                    item,
                },
                Lang::En,
            ) => (
                "Consent code for assisted application".into(),
                format!(
                    "[{site}] {staff} of {department} asks to apply for \"{item}\" on your behalf. To agree, tell them the code {code} in person; it works for 10 minutes. If you are not there with them, tell no one."
                ),
            ),
            (
                Notice::CaseReceived {
                    receipt,
                    item,
                    code,
                },
                Lang::ZhHans,
            ) => (
                "申请已收到".into(),
                if code.is_empty() {
                    format!(
                        "【{site}】您申请的“{item}”已提交，办件编号 {receipt}。可在“我的办件”或用办件编号和查询码查询进度。"
                    )
                } else {
                    format!(
                        "【{site}】您申请的“{item}”已提交，办件编号 {receipt}，查询码 {code}。可在“我的办件”查看，或凭办件编号和查询码在“办件查询”查询进度。"
                    )
                },
            ),
            (
                Notice::CaseReceived {
                    receipt,
                    item,
                    code,
                },
                Lang::ZhHant,
            ) => (
                "申請已收到".into(),
                if code.is_empty() {
                    format!(
                        "【{site}】您申請的「{item}」已提交，辦件編號 {receipt}。可在「我的辦件」或用辦件編號和查詢碼查詢進度。"
                    )
                } else {
                    format!(
                        "【{site}】您申請的「{item}」已提交，辦件編號 {receipt}，查詢碼 {code}。可在「我的辦件」查看，或憑辦件編號和查詢碼在「辦件查詢」查詢進度。"
                    )
                },
            ),
            (
                Notice::CaseReceived {
                    receipt,
                    item,
                    code,
                },
                Lang::En,
            ) => (
                "Application received".into(),
                if code.is_empty() {
                    format!(
                        "[{site}] Your application for \"{item}\" was submitted. Receipt number {receipt}. Follow it under My applications, or with the receipt number and tracking code."
                    )
                } else {
                    format!(
                        "[{site}] Your application for \"{item}\" was submitted. Receipt number {receipt}, tracking code {code}. Follow it under My applications, or with these two under Track an application."
                    )
                },
            ),
            (
                Notice::CaseProgress {
                    receipt,
                    item,
                    event,
                },
                lang,
            ) => {
                let (title, what) = progress_words(*event, lang);
                let body = match lang {
                    Lang::ZhHans => format!("【{site}】您的“{item}”申请（{receipt}）{what}。"),
                    Lang::ZhHant => format!("【{site}】您的「{item}」申請（{receipt}）{what}。"),
                    Lang::En => {
                        format!("[{site}] Your application for \"{item}\" ({receipt}): {what}.")
                    }
                };
                (title.into(), body)
            }
            (Notice::CaseDueSoon { receipt, item, due }, Lang::ZhHans) => (
                "办件即将到期".into(),
                format!("“{item}”办件 {receipt} 将于 {due} 到期，请及时办理。"),
            ),
            (Notice::CaseDueSoon { receipt, item, due }, Lang::ZhHant) => (
                "辦件即將到期".into(),
                format!("「{item}」辦件 {receipt} 將於 {due} 到期，請及時辦理。"),
            ),
            (Notice::CaseDueSoon { receipt, item, due }, Lang::En) => (
                "Case due soon".into(),
                format!("Case {receipt} (\"{item}\") is due on {due}. Please handle it in time."),
            ),
            (
                Notice::CaseOverdue {
                    receipt,
                    item,
                    department,
                    due,
                },
                Lang::ZhHans,
            ) => (
                "办件已超期".into(),
                format!(
                    "{department}的“{item}”办件 {receipt} 已超过办理期限（{due}），已列入督办。"
                ),
            ),
            (
                Notice::CaseOverdue {
                    receipt,
                    item,
                    department,
                    due,
                },
                Lang::ZhHant,
            ) => (
                "辦件已超期".into(),
                format!(
                    "{department}的「{item}」辦件 {receipt} 已超過辦理期限（{due}），已列入督辦。"
                ),
            ),
            (
                Notice::CaseOverdue {
                    receipt,
                    item,
                    department,
                    due,
                },
                Lang::En,
            ) => (
                "Case overdue".into(),
                format!(
                    "Case {receipt} (\"{item}\") at {department} passed its due day ({due}) and is now supervised."
                ),
            ),
            (Notice::Text { title, body }, _) => (title.clone(), body.clone()),
            (
                Notice::DocPublished {
                    title,
                    summary,
                    doc,
                },
                _,
            ) => {
                let (new, see) = match lang {
                    Lang::ZhHans => ("新发布：", "在“资讯”中查看"),
                    Lang::ZhHant => ("新發佈：", "在「資訊」中查看"),
                    Lang::En => ("New: ", "read it under News"),
                };
                let summary = if summary.is_empty() {
                    String::new()
                } else if lang == Lang::En {
                    format!(": {summary}")
                } else {
                    format!("：{summary}")
                };
                (
                    format!("{new}{title}"),
                    format!("{title}{summary}（{see}：/news/{doc}）"),
                )
            }
            (Notice::Digest { date, items, stop }, _) => {
                let title = match lang {
                    Lang::ZhHans | Lang::ZhHant => format!("每日{}条 · {date}", items.len()),
                    Lang::En => format!("Today's {} · {date}", items.len()),
                };
                let title = if lang == Lang::ZhHant {
                    crate::zh::to_traditional(&title)
                } else {
                    title
                };
                let mut lines: Vec<String> = items
                    .iter()
                    .enumerate()
                    .map(|(i, (t, doc))| format!("{}. {t}（/news/{doc}）", i + 1))
                    .collect();
                if !stop.is_empty() {
                    lines.push(match lang {
                        Lang::ZhHans => format!("不想再收到每日10条？一键退订：{stop}"),
                        Lang::ZhHant => format!("不想再收到每日10條？一鍵退訂：{stop}"),
                        Lang::En => format!("Stop the daily digest with one click: {stop}"),
                    });
                }
                (title, lines.join("\n"))
            }
            (Notice::EmailConfirm { link }, Lang::ZhHans) => (
                "请确认您的邮箱".into(),
                format!(
                    "您在{site}登记了这个邮箱，用来接收通知。请打开下面的链接确认（24小时内有效）：{link}\n如果不是您本人操作，请忽略这封邮件。"
                ),
            ),
            (Notice::EmailConfirm { link }, Lang::ZhHant) => (
                "請確認您的郵箱".into(),
                format!(
                    "您在{site}登記了這個郵箱，用來接收通知。請打開下面的連結確認（24小時內有效）：{link}\n如果不是您本人操作，請忽略這封郵件。"
                ),
            ),
            (Notice::EmailConfirm { link }, Lang::En) => (
                "Confirm your email address".into(),
                format!(
                    "This address was given at {site} for notifications. Open this link to confirm it (valid for 24 hours): {link}\nIf this was not you, ignore this email."
                ),
            ),
            (Notice::PushTest, Lang::ZhHans) => (
                "测试通知".into(),
                format!("这是{site}发给您这台设备的测试通知。能看到它，说明推送已经开通。"),
            ),
            (Notice::PushTest, Lang::ZhHant) => (
                "測試通知".into(),
                format!("這是{site}發給您這台裝置的測試通知。能看到它，說明推播已經開通。"),
            ),
            (Notice::PushTest, Lang::En) => (
                "Test notification".into(),
                format!(
                    "This is a test notification from {site} to this device. If you can read it, push works."
                ),
            ),
            (
                Notice::Alert {
                    severity,
                    title,
                    text,
                    instructions,
                    until,
                    phase,
                },
                _,
            ) => {
                let prefix = match (phase.as_str(), lang) {
                    ("update", Lang::ZhHans) => "【更正】",
                    ("update", Lang::ZhHant) => "【更正】",
                    ("update", Lang::En) => "[Update] ",
                    ("all_clear", Lang::ZhHans) => "【解除】",
                    ("all_clear", Lang::ZhHant) => "【解除】",
                    ("all_clear", Lang::En) => "[All clear] ",
                    _ => "",
                };
                let level = match (severity.as_str(), lang) {
                    ("red", Lang::En) => "Red alert",
                    ("orange", Lang::En) => "Orange alert",
                    ("yellow", Lang::En) => "Yellow alert",
                    (_, Lang::En) => "Blue alert",
                    ("red", _) => "红色预警",
                    ("orange", _) => "橙色预警",
                    ("yellow", _) => "黄色预警",
                    _ => "蓝色预警",
                };
                let level = if lang == Lang::ZhHant {
                    crate::zh::to_traditional(level)
                } else {
                    level.to_owned()
                };
                let (todo, valid) = match lang {
                    Lang::ZhHans => ("请这样做：", "有效至"),
                    Lang::ZhHant => ("請這樣做：", "有效至"),
                    Lang::En => ("What to do: ", "Valid until"),
                };
                let todo = if instructions.is_empty() {
                    String::new()
                } else {
                    format!("{todo}{instructions}")
                };
                (
                    format!("{prefix}【{level}】{title}"),
                    format!("【{site}】{level}：{title}。{text}{todo}（{valid} {until}）"),
                )
            }
            (Notice::Inquiry(n), _) => n.words(lang, site),
            (Notice::Booking(n), _) => n.words(lang, site),
            (Notice::Service(n), _) => n.words(lang, site),
        };
        Rendered { title, body }
    }
}

/// The title and the clause saying what happened to an application.
fn progress_words(e: crate::workflow::EventKind, lang: Lang) -> (&'static str, &'static str) {
    use crate::workflow::EventKind as E;
    let pick = |zh: (&'static str, &'static str),
                hant: (&'static str, &'static str),
                en: (&'static str, &'static str)| match lang {
        Lang::ZhHans => zh,
        Lang::ZhHant => hant,
        Lang::En => en,
    };
    match e {
        E::Accepted => pick(
            ("申请已受理", "已受理，正在审核"),
            ("申請已受理", "已受理，正在審核"),
            ("Accepted", "has been accepted and is under review"),
        ),
        E::Returned => pick(
            ("请补正材料", "需要补正材料，请查看一次性告知清单后补充提交"),
            ("請補正材料", "需要補正材料，請查看一次性告知清單後補充提交"),
            (
                "Correction needed",
                "needs more documents; see the list and supplement it",
            ),
        ),
        E::Supplemented => pick(
            ("补正已提交", "补正材料已提交"),
            ("補正已提交", "補正材料已提交"),
            ("Supplement sent", "has been supplemented"),
        ),
        E::Advanced => pick(
            ("进入下一环节", "已进入下一审核环节"),
            ("進入下一環節", "已進入下一審核環節"),
            ("Next step", "has moved to the next review step"),
        ),
        E::Approved | E::AutoApproved => pick(
            ("申请已批准", "已批准"),
            ("申請已批准", "已批准"),
            ("Approved", "has been approved"),
        ),
        E::Denied => pick(
            ("申请未获批准", "未获批准，可查看理由和依据"),
            ("申請未獲批准", "未獲批准，可查看理由和依據"),
            ("Not approved", "was not approved; see the reasons"),
        ),
        E::Delivered => pick(
            ("办结", "已办结，结果已送达"),
            ("辦結", "已辦結，結果已送達"),
            ("Completed", "is complete and the result delivered"),
        ),
        E::Withdrawn => pick(
            ("申请已撤回", "已撤回"),
            ("申請已撤回", "已撤回"),
            ("Withdrawn", "has been withdrawn"),
        ),
        E::Transferred => pick(
            ("已转办", "已转交其他部门办理"),
            ("已轉辦", "已轉交其他部門辦理"),
            ("Transferred", "was passed to another department"),
        ),
        E::Paused => pick(
            ("办理时限暂停", "进入不计时环节（如专家评审、听证）"),
            ("辦理時限暫停", "進入不計時環節（如專家評審、聽證）"),
            (
                "Clock paused",
                "is in a step that does not count toward the time limit",
            ),
        ),
        E::Resumed => pick(
            ("恢复计时", "已恢复办理计时"),
            ("恢復計時", "已恢復辦理計時"),
            (
                "Clock restarted",
                "is being handled again and the clock runs",
            ),
        ),
        E::HumanReviewRequested => pick(
            ("已转人工复核", "已转人工复核"),
            ("已轉人工複核", "已轉人工複核"),
            ("Human review", "will be reviewed by a person"),
        ),
        E::Submitted | E::Rated => pick(
            ("办件更新", "有新进展"),
            ("辦件更新", "有新進展"),
            ("Update", "has an update"),
        ),
    }
}

fn purpose_zh(p: CodePurpose) -> &'static str {
    match p {
        CodePurpose::Register => "注册",
        CodePurpose::ResetPassword => "重置密码",
    }
}

fn purpose_hant(p: CodePurpose) -> &'static str {
    match p {
        CodePurpose::Register => "註冊",
        CodePurpose::ResetPassword => "重設密碼",
    }
}

fn purpose_en(p: CodePurpose) -> &'static str {
    match p {
        CodePurpose::Register => "registration",
        CodePurpose::ResetPassword => "password reset",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_go_by_sms_only_and_are_secret() {
        let n = Notice::SmsCode {
            purpose: CodePurpose::Register,
            code: "123456".into(),
        };
        assert_eq!(n.channels(), &[Channel::Sms]);
        assert!(n.is_secret());
        assert!(
            n.render(Lang::ZhHans, "广安市一网通办")
                .body
                .starts_with("【广安市一网通办】")
        );
    }

    #[test]
    fn every_notice_renders_in_every_language() {
        for n in &every_notice() {
            let texts: Vec<_> = Lang::ALL.iter().map(|l| n.render(*l, "S")).collect();
            for t in &texts {
                assert!(!t.title.is_empty() && !t.body.is_empty(), "{n:?}");
            }
            assert_ne!(
                texts[0].title, texts[2].title,
                "{n:?} English equals Chinese"
            );
        }
    }

    #[test]
    fn a_traditional_message_is_traditional_throughout() {
        let mut all = every_notice();
        all.push(Notice::Text {
            title: "失业保险金发放通知".into(),
            body: "区人社局提醒：请在“我的办件”查看。".into(),
        });
        for n in &all {
            let r = n.render(Lang::ZhHant, "广安市一网通办");
            let text = format!("{}\n{}", r.title, r.body);
            assert!(
                crate::zh::wrong_in_traditional(&text).is_empty(),
                "{n:?}: {text}"
            );
            // What the values were written with (Simplified) must not show through.
            for simplified in [
                "广安",
                "一网通办",
                "失业",
                "区人社局",
                "区政务服务中心",
                "优待证",
            ] {
                assert!(!text.contains(simplified), "{n:?}: {text}");
            }
        }
    }

    fn every_notice() -> Vec<Notice> {
        let all = [
            Notice::DocPublished {
                title: "关于做好冬季供暖工作的通知".into(),
                summary: "广安区供暖时间调整。".into(),
                doc: "d1".into(),
            },
            Notice::Digest {
                date: "2026-12-06".into(),
                items: vec![("广安区政务服务中心延长服务时间".into(), "d2".into())],
                stop: "/unsubscribe/a/digest/inbox/m".into(),
            },
            Notice::PushTest,
            Notice::EmailConfirm {
                link: "https://example.cn/account/email/confirm/t".into(),
            },
            Notice::Alert {
                severity: "red".into(),
                title: "地震预警".into(),
                text: "广安区预计30秒后有震感。".into(),
                instructions: "远离窗户，躲在结实的桌子下。".into(),
                until: "2026-12-06 18:00".into(),
                phase: String::new(),
            },
            Notice::Welcome,
            Notice::RealNameVerified,
            Notice::PasswordChanged,
            Notice::PasswordReset,
            Notice::SmsCode {
                purpose: CodePurpose::ResetPassword,
                code: "000000".into(),
            },
            Notice::AlreadyRegistered,
            Notice::AssistConsent {
                code: "123456".into(),
                staff: "王芳".into(),
                department: "区政务服务中心".into(),
                item: "老年人优待证办理".into(),
            },
            Notice::StaffAccountCreated {
                username: "li.si".into(),
            },
            Notice::AgentAuthorised {
                enterprise: "广安某公司".into(),
            },
            Notice::AgentInvited {
                enterprise: "广安某公司".into(),
            },
            Notice::CaseReceived {
                receipt: "20261123-7KQ3-M9XH".into(),
                item: "失业保险金申领".into(),
                code: "042917".into(),
            },
            Notice::CaseDueSoon {
                receipt: "20261123-7KQ3-M9XH".into(),
                item: "失业保险金申领".into(),
                due: "2026-12-01".into(),
            },
            Notice::CaseOverdue {
                receipt: "20261123-7KQ3-M9XH".into(),
                item: "失业保险金申领".into(),
                department: "区人社局".into(),
                due: "2026-12-01".into(),
            },
        ];
        let mut all = all.to_vec();
        {
            use booking::BookingNotice as B;
            let (place, when) = (
                "广安区政务服务中心 · 3号窗口".to_owned(),
                "2026-12-08 09:00-09:30".to_owned(),
            );
            all.push(Notice::Booking(B::Confirmed {
                place: place.clone(),
                when: when.clone(),
            }));
            all.push(Notice::Booking(B::FromWaitingList {
                place: place.clone(),
                when: when.clone(),
            }));
            all.push(Notice::Booking(B::Cancelled {
                place: place.clone(),
                when: when.clone(),
                reason: "设备检修".into(),
            }));
            all.push(Notice::Booking(B::Reminder { place, when }));
        }
        {
            use service::ServiceNotice as S;
            let title = "不动产登记费".to_owned();
            all.push(Notice::Service(S::BillIssued {
                title: title.clone(),
                amount: "¥80.00".into(),
                code: "5116 0220 2612 0700 0016".into(),
                due: "2026-12-20".into(),
            }));
            all.push(Notice::Service(S::Paid {
                title: title.clone(),
                amount: "¥80.00".into(),
            }));
            all.push(Notice::Service(S::Refunded {
                title,
                amount: "¥30.00".into(),
            }));
            all.push(Notice::Service(S::RecordAdded {
                record_type: "疫苗接种记录".into(),
                source: "广安区人民医院".into(),
            }));
            all.push(Notice::Service(S::InvestmentAnswered {
                subject: "食品产业园用地".into(),
                office: "广安区投资促进局".into(),
            }));
        }
        for event in crate::workflow::EventKind::ALL {
            all.push(Notice::CaseProgress {
                receipt: "20261123-7KQ3-M9XH".into(),
                item: "失业保险金申领".into(),
                event,
            });
        }
        use inquiry::InquiryNotice as I;
        let (receipt, title) = (
            "20261205-7KQ3-M9XH".to_owned(),
            "广安区建设路路灯不亮".to_owned(),
        );
        all.extend([
            Notice::Inquiry(I::Received {
                receipt: receipt.clone(),
                title: title.clone(),
                code: "K7Q3M9XH".into(),
            }),
            Notice::Inquiry(I::DueSoon {
                receipt: receipt.clone(),
                title: title.clone(),
                due: "2026-12-09".into(),
            }),
            Notice::Inquiry(I::Overdue {
                receipt: receipt.clone(),
                title: title.clone(),
                department: "区人社局".into(),
                due: "2026-12-09".into(),
            }),
            Notice::Inquiry(I::ReplyToReview {
                receipt: receipt.clone(),
                title: title.clone(),
            }),
        ]);
        for event in crate::inquiry::EventKind::ALL {
            all.push(Notice::Inquiry(I::Progress {
                receipt: receipt.clone(),
                title: title.clone(),
                event,
            }));
        }
        all
    }

    #[test]
    fn an_inquiry_notice_is_stored_as_parameters_and_read_back() {
        let n = Notice::Inquiry(inquiry::InquiryNotice::Progress {
            receipt: "20261205-7KQ3-M9XH".into(),
            title: "路灯不亮".into(),
            event: crate::inquiry::EventKind::Replied,
        });
        let json = serde_json::to_string(&n).unwrap();
        assert!(
            json.contains(r#""kind":"inquiry""#) && json.contains(r#""inquiry":"progress""#),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<Notice>(&json).unwrap(), n);
        assert_eq!(n.kind(), "inquiry_progress");
        let secret = Notice::Inquiry(inquiry::InquiryNotice::Received {
            receipt: "r".into(),
            title: "t".into(),
            code: "K7Q3M9XH".into(),
        });
        assert!(secret.is_secret() && !n.is_secret());
    }

    #[test]
    fn the_submission_notice_carries_the_receipt_number_and_the_query_code() {
        let n = Notice::CaseReceived {
            receipt: "20261123-7KQ3-M9XH".into(),
            item: "失业保险金申领".into(),
            code: "042917".into(),
        };
        for (lang, words) in [
            (
                Lang::ZhHans,
                ["办件编号 20261123-7KQ3-M9XH", "查询码 042917"],
            ),
            (
                Lang::ZhHant,
                ["辦件編號 20261123-7KQ3-M9XH", "查詢碼 042917"],
            ),
            (
                Lang::En,
                ["Receipt number 20261123-7KQ3-M9XH", "tracking code 042917"],
            ),
        ] {
            let body = n.render(lang, "S").body;
            for w in words {
                assert!(body.contains(w), "{body}");
            }
        }
        // A notice stored before the code was sent still reads (without a code).
        let old: Notice = serde_json::from_str(
            r#"{"kind":"case_received","receipt":"20261123-7KQ3-M9XH","item":"失业保险金申领"}"#,
        )
        .unwrap();
        let body = old.render(Lang::ZhHans, "S").body;
        assert!(body.contains("办件编号 20261123-7KQ3-M9XH") && !body.contains("查询码 "));
    }

    #[test]
    fn notices_survive_the_outbox_round_trip() {
        let n = Notice::AgentAuthorised {
            enterprise: "广安某公司".into(),
        };
        let json = serde_json::to_string(&n).unwrap();
        assert_eq!(serde_json::from_str::<Notice>(&json).unwrap(), n);
    }
}
