//! Texts of the applicant's case pages and of electronic certificates.

use yiwang_domain::rules::Outcome as RuleOutcome;
use yiwang_domain::workflow::{CaseState, DeliveryMethod, EventKind};

use yiwang_kit::i18n::{Tr, Words};

yiwang_kit::texts! {
    /// The texts of these pages.
    pub trait CaseTexts {
        cases_title: "我的办件", "我的辦件", "My applications";
        mycase_list_intro: "这里是您在网上提交的全部办件，最新的在前。", "這裡是您在網上提交的全部辦件，最新的在前。", "Every application you submitted online, newest first.";
        mycase_none: "您还没有提交过申请。", "您還沒有提交過申請。", "You have not submitted any applications yet.";
        mycase_receipt: "办件编号", "辦件編號", "Receipt number";
        mycase_state: "状态", "狀態", "Status";
        mycase_due: "办结期限", "辦結期限", "Due by";
        mycase_paused: "计时暂停（补正中）", "計時暫停（補正中）", "Clock paused (waiting for your corrections)";
        mycase_paused_other: "计时暂停", "計時暫停", "Clock paused";
        mycase_closed_on: "办结于", "辦結於", "Closed on";
        mycase_approved_on: "批准于", "批准於", "Approved on";
        mycase_withdrawn_on: "撤回于", "撤回於", "Withdrawn on";
        mycase_not_started: "受理后开始计时", "受理後開始計時", "The clock starts once accepted";
        mycase_view_progress: "查看进度", "查看進度", "View progress";
        mycase_submitted_at: "提交时间", "提交時間", "Submitted";
        mycase_state_submitted: "已提交，等待预审", "已提交，等待預審", "Submitted, waiting for the pre-check";
        mycase_state_returned: "需要补正材料", "需要補正材料", "Returned: please supply what is missing";
        mycase_state_under_review: "审查中", "審查中", "Under review";
        mycase_state_approved: "已批准，等待送达", "已批准，等待送達", "Approved, result on its way";
        mycase_state_denied: "不予批准", "不予批准", "Not approved";
        mycase_state_completed: "已办结", "已辦結", "Completed";
        mycase_state_withdrawn: "已撤回", "已撤回", "Withdrawn";
        mycase_ev_submitted: "提交申请", "提交申請", "Application submitted";
        mycase_ev_accepted: "受理，开始计时", "受理，開始計時", "Accepted; the clock started";
        mycase_ev_returned: "退回补正", "退回補正", "Returned for corrections";
        mycase_ev_supplemented: "补正材料", "補正材料", "Corrections supplied";
        mycase_ev_advanced: "审查环节通过", "審查環節通過", "A review step was passed";
        mycase_ev_approved: "批准", "批准", "Approved";
        mycase_ev_denied: "不予批准", "不予批准", "Not approved";
        mycase_ev_delivered: "送达结果", "送達結果", "Result delivered";
        mycase_ev_withdrawn: "撤回申请", "撤回申請", "Application withdrawn";
        mycase_ev_transferred: "转交其他部门办理", "轉交其他部門辦理", "Passed to another department";
        mycase_ev_paused: "暂停计时", "暫停計時", "Clock paused";
        mycase_ev_resumed: "恢复计时", "恢復計時", "Clock resumed";
        mycase_ev_auto_approved: "系统自动审批通过（秒批）", "系統自動審批通過（秒批）", "Approved instantly by rules";
        mycase_ev_human_review: "申请人工复核", "申請人工複核", "Asked for a person to review";
        mycase_ev_rated: "评价服务", "評價服務", "Service rated";
        mycase_actor_you: "您", "您", "You";
        mycase_actor_system: "系统自动审批", "系統自動審批", "Automatic approval";
        mycase_actor_staff: "工作人员", "工作人員", "Staff";
        mycase_progress_title: "办件进度", "辦件進度", "Application progress";
        mycase_book_visit: "预约到现场办理", "預約到現場辦理", "Book the visit to the counter";
        mycase_fee: "费用", "費用", "Fee";
        mycase_fee_paid: "已缴费", "已繳費", "Paid";
        mycase_fee_unpaid: "待缴费", "待繳費", "To pay";
        mycase_fee_pay: "去缴费", "去繳費", "Pay now";
        mycase_fee_see: "查看缴费记录", "查看繳費記錄", "See the payment";
        mycase_verification_code: "查询码", "查詢碼", "Tracking code";
        mycase_code_hint: "凭办件编号和查询码，不登录也能查询进度。", "憑辦件編號和查詢碼，不登入也能查詢進度。", "With the receipt number and this tracking code anyone can follow progress without logging in.";
        mycase_department: "办理部门", "辦理部門", "Handling department";
        mycase_item: "办理事项", "辦理事項", "Service";
        mycase_time_limit: "承诺时限", "承諾時限", "Time limit";
        mycase_working_days: "个工作日", "個工作日", "working days";
        mycase_no_limit: "无承诺时限", "無承諾時限", "No set time limit";
        mycase_timeline: "办理过程", "辦理過程", "What has happened";
        mycase_when: "时间", "時間", "When";
        mycase_who: "办理人", "辦理人", "By";
        mycase_returned_title: "请一次性补正以下材料", "請一次性補正以下材料", "Please supply everything listed below";
        mycase_returned_intro: "办理部门已退回您的申请，并一次性告知需要补正的全部内容：", "辦理部門已退回您的申請，並一次性告知需要補正的全部內容：", "The department returned your application and listed everything that is missing:";
        mycase_supplement_button: "去补正", "去補正", "Supply what is missing";
        mycase_denied_reason: "不予批准的理由", "不予批准的理由", "Why it was not approved";
        mycase_legal_basis: "法律依据", "法律依據", "Legal basis";
        mycase_delivery: "送达方式", "送達方式", "Delivery";
        mycase_delivery_counter: "窗口领取", "窗口領取", "Pick up at the counter";
        mycase_delivery_post: "邮寄", "郵寄", "By post";
        mycase_delivery_electronic: "电子送达", "電子送達", "Electronic";
        mycase_tracking: "快递单号", "快遞單號", "Tracking number";
        mycase_note: "说明", "說明", "Note";
        mycase_certificates: "本件颁发的电子证照", "本件頒發的電子證照", "Certificates from this application";
        mycase_rules_title: "自动审批的判断依据", "自動審批的判斷依據", "How the automatic decision was made";
        mycase_rule_pass: "通过", "通過", "Passed";
        mycase_rule_fail: "未通过", "未通過", "Not passed";
        mycase_rule_unknown: "无法判断", "無法判斷", "Could not tell";
        mycase_actions: "您可以", "您可以", "What you can do";
        mycase_withdraw_title: "撤回申请", "撤回申請", "Withdraw the application";
        mycase_withdraw_reason: "撤回原因（选填）", "撤回原因（選填）", "Why (optional)";
        mycase_withdraw_button: "我要撤回", "我要撤回", "Withdraw";
        mycase_withdraw_confirm_title: "确定撤回吗？", "確定撤回嗎？", "Withdraw this application?";
        mycase_withdraw_confirm_text: "撤回后本件不再办理，如需办理要重新申请。", "撤回後本件不再辦理，如需辦理要重新申請。", "Once withdrawn, nothing more is done; to go on you would have to apply again.";
        mycase_withdraw_confirm_button: "确定撤回", "確定撤回", "Yes, withdraw";
        mycase_withdraw_cancel: "不撤回，返回", "不撤回，返回", "No, go back";
        mycase_done_withdrawn: "您的申请已撤回。", "您的申請已撤回。", "Your application was withdrawn.";
        mycase_done_review: "已提交人工复核申请，工作人员会重新审查。", "已提交人工複核申請，工作人員會重新審查。", "Your request was sent; a member of staff will review the case again.";
        mycase_done_supplement: "补正材料已提交。", "補正材料已提交。", "Your corrections were sent.";
        mycase_done_rated: "感谢您的评价！", "感謝您的評價！", "Thank you for your rating.";
        mycase_review_title: "申请人工复核", "申請人工複核", "Ask for a person to review";
        mycase_review_intro: "本件由系统自动审批。如有异议，可以申请工作人员重新审查。", "本件由系統自動審批。如有異議，可以申請工作人員重新審查。", "This case was decided automatically. If you disagree, staff can review it again.";
        mycase_prefilled_kept: "申请时自动填写，不能修改", "申請時自動填寫，不能修改", "Filled in when you applied; cannot be changed";
        mycase_review_reason: "复核理由", "複核理由", "Why";
        mycase_review_button: "提交复核申请", "提交複核申請", "Send the request";
        mycase_rate_title: "评价本次服务", "評價本次服務", "Rate this service";
        mycase_rate_intro: "每件办件可评价一次。差评会由办理部门整改并回访。", "每件辦件可評價一次。差評會由辦理部門整改並回訪。", "You can rate each application once. Poor ratings are followed up by the department, who will call you back.";
        mycase_rate_level: "总体评价", "總體評價", "Overall";
        mycase_ind_efficiency: "办事效率", "辦事效率", "Speed";
        mycase_ind_guide: "办事指南准确", "辦事指南準確", "Accuracy of the guide";
        mycase_ind_convenience: "办事便利", "辦事便利", "Convenience";
        mycase_ind_usability: "平台易用", "平台易用", "Ease of use";
        mycase_ind_hint: "选填，1 分最差，5 分最好。", "選填，1 分最差，5 分最好。", "Optional: 1 is worst, 5 is best.";
        mycase_ind_none: "不评分", "不評分", "No score";
        mycase_rate_comment: "意见和建议（选填）", "意見和建議（選填）", "Comments (optional)";
        mycase_rate_button: "提交评价", "提交評價", "Send rating";
        mycase_rated_already: "已经评价过", "已經評價過", "You have already rated this application";
        mycase_your_rating: "您的评价", "您的評價", "Your rating";
        mycase_not_allowed: "当前状态下不能进行这个操作。", "目前狀態下不能進行這個操作。", "This cannot be done at this stage.";
        mycase_supplement_title: "补正材料", "補正材料", "Supply what is missing";
        mycase_supplement_intro: "请按照告知修改下列内容或重新上传材料，未修改的内容保持不变。", "請按照告知修改下列內容或重新上傳材料，未修改的內容保持不變。", "Change what the notice asks for or upload files again; everything else stays as it is.";
        mycase_supplement_submit: "提交补正", "提交補正", "Send corrections";
        mycase_track_title: "办件查询", "辦件查詢", "Track an application";
        mycase_track_intro: "输入办件编号和查询码即可查看办理进度，无需登录。", "輸入辦件編號和查詢碼即可查看辦理進度，無需登入。", "Enter the receipt number and tracking code to see progress; no login needed.";
        mycase_track_receipt_hint: "在提交成功的页面和短信中可以找到。", "在提交成功的頁面和簡訊中可以找到。", "Shown on the confirmation page and in the text message.";
        mycase_track_code_hint: "6 位数字，和办件编号写在一起。", "6 位數字，和辦件編號寫在一起。", "6 digits, given with the receipt number.";
        mycase_track_button: "查询", "查詢", "Look up";
        mycase_track_not_found: "没有找到。请核对办件编号和查询码。", "沒有找到。請核對辦件編號和查詢碼。", "Nothing found. Please check the receipt number and the tracking code.";
        mycase_track_privacy: "为保护隐私，这里不显示个人信息和办理意见。登录后可查看完整进度。", "為保護隱私，這裡不顯示個人資訊和辦理意見。登入後可查看完整進度。", "To protect privacy, no personal details or notes are shown here. Log in to see everything.";
        mycase_track_again: "查询其他办件", "查詢其他辦件", "Look up another";
        mycert_wallet_title: "我的证照", "我的證照", "My certificates";
        mycert_wallet_intro: "办件批准后颁发的电子证照都在这里，可以打印、出示二维码或分享给他人核验。", "辦件批准後頒發的電子證照都在這裡，可以列印、出示二維碼或分享給他人核驗。", "Electronic certificates issued when your applications are approved. Print them, show the QR code or share them for checking.";
        mycert_none: "您还没有电子证照。", "您還沒有電子證照。", "You have no certificates yet.";
        mycert_receipts: "缴费票据", "繳費票據", "Receipts for fees paid";
        mycert_type: "证照类型", "證照類型", "Type";
        mycert_issuer: "颁发机关", "頒發機關", "Issued by";
        mycert_issued: "颁发日期", "頒發日期", "Issued on";
        mycert_expires: "有效期至", "有效期至", "Valid until";
        mycert_no_expiry: "长期有效", "長期有效", "Does not expire";
        mycert_status: "状态", "狀態", "Status";
        mycert_valid: "有效", "有效", "Valid";
        mycert_expired: "已过期", "已過期", "Expired";
        mycert_revoked: "已撤销", "已撤銷", "Revoked";
        mycert_revoked_reason: "撤销原因", "撤銷原因", "Reason";
        mycert_revoked_on: "撤销日期", "撤銷日期", "Revoked on";
        mycert_open: "查看证照", "查看證照", "Open";
        mycert_holder: "持证人", "持證人", "Holder";
        mycert_holder_id: "身份证件号码", "身分證件號碼", "ID number";
        mycert_number: "证照编号", "證照編號", "Certificate number";
        mycert_data: "证照内容", "證照內容", "Details";
        mycert_qr_alt: "核验二维码", "核驗二維碼", "QR code for checking";
        mycert_qr_hint: "扫描二维码即可在线核验真伪。", "掃描二維碼即可線上核驗真偽。", "Scan to check online that it is genuine.";
        mycert_print: "打印", "列印", "Print";
        mycert_print_hint: "用浏览器的打印功能即可打印本页。", "用瀏覽器的列印功能即可列印本頁。", "Use your browser's print command to print this page.";
        mycert_token_title: "离线核验数据", "離線核驗資料", "Data for offline checking";
        mycert_token_hint: "这是带电子签名的证照原文，可以用公开的公钥离线核验。", "這是帶電子簽章的證照原文，可以用公開的公鑰離線核驗。", "The signed certificate itself; it can be checked offline with the published public keys.";
        mycert_how_to_verify: "核验方法说明", "核驗方法說明", "How to check it";
        mycert_share_title: "分享给他人核验", "分享給他人核驗", "Share for checking";
        mycert_share_intro: "生成一个 72 小时内有效的链接，对方打开即可查看本证照及其状态。", "產生一個 72 小時內有效的連結，對方開啟即可查看本證照及其狀態。", "Make a link that works for 72 hours; whoever opens it sees this certificate and its status.";
        mycert_share_button: "生成分享链接", "產生分享連結", "Make a share link";
        mycert_share_done_title: "分享链接已生成", "分享連結已產生", "Share link made";
        mycert_share_link: "链接", "連結", "Link";
        mycert_share_until: "链接有效至", "連結有效至", "Works until";
        mycert_share_copy_hint: "请复制链接发给需要核验的人。", "請複製連結發給需要核驗的人。", "Copy the link and send it to whoever needs to check.";
        mycert_share_invalid: "已过期或已撤销的证照不能分享。", "已過期或已撤銷的證照不能分享。", "An expired or revoked certificate cannot be shared.";
        mycert_shares_title: "有效的分享链接", "有效的分享連結", "Links that still work";
        mycert_share_made: "生成于", "產生於", "Made";
        mycert_share_revoke: "停用此链接", "停用此連結", "Stop this link";
        mycert_shared_withdrawn: "这张证照已不再有效，分享链接不再显示其内容。", "這張證照已不再有效，分享連結不再顯示其內容。", "This certificate is no longer in force; the share link no longer shows what it states.";
        mycert_verify_summary_hint: "核验只显示证照是否有效和基本信息。证照的具体内容，请向持证人索取分享链接。", "核驗只顯示證照是否有效和基本資訊。證照的具體內容，請向持證人索取分享連結。", "Checking shows only whether the certificate is valid and what it is. For what it states, ask the holder for a share link.";
        mycert_shared_title: "分享的电子证照", "分享的電子證照", "Shared certificate";
        mycert_shared_until: "本分享链接有效至", "本分享連結有效至", "This link works until";
        mycert_back_wallet: "返回我的证照", "返回我的證照", "Back to my certificates";
        mycert_verify_title: "电子证照核验", "電子證照核驗", "Check a certificate";
        mycert_verify_intro: "扫描证照上的二维码会打开本页并直接显示核验结果。持证人也可以把证照页面上的“离线核验数据”发给您，粘贴到下面即可核验。", "掃描證照上的二維碼會開啟本頁並直接顯示核驗結果。持證人也可以把證照頁面上的「離線核驗資料」傳給您，貼到下面即可核驗。", "Scanning a certificate's QR code opens this page with the result. The holder can also send you the “Data for offline checking” from their certificate page: paste it below.";
        mycert_verify_field: "离线核验数据", "離線核驗資料", "Data for offline checking";
        mycert_verify_hint: "一长串字母、数字和符号，在持证人证照页面的“离线核验数据”里。请完整粘贴，不要漏掉开头和结尾。", "一長串字母、數字和符號，在持證人證照頁面的「離線核驗資料」裡。請完整貼上，不要漏掉開頭和結尾。", "A long run of letters, digits and signs, under “Data for offline checking” on the holder's certificate page. Paste all of it, first character to last.";
        mycert_verify_compare: "请核对：持证人姓名（只显示第一个字）和身份证件号码（中间隐藏）应与对方出示的证件一致。", "請核對：持證人姓名（只顯示第一個字）和身分證件號碼（中間隱藏）應與對方出示的證件一致。", "Check that the holder's name (only its first character is shown) and ID number (partly hidden) match the identity document in front of you.";
        mycert_verify_button: "核验", "核驗", "Check";
        mycert_verdict_valid: "有效：这是本平台签发的真实证照", "有效：這是本平台簽發的真實證照", "Valid: a genuine certificate of this platform";
        mycert_verdict_revoked: "已撤销：该证照已被颁发机关撤销", "已撤銷：該證照已被頒發機關撤銷", "Revoked by the issuing authority";
        mycert_verdict_expired: "已过期：该证照已超过有效期", "已過期：該證照已超過有效期", "Expired: past its validity date";
        mycert_verdict_invalid: "不是本平台签发的有效证照，或内容被改动过", "不是本平台簽發的有效證照，或內容被改動過", "Not a valid certificate of this platform, or it was altered";
        mycert_verify_offline: "供其他单位的业务系统核验", "供其他單位的業務系統核驗", "For other offices' computer systems";
        mycert_verify_systems: "每份证照都带有颁发机关的电子签名。其他单位的业务系统可以下载本平台公布的公钥清单和撤销清单，不必每次访问本页，也能核验证照的真伪和是否已撤销。", "每份證照都帶有頒發機關的電子簽章。其他單位的業務系統可以下載本平台公布的公鑰清單和撤銷清單，不必每次造訪本頁，也能核驗證照的真偽和是否已撤銷。", "Each certificate carries the issuing authority's electronic signature. Another office's system can download these two lists and check certificates — genuine, and not revoked — without visiting this page each time.";
        mycert_keys_link: "公钥清单", "公鑰清單", "Published keys";
        mycert_revocations_link: "撤销清单", "撤銷清單", "Revoked certificates";
        mycert_verify_another: "核验其他证照", "核驗其他證照", "Check another";
    }
}

/// Texts of these pages that take values.
pub trait CaseWords: Words {
    /// A case's state in plain words.
    fn mycase_state_name(self, s: CaseState) -> &'static str {
        match s {
            CaseState::Submitted => self.tr().mycase_state_submitted(),
            CaseState::Returned => self.tr().mycase_state_returned(),
            CaseState::UnderReview => self.tr().mycase_state_under_review(),
            CaseState::Approved => self.tr().mycase_state_approved(),
            CaseState::Denied => self.tr().mycase_state_denied(),
            CaseState::Completed => self.tr().mycase_state_completed(),
            CaseState::Withdrawn => self.tr().mycase_state_withdrawn(),
        }
    }

    /// What a history entry records, in plain words.
    fn mycase_event_name(self, k: EventKind) -> &'static str {
        match k {
            EventKind::Submitted => self.tr().mycase_ev_submitted(),
            EventKind::Accepted => self.tr().mycase_ev_accepted(),
            EventKind::Returned => self.tr().mycase_ev_returned(),
            EventKind::Supplemented => self.tr().mycase_ev_supplemented(),
            EventKind::Advanced => self.tr().mycase_ev_advanced(),
            EventKind::Approved => self.tr().mycase_ev_approved(),
            EventKind::Denied => self.tr().mycase_ev_denied(),
            EventKind::Delivered => self.tr().mycase_ev_delivered(),
            EventKind::Withdrawn => self.tr().mycase_ev_withdrawn(),
            EventKind::Transferred => self.tr().mycase_ev_transferred(),
            EventKind::Paused => self.tr().mycase_ev_paused(),
            EventKind::Resumed => self.tr().mycase_ev_resumed(),
            EventKind::AutoApproved => self.tr().mycase_ev_auto_approved(),
            EventKind::HumanReviewRequested => self.tr().mycase_ev_human_review(),
            EventKind::Rated => self.tr().mycase_ev_rated(),
        }
    }

    /// How a result is delivered.
    fn mycase_delivery_name(self, d: DeliveryMethod) -> &'static str {
        match d {
            DeliveryMethod::Counter => self.tr().mycase_delivery_counter(),
            DeliveryMethod::Post => self.tr().mycase_delivery_post(),
            DeliveryMethod::Electronic => self.tr().mycase_delivery_electronic(),
        }
    }

    /// An instant-approval rule's outcome.
    fn mycase_rule_outcome(self, o: RuleOutcome) -> &'static str {
        match o {
            RuleOutcome::Pass => self.tr().mycase_rule_pass(),
            RuleOutcome::Fail => self.tr().mycase_rule_fail(),
            RuleOutcome::Unknown => self.tr().mycase_rule_unknown(),
        }
    }
}

impl CaseWords for Tr {}
