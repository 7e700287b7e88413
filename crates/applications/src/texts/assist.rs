//! Texts of assisted handling (帮办代办): the staff pages and the banner on forms filled for
//! someone else.

use yiwang_kit::i18n::{Tr, Words};

yiwang_kit::texts! {
    /// The texts of these pages.
    pub trait AssistTexts {
        assist_title: "帮办代办", "幫辦代辦", "Apply on someone's behalf";
        assist_intro: "市民在您面前时，可以代其在线申请。输入市民的身份证号并选择事项，系统会向市民本人的手机发送同意码；市民把同意码读给您，就表示同意由您代办这一件事。", "市民在您面前時，可以代其在線申請。輸入市民的身分證號並選擇事項，系統會向市民本人的手機發送同意碼；市民把同意碼讀給您，就表示同意由您代辦這一件事。", "When a citizen is with you, you can apply online for them. Enter their ID number and choose the service: a code goes to their own phone, and by reading it out to you they agree that you apply for this one service.";
        assist_no_items: "您的岗位没有可以代办的在线事项。", "您的崗位沒有可以代辦的在線事項。", "There is no online service you may apply for on someone's behalf.";
        assist_id_number_label: "市民的身份证号", "市民的身分證號", "The citizen's ID number";
        assist_id_number_hint: "18 位，请核对市民出示的身份证。市民需要已经注册并实名认证。", "18 位，請核對市民出示的身分證。市民需要已經註冊並實名認證。", "18 characters; check it against the ID card shown. The citizen must have a real-name verified account.";
        assist_item_label: "代办事项", "代辦事項", "Service";
        assist_item_choose: "请选择", "請選擇", "Choose";
        assist_send_hint: "同意码会发到市民实名账号登记的手机，短信里写明您的姓名、部门和事项。", "同意碼會發到市民實名帳號登記的手機，簡訊裡寫明您的姓名、部門和事項。", "The code goes to the phone on the citizen's account; the message names you, your department and the service.";
        assist_send: "发送同意码", "發送同意碼", "Send the consent code";
        assist_recent_title: "我最近的代办", "我最近的代辦", "My recent requests";
        assist_recent_none: "还没有代办记录。", "還沒有代辦記錄。", "None yet.";
        assist_citizen: "市民", "市民", "Citizen";
        assist_phone: "同意码发往", "同意碼發往", "Code sent to";
        assist_state: "状态", "狀態", "State";
        assist_until: "有效至", "有效至", "until";
        assist_state_awaiting: "等待市民读出同意码", "等待市民讀出同意碼", "Waiting for the code";
        assist_state_locked: "同意码错误次数过多", "同意碼錯誤次數過多", "Too many wrong codes";
        assist_state_code_expired: "同意码已过期", "同意碼已過期", "The code expired";
        assist_state_granted: "市民已同意", "市民已同意", "The citizen agreed";
        assist_state_lapsed: "授权已过期", "授權已過期", "The consent lapsed";
        assist_state_used: "已代为提交", "已代為提交", "Submitted";
        assist_state_cancelled: "已关闭", "已關閉", "Closed";
        assist_code_sent: "同意码已发送到市民的手机，10 分钟内有效。请市民本人把短信里的 6 位数字读给您。", "同意碼已發送到市民的手機，10 分鐘內有效。請市民本人把簡訊裡的 6 位數字讀給您。", "The code was sent to the citizen's phone and works for 10 minutes. Ask them to read the 6 digits to you.";
        assist_code_label: "市民读出的同意码", "市民讀出的同意碼", "The code the citizen read out";
        assist_code_hint: "6 位数字。输错 5 次后需要重新发送。", "6 位數字。輸錯 5 次後需要重新發送。", "6 digits. After 5 wrong tries a new code is needed.";
        assist_confirm: "确认并开始填写", "確認並開始填寫", "Confirm and start the form";
        assist_granted_note: "市民已同意由您代办。授权 2 小时内有效，只能提交这一件申请。", "市民已同意由您代辦。授權 2 小時內有效，只能提交這一件申請。", "The citizen agreed. The consent lasts 2 hours and covers this one application.";
        assist_fill: "填写申请", "填寫申請", "Fill in the application";
        assist_slip_title: "请把这张回执交给市民", "請把這張回執交給市民", "Give this slip to the citizen";
        assist_slip_intro: "申请已用市民的账号提交，市民在“我的办件”里能看到是您代办的。", "申請已用市民的帳號提交，市民在「我的辦件」裡能看到是您代辦的。", "The application was made in the citizen's account; under My applications they can see you made it for them.";
        assist_slip_receipt: "办件编号", "辦件編號", "Receipt number";
        assist_slip_code: "查询码", "查詢碼", "Tracking code";
        assist_slip_track: "不登录也可以在“办件查询”里用办件编号和查询码查看进度；这两项也已用短信发到市民的手机。可以用浏览器打印本页。", "不登入也可以在「辦件查詢」裡用辦件編號和查詢碼查看進度；這兩項也已用簡訊發到市民的手機。可以用瀏覽器列印本頁。", "Progress can be followed without logging in, under Track an application, with these two; they were also sent to the citizen's phone by text message. Print this page from the browser if needed.";
        assist_open_case: "打开办件", "打開辦件", "Open the case";
        assist_closed_note: "这次代办已结束，不能再用它填写或提交。需要时请重新发送同意码。", "這次代辦已結束，不能再用它填寫或提交。需要時請重新發送同意碼。", "This request is over and cannot be used to fill or submit. Send a new code if needed.";
        assist_cancel: "结束代办", "結束代辦", "End this request";
        assist_back: "返回帮办代办", "返回幫辦代辦", "Back to assisted applications";
        assist_origin_identity: "来自市民的实名信息", "來自市民的實名資訊", "From the citizen's verified identity";
        assist_origin_phone: "来自市民账号的手机号", "來自市民帳號的手機號", "The mobile number of the citizen's account";
        assist_origin_certificate: "来自市民的电子证照：", "來自市民的電子證照：", "From the citizen's e-certificate: ";
        assist_banner_title: "代办中：", "代辦中：", "Applying on someone's behalf:";
        assist_submitted_by_label: "代办人员", "代辦人員", "Submitted for you by";
        assist_submitted_by_hint: "您在窗口同意后，由这位工作人员代您在线提交。如果您没有同意过，请拨打 12345 反映。", "您在窗口同意後，由這位工作人員代您在線提交。如果您沒有同意過，請撥打 12345 反映。", "This staff member submitted it for you after you agreed at the desk. If you never agreed, call 12345.";
    }
}

/// Texts of these pages that take values.
pub trait AssistWords: Words {
    /// The banner on each page of a form filled for someone else.
    fn assist_banner(self, name: &str, phone: &str, until: &str) -> String {
        match self.tr().lang() {
            yiwang_domain::Lang::ZhHans => {
                format!("您正在为 {name}（手机 {phone}）填写，市民的授权有效至 {until}。")
            }
            yiwang_domain::Lang::ZhHant => {
                format!("您正在為 {name}（手機 {phone}）填寫，市民的授權有效至 {until}。")
            }
            yiwang_domain::Lang::En => {
                format!(
                    "You are filling this in for {name} (phone {phone}); their consent lasts until {until}."
                )
            }
        }
    }
}

impl AssistWords for Tr {}
