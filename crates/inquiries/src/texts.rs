//! Texts of inquiries: asking, following, the console's queues and the case page.

use yiwang_domain::inquiry::{EventKind, InquiryState, Kind, Verdict};
use yiwang_kit::i18n::Tr;

yiwang_kit::texts! {
    /// The texts of this capability's pages.
    pub trait InquiryTexts {
        inq_title: "我要问政", "我要問政", "Ask the government";
        inq_intro: "咨询、求助、投诉、举报、建议都可以在这里提出，由负责的部门在规定时限内答复。紧急情况请拨打110、119或120。", "諮詢、求助、投訴、舉報、建議都可以在這裡提出，由負責的部門在規定時限內答覆。緊急情況請撥打110、119或120。", "Ask a question, ask for help, complain, report a problem or make a suggestion here; the responsible department answers within a set time. In an emergency call 110, 119 or 120.";
        inq_new: "我要提问", "我要提問", "Ask now";
        inq_kind: "类型", "類型", "Kind";
        inq_category: "事项分类", "事項分類", "Topic";
        inq_subject: "标题", "標題", "Title";
        inq_subject_hint: "一句话说清是什么事，例如：某某路路灯不亮", "一句話說清是什麼事，例如：某某路路燈不亮", "One line saying what it is about, e.g. street lights out on … Road";
        inq_body: "具体内容", "具體內容", "Details";
        inq_body_hint: "发生了什么、在哪里、从什么时候开始，您希望怎样解决。请不要填写身份证号等个人信息。", "發生了什麼、在哪裡、從什麼時候開始，您希望怎樣解決。請不要填寫身分證號等個人資訊。", "What happened, where, since when, and what you would like done. Please leave out ID numbers and other personal details.";
        inq_region: "所在地区（街道、乡镇）", "所在地區（街道、鄉鎮）", "Area (street or township)";
        inq_address: "详细地址", "詳細地址", "Address";
        inq_address_hint: "可选，例如：某某路12号门口", "可選，例如：某某路12號門口", "Optional, e.g. outside No. 12 … Road";
        inq_public: "同意在公开平台上展示（隐去个人信息）", "同意在公開平台上展示（隱去個人資訊）", "Show it on the public board (personal details hidden)";
        inq_anonymous: "匿名提出（部门看不到您是谁；信访不能匿名）", "匿名提出（部門看不到您是誰；信訪不能匿名）", "Ask anonymously (the department does not see who you are; not for petitions)";
        inq_submit: "提交", "提交", "Submit";
        inq_done_title: "已收到您的诉求", "已收到您的訴求", "Your inquiry has been received";
        inq_receipt: "受理编号", "受理編號", "Reference number";
        inq_query_code: "查询码", "查詢碼", "Query code";
        inq_query_code_note: "查询码只显示这一次，请抄下或截图保存。凭受理编号和查询码可以查看进度和答复。", "查詢碼只顯示這一次，請抄下或截圖保存。憑受理編號和查詢碼可以查看進度和答覆。", "The query code is shown only this once: write it down or take a screenshot. With the reference number and the code you can follow progress and read the answer.";
        inq_due_by: "答复期限", "答覆期限", "Answer due by";
        inq_mine: "我的诉求", "我的訴求", "My inquiries";
        inq_none: "还没有诉求。", "還沒有訴求。", "No inquiries yet.";
        inq_lookup: "凭查询码查看", "憑查詢碼查看", "Look up with a query code";
        inq_lookup_intro: "没有账号提出的诉求，凭受理编号和查询码查看。", "沒有帳號提出的訴求，憑受理編號和查詢碼查看。", "For an inquiry made without an account: enter its reference number and query code.";
        inq_lookup_submit: "查看", "查看", "Look up";
        inq_lookup_failed: "受理编号或查询码不对，请核对后再试。", "受理編號或查詢碼不對，請核對後再試。", "The reference number or the query code is wrong. Check them and try again.";
        inq_state: "状态", "狀態", "Status";
        inq_department: "承办部门", "承辦部門", "Handled by";
        inq_not_yet_routed: "正在分派", "正在分派", "Being assigned";
        inq_submitted_on: "提交日期", "提交日期", "Submitted on";
        inq_history: "办理过程", "辦理過程", "What has happened";
        inq_reply: "答复", "答覆", "Answer";
        inq_rate_title: "您对答复满意吗？", "您對答覆滿意嗎？", "Are you satisfied with the answer?";
        inq_rate_reason: "原因（不满意时请说明）", "原因（不滿意時請說明）", "Why (please say, if not satisfied)";
        inq_rate_submit: "提交评价", "提交評價", "Send";
        inq_queue: "诉求办理", "訴求辦理", "Inquiries";
        inq_queue_title: "待办诉求", "待辦訴求", "Inquiries to handle";
        inq_desk: "派单台", "派單台", "Dispatch desk";
        inq_desk_intro: "还没有承办部门的诉求，最早的在前。", "還沒有承辦部門的訴求，最早的在前。", "Inquiries without a department yet, oldest first.";
        inq_queue_empty: "没有待办的诉求。", "沒有待辦的訴求。", "Nothing waiting.";
        inq_overdue: "已超期", "已超期", "Overdue";
        inq_asker: "提出人", "提出人", "Asked by";
        inq_asker_anonymous: "匿名", "匿名", "Anonymous";
        inq_asker_account: "实名账号", "實名帳號", "A registered citizen";
        inq_channel: "渠道", "渠道", "Channel";
        inq_actions: "办理", "辦理", "Act";
        inq_action: "操作", "操作", "Step";
        inq_to_department: "部门", "部門", "Department";
        inq_text: "内容或理由", "內容或理由", "Text or reason";
        inq_do: "确定", "確定", "Do it";
        inq_done_step: "已办理。", "已辦理。", "Done.";
        inq_location: "位置", "位置", "Location";
        inq_a_route: "派给部门", "派給部門", "Assign to a department";
        inq_a_acknowledge: "签收", "簽收", "Acknowledge";
        inq_a_accept: "受理（信访）", "受理（信訪）", "Accept (petition)";
        inq_a_decline: "不予受理（信访，写明理由）", "不予受理（信訪，寫明理由）", "Decline (petition, with reasons)";
        inq_a_transfer: "转办其他部门", "轉辦其他部門", "Transfer to another department";
        inq_a_return: "退回派单台", "退回派單台", "Return to the dispatch desk";
        inq_a_helper: "请其他部门协办", "請其他部門協辦", "Ask another department to help";
        inq_a_finding: "记录办理情况", "記錄辦理情況", "Record what was found or done";
        inq_a_pause: "暂停计时（写明理由）", "暫停計時（寫明理由）", "Pause the clock (with reasons)";
        inq_a_resume: "恢复计时", "恢復計時", "Resume the clock";
        inq_a_extend: "延期一次", "延期一次", "Extend once";
        inq_a_reply: "答复", "答覆", "Answer";
        inq_a_approve: "审核通过答复", "審核通過答覆", "Approve the answer";
        inq_a_reject: "退回答复重写", "退回答覆重寫", "Send the answer back";
        inq_a_close: "办结", "辦結", "Close";
        inq_a_merge: "合并到相似诉求（写明选哪一件）", "合併到相似訴求（寫明選哪一件）", "Merge into a similar inquiry";
        inq_similar: "相似的未办结诉求", "相似的未辦結訴求", "Similar open inquiries";
        inq_similar_intro: "在同一街道、相距不远或内容相近的未办结诉求，最像的在前。是否同一件事由您判断；合并后由选定的那件继续办理，每位提出人都会收到进度，并可以评价。", "在同一街道、相距不遠或內容相近的未辦結訴求，最像的在前。是否同一件事由您判斷；合併後由選定的那件繼續辦理，每位提出人都會收到進度，並可以評價。", "Open inquiries in the same street, close by, or in similar words, the most alike first. You decide whether it is the same problem; after a merge the chosen one carries on, and every asker is told of its progress and may rate it.";
        inq_merge_into: "合并到", "合併到", "Merge into";
        inq_call_title: "记录来电（12345）", "記錄來電（12345）", "Record a call (12345)";
        inq_call_intro: "替来电群众记录诉求。来电号码加密保存，受理编号和查询码会以短信发给来电人。", "替來電群眾記錄訴求。來電號碼加密保存，受理編號和查詢碼會以簡訊發給來電人。", "Record an inquiry for a caller. The caller's number is stored encrypted; the reference number and query code are sent to it by SMS.";
        inq_caller_name: "来电人称呼", "來電人稱呼", "Caller's name";
        inq_caller_name_hint: "可选，例如：王先生", "可選，例如：王先生", "Optional, e.g. Mr Wang";
        inq_caller_phone: "来电号码", "來電號碼", "Caller's number";
        inq_call_submit: "保存并告知来电人", "儲存並告知來電人", "Save and tell the caller";
        inq_call_done: "已记录。请把受理编号和查询码读给来电人。", "已記錄。請把受理編號和查詢碼讀給來電人。", "Recorded. Read the reference number and query code to the caller.";
        inq_league: "办理情况排行", "辦理情況排行", "How departments answer";
        inq_league_intro: "各部门（或各区县）在所选期间收到和答复诉求的情况。响应率：按时签收的比例；按时办结率：按时答复的比例；满意率：满意和基本满意占评价的比例。", "各部門（或各區縣）在所選期間收到和答覆訴求的情況。響應率：按時簽收的比例；按時辦結率：按時答覆的比例；滿意率：滿意和基本滿意佔評價的比例。", "How each department (or county) received and answered inquiries in the period. Response rate: acknowledged on time; on-time rate: answered on time; satisfaction: satisfied or mostly satisfied, of the verdicts.";
        inq_league_from: "从", "從", "From";
        inq_league_to: "到", "到", "To";
        inq_league_by: "按", "按", "By";
        inq_league_by_county: "区县", "區縣", "County";
        inq_league_show: "查看", "查看", "Show";
        inq_league_empty: "这段时间没有诉求。", "這段時間沒有訴求。", "No inquiries in this period.";
        inq_league_received: "收到", "收到", "Received";
        inq_league_response: "响应率", "響應率", "Response rate";
        inq_league_on_time: "按时办结率", "按時辦結率", "On time";
        inq_league_satisfaction: "满意率", "滿意率", "Satisfaction";
        inq_league_reopen: "重办率", "重辦率", "Reopened";
        inq_league_days: "平均答复用时（工作日）", "平均答覆用時（工作日）", "Average working days to answer";
        inq_league_overdue: "当前超期", "當前超期", "Overdue now";
        inq_league_csv: "下载表格（CSV）", "下載表格（CSV）", "Download (CSV)";
        inq_board: "问政广场", "問政廣場", "Public answers";
        inq_board_intro: "已答复、提出人同意公开的诉求。姓名、电话、证件号和门牌号已隐去。", "已答覆、提出人同意公開的訴求。姓名、電話、證件號和門牌號已隱去。", "Answered inquiries whose askers agreed to publish them. Names, phone, ID and house numbers are hidden.";
        inq_board_count: "共 ", "共 ", "Total: ";
        inq_board_empty: "还没有公开的诉求。", "還沒有公開的訴求。", "Nothing published yet.";
        inq_replied_on: "答复于", "答覆於", "Answered on";
        inq_publish: "公开到问政广场", "公開到問政廣場", "Publish on the public board";
        inq_publish_title: "确认公开内容", "確認公開內容", "Confirm what is published";
        inq_publish_intro: "下面是已自动隐去个人信息的文字。请逐句核对：自动规则可能漏掉姓名、地址或其他能认出提出人的内容，请直接改正后再公开。", "下面是已自動隱去個人資訊的文字。請逐句核對：自動規則可能漏掉姓名、地址或其他能認出提出人的內容，請直接改正後再公開。", "Below are the texts with personal data hidden by rule. Read every sentence: the rule may miss a name, an address or anything else that identifies the asker. Correct it here, then publish.";
        inq_publish_submit: "确认并公开", "確認並公開", "Confirm and publish";
        inq_settings: "问政设置", "問政設定", "Inquiry settings";
        inq_saved: "已保存。", "已儲存。", "Saved.";
        inq_routes: "派单规则", "派單規則", "Routing rules";
        inq_routes_intro: "每条规则把某一分类（或全部分类）在某一地区及其下辖地区的诉求派给一个部门。范围最小的规则优先，同一范围里指定分类的优先。没有规则的诉求进入派单台。", "每條規則把某一分類（或全部分類）在某一地區及其下轄地區的訴求派給一個部門。範圍最小的規則優先，同一範圍裡指定分類的優先。沒有規則的訴求進入派單台。", "Each rule sends the inquiries of a topic (or all topics) in a region and everything under it to a department. The narrowest region wins, then a named topic over all topics. Inquiries no rule covers go to the dispatch desk.";
        inq_any_category: "全部分类", "全部分類", "All topics";
        inq_whole_deployment: "全市（全部地区）", "全市（全部地區）", "Everywhere";
        inq_delete: "删除", "刪除", "Delete";
        inq_add_route: "添加规则", "新增規則", "Add the rule";
        inq_dry_run: "试一试：一件诉求会派到哪里", "試一試：一件訴求會派到哪裡", "Try it: where would an inquiry go";
        inq_dry_run_submit: "试派", "試派", "Try";
        inq_dry_run_result: "按现有规则会派给：", "按現有規則會派給：", "With the rules as they are it goes to: ";
        inq_limits: "办理时限", "辦理時限", "Time limits";
        inq_limits_intro: "按工作日计算（跳过节假日和调休），信访按《信访工作条例》以自然日计算。", "按工作日計算（跳過節假日和調休），信訪按《信訪工作條例》以自然日計算。", "In working days (skipping holidays and make-up days); petitions in calendar days under the Petition Work Regulations.";
        inq_limit_ack: "签收（工作日）", "簽收（工作日）", "Acknowledge (working days)";
        inq_limit_reply: "答复（工作日）", "答覆（工作日）", "Answer (working days)";
        inq_limit_handle: "受理后办理", "受理後辦理", "Handle once accepted";
        inq_calendar_days: "（自然日）", "（自然日）", " (calendar days)";
        inq_limit_accept: "决定是否受理（自然日）", "決定是否受理（自然日）", "Decide whether to accept (calendar days)";
        inq_limit_extension: "可延期一次（自然日）", "可延期一次（自然日）", "One extension (calendar days)";
        inq_limit_review: "复查（自然日）", "複查（自然日）", "Review (calendar days)";
        inq_max_transfers: "转办次数上限（超过后由督办人员决定）", "轉辦次數上限（超過後由督辦人員決定）", "Transfers before a supervisor decides";
        inq_rating_days: "评价期限（天）", "評價期限（天）", "Days to rate an answer";
        inq_save: "保存", "儲存", "Save";
        inq_categories: "诉求分类", "訴求分類", "Topics";
        inq_category_name: "名称", "名稱", "Name";
        inq_category_group: "所属大类", "所屬大類", "Group";
        inq_category_days: "答复时限（工作日）", "答覆時限（工作日）", "Answer within (working days)";
        inq_category_days_hint: "留空则按类型的时限", "留空則按類型的時限", "Empty: the kind's limit";
        inq_category_active: "在用", "在用", "In use";
        inq_category_anonymous: "可匿名", "可匿名", "Anonymous allowed";
        inq_category_public: "可公开", "可公開", "May be published";
        inq_new_category: "新增分类", "新增分類", "New topic";
        inq_category_code: "代码", "代碼", "Code";
        inq_category_code_hint: "小写英文字母、数字和下划线，例如 street_trees；也是 Open311 的 service_code", "小寫英文字母、數字和底線，例如 street_trees；也是 Open311 的 service_code", "Lowercase letters, digits and underscores, e.g. street_trees; also the Open311 service_code";
        inq_category_description: "说明", "說明", "Description";
        inq_add_category: "添加分类", "新增分類", "Add the topic";
        inq_reply_review: "答复审核", "答覆審核", "Answer review";
        inq_reply_review_intro: "勾选的部门，答复要经部门负责人审核通过后才发给群众。", "勾選的部門，答覆要經部門負責人審核通過後才發給群眾。", "For the departments ticked, an answer reaches the citizen only after the department's head approves it.";
        inq_open311_clients: "Open311 接入", "Open311 接入", "Open311 clients";
        inq_open311_intro: "第三方应用（如随手拍）用接入密钥通过 Open311 GeoReport v2 提交诉求。密钥只显示一次，平台只保存它的摘要。", "第三方應用（如隨手拍）用接入金鑰透過 Open311 GeoReport v2 提交訴求。金鑰只顯示一次，平台只保存它的摘要。", "Other apps submit inquiries through Open311 GeoReport v2 with an API key. The key is shown once; the platform keeps only its hash.";
        inq_open311_name: "应用名称", "應用名稱", "Client name";
        inq_open311_add: "登记并生成密钥", "登記並產生金鑰", "Register and issue a key";
        inq_key_once: "密钥只显示这一次，请立即交给对方并妥善保存。", "金鑰只顯示這一次，請立即交給對方並妥善保存。", "The key is shown only this once: hand it over now and keep it safe.";
        inq_revoke: "停用密钥", "停用金鑰", "Revoke the key";
        inq_revoked: "已停用", "已停用", "Revoked";
        inq_all_open: "全部待办", "全部待辦", "All open";
        inq_overdue_only: "只看已超期", "只看已超期", "Overdue only";
        inq_helping: "本部门协办的", "本部門協辦的", "Those we help on";
        inq_pick: "选中", "選中", "Select";
        inq_bulk_acknowledge: "签收选中的诉求", "簽收選中的訴求", "Acknowledge the selected";
        inq_bulk_done: "已签收：", "已簽收：", "Acknowledged: ";
        inq_photos: "照片（选填）", "照片（選填）", "Photos (optional)";
        inq_photos_hint: "最多9张，JPG或PNG，每张不超过5MB，合计不超过20MB。", "最多9張，JPG或PNG，每張不超過5MB，合計不超過20MB。", "Up to 9, JPG or PNG, each at most 5 MB and 20 MB in all.";
        inq_use_location: "使用我现在的位置", "使用我現在的位置", "Use where I am now";
        inq_location_added: "已记下您的位置。", "已記下您的位置。", "Your location is noted.";
        inq_location_failed: "没能取得位置，请填写地址。", "沒能取得位置，請填寫地址。", "Could not get your location; please give the address.";
        inq_photo: "照片", "照片", "Photo";
        inq_supervise: "督办", "督辦", "Supervision";
        inq_supervise_intro: "本地区已超期未办结的诉求，和群众不满意后重新办理的诉求，超期最久的在前。", "本地區已超期未辦結的訴求，和群眾不滿意後重新辦理的訴求，超期最久的在前。", "Inquiries in your region past their due day, and those reopened after an unsatisfied verdict, the longest overdue first.";
        inq_review_title: "申请复查", "申請複查", "Ask for a review";
        inq_review_intro: "对信访事项的处理意见不服的，可以在收到答复之日起30日内请求复查（《信访工作条例》）。", "對信訪事項的處理意見不服的，可以在收到答覆之日起30日內請求複查（《信訪工作條例》）。", "If you disagree with the answer to your petition, you may ask for a review within 30 days of receiving it (Petition Work Regulations).";
        inq_review_reason: "请说明理由", "請說明理由", "Your reasons";
        inq_review_submit: "提交复查申请", "提交複查申請", "Ask for the review";
        inq_files: "附件（选填）", "附件（選填）", "Files (optional)";
        inq_files_hint: "随答复或办理情况一起保存，JPG、PNG或PDF，每个不超过5MB，最多9个。", "隨答覆或辦理情況一起保存，JPG、PNG或PDF，每個不超過5MB，最多9個。", "Kept with the answer or finding: JPG, PNG or PDF, each at most 5 MB, up to 9.";
        inq_already_received: "这件诉求此前已经收到，没有重复提交。查询码只在第一次提交时显示；如果没有记下，请拨打12345，凭受理编号查询。", "這件訴求此前已經收到，沒有重複提交。查詢碼只在第一次提交時顯示；如果沒有記下，請撥打12345，憑受理編號查詢。", "This inquiry was already received and was not submitted twice. The query code is shown only the first time; if you did not note it, call 12345 with the reference number.";
        inq_open311_key: "Open311 接入密钥", "Open311 接入金鑰", "Open311 API key";
    }
}

/// The words for a kind.
pub fn kind_name(t: Tr, k: Kind) -> &'static str {
    match k {
        Kind::Question => t.pick("咨询", "諮詢", "Question"),
        Kind::Help => t.pick("求助", "求助", "Request for help"),
        Kind::Complaint => t.pick("投诉", "投訴", "Complaint"),
        Kind::Report => t.pick("举报", "舉報", "Report"),
        Kind::Suggestion => t.pick("建议", "建議", "Suggestion"),
        Kind::Petition => t.pick("信访", "信訪", "Petition"),
    }
}

/// The words for a state, as the asker and staff read it.
pub fn state_name(t: Tr, s: InquiryState) -> &'static str {
    match s {
        InquiryState::Dispatch => t.pick("正在分派", "正在分派", "Being assigned"),
        InquiryState::Assigned => t.pick(
            "已派单，待签收",
            "已派單，待簽收",
            "Assigned, awaiting acknowledgement",
        ),
        InquiryState::Handling => t.pick("办理中", "辦理中", "Being handled"),
        InquiryState::Paused => t.pick("暂停计时", "暫停計時", "Clock paused"),
        InquiryState::ReplyReview => t.pick("答复审核中", "答覆審核中", "Answer under review"),
        InquiryState::Replied => t.pick("已答复", "已答覆", "Answered"),
        InquiryState::Review => t.pick("复查中", "複查中", "Under review"),
        InquiryState::Closed => t.pick("已办结", "已辦結", "Closed"),
        InquiryState::Merged => t.pick("已合并办理", "已合併辦理", "Handled with another"),
    }
}

/// The words for an event in the history.
pub fn event_name(t: Tr, e: EventKind) -> &'static str {
    let s = e.as_str();
    match s {
        "submitted" => t.pick("提交", "提交", "Submitted"),
        "routed" => t.pick("派给部门", "派給部門", "Assigned to a department"),
        "acknowledged" => t.pick("部门签收", "部門簽收", "Acknowledged"),
        "accepted" => t.pick("受理", "受理", "Accepted"),
        "declined" => t.pick("不予受理", "不予受理", "Declined"),
        "transferred" => t.pick("转办", "轉辦", "Transferred"),
        "returned_to_dispatch" => t.pick("退回派单", "退回派單", "Returned for reassignment"),
        "merged" | "merged_in" => t.pick("合并办理", "合併辦理", "Merged"),
        "paused" => t.pick("暂停计时", "暫停計時", "Clock paused"),
        "resumed" => t.pick("恢复计时", "恢復計時", "Clock resumed"),
        "extended" => t.pick("延期", "延期", "Extended"),
        "replied" => t.pick("答复", "答覆", "Answered"),
        "rated" => t.pick("评价", "評價", "Rated"),
        "reopened" => t.pick("重新办理", "重新辦理", "Reopened"),
        "closed" => t.pick("办结", "辦結", "Closed"),
        "overdue" => t.pick("超期", "超期", "Overdue"),
        "escalated" => t.pick("超期督办", "超期督辦", "Escalated as overdue"),
        "reminded" => t.pick("催办", "催辦", "Reminded"),
        "published" => t.pick(
            "公开到问政广场",
            "公開到問政廣場",
            "Published on the public board",
        ),
        "helper_added" => t.pick(
            "请部门协办",
            "請部門協辦",
            "Another department asked to help",
        ),
        "finding" => t.pick("记录办理情况", "記錄辦理情況", "Finding recorded"),
        "supplemented" => t.pick("补充说明", "補充說明", "More information given"),
        "reply_drafted" => t.pick("答复待审核", "答覆待審核", "Answer awaiting review"),
        "reply_rejected" => t.pick("答复退回重写", "答覆退回重寫", "Answer sent back"),
        "review_requested" => t.pick("申请复查", "申請複查", "Review requested"),
        _ => t.pick("办理", "辦理", "Handled"),
    }
}

/// The words for a verdict.
pub fn verdict_name(t: Tr, v: Verdict) -> &'static str {
    match v {
        Verdict::Satisfied => t.pick("满意", "滿意", "Satisfied"),
        Verdict::Basically => t.pick("基本满意", "基本滿意", "Mostly satisfied"),
        Verdict::Unsatisfied => t.pick("不满意", "不滿意", "Not satisfied"),
    }
}

/// Why a case is shown as a possible duplicate, e.g. "同一街道 · 相距约120米 · 内容相似 64%".
pub fn resemblance_words(t: Tr, r: &yiwang_domain::inquiry::resemble::Resemblance) -> String {
    let mut parts: Vec<String> = Vec::new();
    if r.same_street {
        parts.push(t.pick("同一街道", "同一街道", "same street").to_owned());
    }
    if let Some(m) = r.metres.filter(|_| r.is_near()) {
        parts.push(match t.lang() {
            yiwang_domain::Lang::ZhHans => format!("相距约{m}米"),
            yiwang_domain::Lang::ZhHant => format!("相距約{m}米"),
            yiwang_domain::Lang::En => format!("about {m} m away"),
        });
    }
    if r.is_similar() {
        let p = r.text_percent;
        parts.push(match t.lang() {
            yiwang_domain::Lang::ZhHans => format!("内容相似 {p}%"),
            yiwang_domain::Lang::ZhHant => format!("內容相似 {p}%"),
            yiwang_domain::Lang::En => format!("{p}% alike in words"),
        });
    }
    parts.join(" · ")
}
