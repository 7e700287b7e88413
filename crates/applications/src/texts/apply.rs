//! Texts of the applying pages: task list, sections, check your answers, confirmation.

use yiwang_kit::i18n::{Tr, Words};

yiwang_kit::texts! {
    /// The texts of these pages.
    pub trait ApplyTexts {
        apply_title: "在线申请", "線上申請", "Apply online";
        apply_tasks_intro: "请逐项填写以下各部分。全部完成后，检查您的回答并提交。", "請逐項填寫以下各部分。全部完成後，檢查您的回答並提交。", "Fill in each section below. When all are completed, check your answers and submit.";
        apply_tasks_label: "申请的各个部分", "申請的各個部分", "Sections of the application";
        apply_status_not_started: "未开始", "未開始", "Not started";
        apply_status_in_progress: "进行中", "進行中", "In progress";
        apply_status_complete: "已完成", "已完成", "Completed";
        apply_check_link: "检查您的回答并提交", "檢查您的回答並提交", "Check your answers and submit";
        apply_not_ready: "所有部分都完成后才能提交。", "所有部分都完成後才能提交。", "You can submit once every section is completed.";
        apply_prefilled_title: "已为您自动填写", "已為您自動填寫", "Filled in for you";
        apply_prefilled_intro: "以下信息由平台根据政府已掌握的数据自动填写，无需重复提供。", "以下資訊由平台根據政府已掌握的資料自動填寫，無需重複提供。", "The platform filled these in from data the government already holds, so you do not have to give them again.";
        apply_origin_identity: "来自您的实名信息", "來自您的實名資訊", "From your verified identity";
        apply_origin_phone: "来自您账号的手机号", "來自您帳號的手機號", "The mobile number of your account";
        apply_origin_certificate: "来自您的电子证照：", "來自您的電子證照：", "From your e-certificate: ";
        apply_saved: "已保存。您可以随时回来继续填写。", "已儲存。您可以隨時回來繼續填寫。", "Saved. You can come back and carry on at any time.";
        apply_recovered: "已恢复您上次未保存的内容，请检查后保存。", "已恢復您上次未儲存的內容，請檢查後儲存。", "We restored what you typed but had not saved. Check it, then save.";
        apply_save_continue: "保存并继续", "儲存並繼續", "Save and continue";
        apply_save_later: "保存，稍后再填", "儲存，稍後再填", "Save and come back later";
        apply_back_to_tasks: "返回申请各部分列表", "返回申請各部分列表", "Back to the list of sections";
        apply_optional: "（选填）", "（選填）", "(optional)";
        apply_add_entry: "再添加一项", "再新增一項", "Add another";
        apply_uploaded_files: "已上传的文件", "已上傳的檔案", "Uploaded files";
        apply_remove_file: "删除此文件", "刪除此檔案", "Remove this file";
        apply_choose_files: "选择要上传的文件", "選擇要上傳的檔案", "Choose files to upload";
        apply_address_county: "所在区县", "所在區縣", "District or county";
        apply_address_township: "所在乡镇（街道）", "所在鄉鎮（街道）", "Township or street";
        apply_address_community: "所在村（社区）", "所在村（社區）", "Village or community";
        apply_address_detail: "详细地址", "詳細地址", "Rest of the address";
        apply_check_title: "检查您的回答", "檢查您的回答", "Check your answers";
        apply_check_intro: "提交前，请确认以下内容准确无误。如需修改，请点击“修改”。", "提交前，請確認以下內容準確無誤。如需修改，請點擊「修改」。", "Before you submit, make sure these answers are right. Use “Change” to correct one.";
        apply_change: "修改", "修改", "Change";
        apply_not_answered: "未填写", "未填寫", "Not answered";
        apply_fix_first: "以下内容需要补充或修改后才能提交（一次性告知）：", "以下內容需要補充或修改後才能提交（一次性告知）：", "Before you can submit, add or correct the following (everything missing, at once):";
        apply_declaration: "提交即表示您确认所填内容真实、准确、完整。", "提交即表示您確認所填內容真實、準確、完整。", "By submitting you confirm that your answers are true, correct and complete.";
        apply_submit: "提交申请", "提交申請", "Submit application";
        apply_done_title: "申请已提交", "申請已提交", "Application submitted";
        apply_done_receipt: "办件编号", "辦件編號", "Receipt number";
        apply_done_code: "查询码", "查詢碼", "Tracking code";
        apply_done_track: "凭办件编号和查询码，不登录也能在“办件查询”页面查看办理进度；这两项也已用短信发到您的手机。请妥善保管。", "憑辦件編號和查詢碼，不登入也能在「辦件查詢」頁面查看辦理進度；這兩項也已用簡訊發到您的手機。請妥善保管。", "With the receipt number and the tracking code anyone can follow the progress on the tracking page without logging in; both were also sent to your phone by text message. Keep them safe.";
        apply_done_track_link: "办件查询", "辦件查詢", "Track an application";
        apply_done_next: "接下来会怎样", "接下來會怎樣", "What happens next";
        apply_done_precheck: "工作人员将先对您的申请进行预审。如需补充材料，会一次性告知您需要补充的全部内容。", "工作人員將先對您的申請進行預審。如需補充材料，會一次性告知您需要補充的全部內容。", "Staff will first pre-check your application. If anything is missing, you will be told everything that is needed at once.";
        apply_done_instant: "您的申请已由系统按规则即时审批（秒批）。", "您的申請已由系統按規則即時審批（秒批）。", "Your application was decided at once by the platform's rules (instant approval).";
        apply_done_notify: "每一步进展都会通过站内消息通知您。", "每一步進展都會透過站內訊息通知您。", "You will get a message at every step.";
        apply_done_progress: "查看办理进度", "查看辦理進度", "See the progress";
        apply_done_my_cases: "我的办件", "我的辦件", "My applications";
    }
}

/// Texts of these pages that take values.
pub trait ApplyWords: Words {
    /// The heading of one entry of a repeatable group: 第 2 项.
    fn apply_entry(self, n: usize) -> String {
        match self.tr().lang() {
            yiwang_domain::Lang::ZhHans => format!("第 {n} 项"),
            yiwang_domain::Lang::ZhHant => format!("第 {n} 項"),
            yiwang_domain::Lang::En => format!("Entry {n}"),
        }
    }

    /// The limits of a file field, under its label.
    fn apply_file_hint(self, kinds: &str, max_mib: u64, max_files: u32) -> String {
        match self.tr().lang() {
            yiwang_domain::Lang::ZhHans => {
                format!("可上传 {kinds} 格式，每个不超过 {max_mib} MB，最多 {max_files} 个。")
            }
            yiwang_domain::Lang::ZhHant => {
                format!("可上傳 {kinds} 格式，每個不超過 {max_mib} MB，最多 {max_files} 個。")
            }
            yiwang_domain::Lang::En => {
                format!("{kinds}; up to {max_mib} MB each, at most {max_files} files.")
            }
        }
    }

    /// The promised time limit, on the confirmation page.
    fn apply_done_limit(self, days: u32) -> String {
        match self.tr().lang() {
            yiwang_domain::Lang::ZhHans => {
                format!("本事项承诺自受理之日起 {days} 个工作日内办结。")
            }
            yiwang_domain::Lang::ZhHant => {
                format!("本事項承諾自受理之日起 {days} 個工作日內辦結。")
            }
            yiwang_domain::Lang::En => {
                format!(
                    "This service promises a decision within {days} working days of acceptance."
                )
            }
        }
    }

    /// A group member's question in an error: 家庭成员（第 2 项）姓名.
    fn apply_entry_label(self, group: &str, n: usize, member: &str) -> String {
        match self.tr().lang() {
            yiwang_domain::Lang::En => format!("{group} (entry {n}): {member}"),
            _ => format!("{group}（第 {n} 项）{member}"),
        }
    }

    /// Unticked declarations, named: 请勾选：本人承诺…；同意….
    fn apply_err_tick(self, label: &str, options: &[String]) -> String {
        let which = if options.is_empty() {
            label.to_owned()
        } else {
            options.join(self.tr().pick("；", "；", "; "))
        };
        match self.tr().lang() {
            yiwang_domain::Lang::ZhHans => format!("请勾选：{which}"),
            yiwang_domain::Lang::ZhHant => format!("請勾選：{which}"),
            yiwang_domain::Lang::En => format!("Tick: {which}"),
        }
    }

    /// Too few options picked.
    fn apply_err_pick_at_least(self, label: &str, n: u32) -> String {
        match self.tr().lang() {
            yiwang_domain::Lang::ZhHans => format!("{label}：请至少选择 {n} 项。"),
            yiwang_domain::Lang::ZhHant => format!("{label}：請至少選擇 {n} 項。"),
            yiwang_domain::Lang::En => format!("{label}: choose at least {n}."),
        }
    }

    /// A required choice not made.
    fn apply_err_choose(self, label: &str) -> String {
        match self.tr().lang() {
            yiwang_domain::Lang::ZhHans => format!("请选择{label}。"),
            yiwang_domain::Lang::ZhHant => format!("請選擇{label}。"),
            yiwang_domain::Lang::En => format!("Choose {label}."),
        }
    }

    /// A required file not uploaded.
    fn apply_err_upload(self, label: &str) -> String {
        match self.tr().lang() {
            yiwang_domain::Lang::ZhHans => format!("请上传{label}。"),
            yiwang_domain::Lang::ZhHant => format!("請上傳{label}。"),
            yiwang_domain::Lang::En => format!("Upload {label}."),
        }
    }

    /// Where a section stands on the task list: 第 1 部分，共 3 部分.
    fn apply_section_of(self, n: usize, of: usize) -> String {
        match self.tr().lang() {
            yiwang_domain::Lang::ZhHans => format!("第 {n} 部分，共 {of} 部分"),
            yiwang_domain::Lang::ZhHant => format!("第 {n} 部分，共 {of} 部分"),
            yiwang_domain::Lang::En => format!("Section {n} of {of}"),
        }
    }
}

impl ApplyWords for Tr {}
