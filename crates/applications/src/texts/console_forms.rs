//! Texts of the console's online application builder: versions, sections and questions,
//! review steps and the certificate, instant-approval rules and their dry run, preview and
//! publishing.

use std::borrow::Borrow;

use yiwang_domain::forms::AccountValue;
use yiwang_domain::region::RegionLevel;
use yiwang_domain::rules::Op;

use yiwang_kit::i18n::{Tr, Words};

yiwang_kit::texts! {
    /// The texts of these pages.
    pub trait FormBuilderTexts {
        fb_outline: "表单内容", "表單內容", "Questions";
        fb_workflow: "审核环节", "審核環節", "Review steps";
        fb_rules: "秒批规则", "秒批規則", "Instant approval rules";
        fb_rule: "规则", "規則", "Rule";
        fb_dry_run: "试算规则", "試算規則", "Try the rules";
        fb_preview: "预览", "預覽", "Preview";
        fb_publish: "发布", "發佈", "Publish";
        fb_certificate: "办结证照", "辦結證照", "Certificate issued";
        fb_sections: "表单部分", "表單部分", "Sections";
        fb_questions: "问题数", "問題數", "Questions";
        fb_step: "环节", "環節", "Step";
        fb_saved: "已保存到草稿。申请人仍使用已发布的版本，发布后才会看到改动。", "已儲存到草稿。申請人仍使用已發佈的版本，發佈後才會看到改動。", "Saved to the draft. Applicants still see the published version until you publish.";
        fb_nothing_saved: "没有保存任何改动。请改正以下问题后再试。", "沒有儲存任何改動。請改正以下問題後再試。", "Nothing was saved. Correct these problems, then try again.";
        fb_conflict: "另一位同事刚刚保存了这份草稿。页面已显示最新内容，请确认后再修改。", "另一位同事剛剛儲存了這份草稿。頁面已顯示最新內容，請確認後再修改。", "A colleague saved this draft a moment ago. The page now shows their version: check it, then make your change again.";
        fb_versions: "版本", "版本", "Versions";
        fb_version: "版本号", "版本號", "Version";
        fb_state: "状态", "狀態", "State";
        fb_saved_by: "保存人", "儲存人", "Saved by";
        fb_when: "时间", "時間", "When";
        fb_state_draft: "草稿", "草稿", "Draft";
        fb_state_current: "正在使用", "正在使用", "In use";
        fb_state_older: "旧版本", "舊版本", "Older";
        fb_versions_hint: "已经提交的申请一直使用提交时的版本。", "已經提交的申請一直使用提交時的版本。", "Applications already made keep the version they were made with.";
        fb_no_versions: "这个事项还没有在线申请表单。", "這個事項還沒有線上申請表單。", "This item has no online application form yet.";
        fb_no_draft: "没有正在编辑的草稿", "沒有正在編輯的草稿", "No draft is being edited";
        fb_start_copy: "开始编辑时，会把正在使用的版本复制为草稿。", "開始編輯時，會把正在使用的版本複製為草稿。", "Editing starts from a copy of the version in use.";
        fb_start_empty: "开始编辑时，草稿只有一个问题：申请人姓名。", "開始編輯時，草稿只有一個問題：申請人姓名。", "Editing starts from a draft with one question: the applicant's name.";
        fb_start_draft: "开始编辑", "開始編輯", "Start editing";
        fb_back_to_item: "返回事项", "返回事項", "Back to the item";
        fb_back_to_outline: "返回表单内容", "返回表單內容", "Back to the questions";
        fb_back_to_rules: "返回规则列表", "返回規則列表", "Back to the rules";
        fb_instant_on: "已开启秒批", "已開啟秒批", "Instant approval on";
        fb_yes: "有", "有", "Yes";
        fb_no: "无", "無", "No";
        fb_required_mark: "必填", "必填", "Required";
        fb_conditional_mark: "按条件显示", "按條件顯示", "Conditional";
        fb_move_up: "上移", "上移", "Move up";
        fb_move_down: "下移", "下移", "Move down";
        fb_delete: "删除", "刪除", "Delete";
        fb_save: "保存", "儲存", "Save";
        fb_edit_section: "修改这一部分", "修改這一部分", "Change this section";
        fb_delete_section: "删除这一部分", "刪除這一部分", "Delete this section";
        fb_add_question: "添加问题", "新增問題", "Add a question";
        fb_add_section: "添加一个部分", "新增一個部分", "Add a section";
        fb_add_member: "添加组内问题", "新增組內問題", "Add a question to the group";
        fb_members: "每一组要填写的问题", "每一組要填寫的問題", "Questions of each entry";
        fb_key: "标识", "標識", "Key";
        fb_key_hint: "小写英文字母开头，只用小写字母、数字和下划线，例如 spouse_name。规则和条件用它来指这个问题。", "小寫英文字母開頭，只用小寫字母、數字和底線，例如 spouse_name。規則和條件用它來指這個問題。", "Starts with a lower-case letter; only lower-case letters, digits and _ (e.g. spouse_name). Rules and conditions refer to it.";
        fb_title_zh: "标题（中文）", "標題（中文）", "Title (Chinese)";
        fb_title_en: "标题（英文，可不填）", "標題（英文，可不填）", "Title (English, optional)";
        fb_new_key: "新问题的标识", "新問題的標識", "Key of the new question";
        fb_new_label: "新问题（中文）", "新問題（中文）", "The new question (Chinese)";
        fb_new_kind: "回答类型", "回答類型", "Kind of answer";
        fb_field_title: "修改问题", "修改問題", "Edit question";
        fb_label_zh: "问题（中文）", "問題（中文）", "Question (Chinese)";
        fb_label_en: "问题（英文，可不填）", "問題（英文，可不填）", "Question (English, optional)";
        fb_hint_zh: "填写说明（中文，可不填）", "填寫說明（中文，可不填）", "Help text (Chinese, optional)";
        fb_hint_en: "填写说明（英文，可不填）", "填寫說明（英文，可不填）", "Help text (English, optional)";
        fb_required: "必须回答（显示时）", "必須回答（顯示時）", "An answer is required (when shown)";
        fb_kind_label: "回答类型", "回答類型", "Kind of answer";
        fb_kind_hint: "改变类型后，原来类型的设置会换成新类型的常用设置。", "改變類型後，原來類型的設定會換成新類型的常用設定。", "Changing the kind replaces the old kind's settings with the new kind's usual ones.";
        fb_max_len: "最多字数", "最多字數", "Most characters";
        fb_multiline: "多行输入框", "多行輸入框", "A box of several lines";
        fb_min: "最小值（可不填）", "最小值（可不填）", "Lowest value (optional)";
        fb_max: "最大值（可不填）", "最大值（可不填）", "Highest value (optional)";
        fb_decimals: "小数位数（0 到 4）", "小數位數（0 到 4）", "Digits after the point (0 to 4)";
        fb_unit_zh: "单位（中文，可不填）", "單位（中文，可不填）", "Unit (Chinese, optional)";
        fb_unit_en: "单位（英文，可不填）", "單位（英文，可不填）", "Unit (English, optional)";
        fb_past_only: "只能填今天或以前的日期", "只能填今天或以前的日期", "Today or earlier only";
        fb_future_only: "只能填今天或以后的日期", "只能填今天或以後的日期", "Today or later only";
        fb_options: "选项", "選項", "Options";
        fb_options_hint: "每行一个选项：代码 | 中文 | 英文（英文可不写），例如 married | 已婚 | Married", "每行一個選項：代碼 | 中文 | 英文（英文可不寫），例如 married | 已婚 | Married", "One option a line: code | Chinese | English (English optional), e.g. married | 已婚 | Married";
        fb_min_picks: "最少选几项", "最少選幾項", "Fewest to pick";
        fb_max_picks: "最多选几项", "最多選幾項", "Most to pick";
        fb_zero_no_limit: "0 表示不限。", "0 表示不限。", "0 means no limit.";
        fb_level: "地址要选到哪一级", "地址要選到哪一級", "Pick the address down to";
        fb_accept: "允许的文件类型", "允許的檔案類型", "File kinds allowed";
        fb_max_mb: "每个文件最大（MB，最多 20）", "每個檔案最大（MB，最多 20）", "Largest file (MB, at most 20)";
        fb_max_files: "最多几个文件（1 到 10）", "最多幾個檔案（1 到 10）", "Most files (1 to 10)";
        fb_min_entries: "最少几组", "最少幾組", "Fewest entries";
        fb_max_entries: "最多几组（1 到 50）", "最多幾組（1 到 50）", "Most entries (1 to 50)";
        fb_visible_if: "什么时候显示", "什麼時候顯示", "When it is shown";
        fb_always_shown: "一直显示", "一直顯示", "Always";
        fb_visible_values: "当上面那个问题的回答是（选项代码，用逗号分开）", "當上面那個問題的回答是（選項代碼，用逗號分開）", "When the answer to that question is (option codes, separated by commas)";
        fb_visible_values_hint: "可选的代码：", "可選的代碼：", "Codes to choose from: ";
        fb_prefill: "自动填入", "自動填入", "Filled in from";
        fb_prefill_none: "不自动填入", "不自動填入", "Nothing (the applicant answers)";
        fb_prefill_certificate: "申请人持有的电子证照", "申請人持有的電子證照", "A certificate the applicant holds";
        fb_prefill_cert_type: "证照类型代码（自动填入证照时）", "證照類型代碼（自動填入證照時）", "Certificate type code (when filled from a certificate)";
        fb_prefill_cert_field: "证照里的项目代码（自动填入证照时）", "證照裡的項目代碼（自動填入證照時）", "Field of the certificate (when filled from a certificate)";
        fb_workflow_intro: "受理以后，办件按顺序经过这些环节，最后一个环节作出决定。", "受理以後，辦件按順序經過這些環節，最後一個環節作出決定。", "After acceptance a case goes through these steps in order; the last one decides.";
        fb_step_name_zh: "环节名称（中文）", "環節名稱（中文）", "Step name (Chinese)";
        fb_step_name_en: "环节名称（英文，可不填）", "環節名稱（英文，可不填）", "Step name (English, optional)";
        fb_step_role: "由谁办理", "由誰辦理", "Done by";
        fb_step_department: "办理部门", "辦理部門", "Department";
        fb_handling_department: "承办部门", "承辦部門", "The handling department";
        fb_save_steps: "保存审核环节", "儲存審核環節", "Save the steps";
        fb_add_step: "添加环节", "新增環節", "Add a step";
        fb_certificate_intro: "批准后自动发给申请人的电子证照。", "批准後自動發給申請人的電子證照。", "The electronic certificate the applicant receives on approval.";
        fb_cert_on: "批准后发电子证照", "批准後發電子證照", "Issue a certificate on approval";
        fb_cert_type: "证照类型代码", "證照類型代碼", "Certificate type code";
        fb_cert_name_zh: "证照名称（中文）", "證照名稱（中文）", "Certificate name (Chinese)";
        fb_cert_name_en: "证照名称（英文，可不填）", "證照名稱（英文，可不填）", "Certificate name (English, optional)";
        fb_cert_fields: "写进证照的回答", "寫進證照的回答", "Answers written into the certificate";
        fb_cert_years: "有效年数（可不填）", "有效年數（可不填）", "Years valid (optional)";
        fb_cert_years_hint: "不填表示长期有效。", "不填表示長期有效。", "Leave blank if it does not expire.";
        fb_cert_line_zh: "证照上的名称（中文）", "證照上的名稱（中文）", "Its name on the certificate (Chinese)";
        fb_cert_line_en: "证照上的名称（英文，可不填）", "證照上的名稱（英文，可不填）", "Its name on the certificate (English, optional)";
        fb_cert_line_hint: "证照是陈述，不是提问：不填就用问题本身，问题（如“为什么没了工作”）必须另起名称（如“失业原因”）。问题：", "證照是陳述，不是提問：不填就用問題本身，問題（如「為什麼沒了工作」）必須另起名稱（如「失業原因」）。問題：", "A certificate states, it does not ask: left blank, the question is used, and a question (such as “Why did your job end?”) needs a name of its own (such as “Reason for unemployment”). Question: ";
        fb_save_certificate: "保存证照设置", "儲存證照設定", "Save the certificate";
        fb_fee: "收费", "收費", "Fee";
        fb_fee_intro: "受理后自动向申请人开具缴费单，申请人凭缴款码缴费，办件进度页显示是否已缴。", "受理後自動向申請人開具繳費單，申請人憑繳款碼繳費，辦件進度頁顯示是否已繳。", "Once an application is accepted, the applicant is sent a bill to pay by its code; the case's progress page shows whether it is paid.";
        fb_fee_on: "此事项收费", "此事項收費", "This item charges a fee";
        fb_fee_unit: "执收单位", "執收單位", "Collecting unit";
        fb_fee_no_unit: "请选择", "請選擇", "Choose one";
        fb_fee_title: "费用名称", "費用名稱", "What the fee is for";
        fb_fee_title_hint: "如“不动产登记费”，写在缴费单上。", "如「不動產登記費」，寫在繳費單上。", "E.g. Property registration fee; printed on the bill.";
        fb_fee_amount: "金额（元）", "金額（元）", "Amount (yuan)";
        fb_fee_amount_hint: "最多两位小数，如 80 或 12.50。", "最多兩位小數，如 80 或 12.50。", "At most two decimals, e.g. 80 or 12.50.";
        fb_fee_due_days: "缴费期限（天）", "繳費期限（天）", "Days to pay";
        fb_fee_due_days_hint: "受理后多少天内缴清，1 到 90。", "受理後多少天內繳清，1 到 90。", "Days after acceptance to pay by, 1 to 90.";
        fb_save_fee: "保存收费设置", "儲存收費設定", "Save the fee";
        fb_instant: "秒批（符合全部规则的申请自动批准）", "秒批（符合全部規則的申請自動批准）", "Instant approval (applications meeting every rule are approved at once)";
        fb_instant_hint: "任何一条规则不通过或无法判断，申请都交给工作人员审核。开启秒批至少要有一条规则。", "任何一條規則不通過或無法判斷，申請都交給工作人員審核。開啟秒批至少要有一條規則。", "If any rule fails or cannot be judged, a person reviews the application. Instant approval needs at least one rule.";
        fb_rule_list: "规则", "規則", "Rules";
        fb_rules_intro: "全部规则都通过才会秒批。", "全部規則都通過才會秒批。", "Every rule must pass for instant approval.";
        fb_no_rules: "还没有规则。", "還沒有規則。", "No rules yet.";
        fb_add_rule: "添加规则", "新增規則", "Add a rule";
        fb_new_rule: "新规则", "新規則", "New rule";
        fb_test_label: "规则类型", "規則類型", "Kind of rule";
        fb_rule_label_zh: "规则说明（中文，例如 申请人年满16周岁）", "規則說明（中文，例如 申請人年滿16週歲）", "What the rule means (Chinese, e.g. 申请人年满16周岁)";
        fb_rule_label_en: "规则说明（英文，可不填）", "規則說明（英文，可不填）", "What the rule means (English, optional)";
        fb_age_min: "最小年龄（周岁，可不填）", "最小年齡（週歲，可不填）", "Youngest age (optional)";
        fb_age_max: "最大年龄（周岁，可不填）", "最大年齡（週歲，可不填）", "Oldest age (optional)";
        fb_rule_field: "比较哪个问题的回答", "比較哪個問題的回答", "The answer to compare";
        fb_rule_op: "怎样比较", "怎樣比較", "How to compare";
        fb_rule_value: "比较的值", "比較的值", "Value";
        fb_rule_value_hint: "用于等于、不等于、大于、小于等比较。数字写成 120 或 12.5，日期写成 2026-01-31。", "用於等於、不等於、大於、小於等比較。數字寫成 120 或 12.5，日期寫成 2026-01-31。", "For equal, not equal, greater and less. Numbers as 120 or 12.5, dates as 2026-01-31.";
        fb_rule_values: "可选的值（用于“是其中之一”“不是其中任何一个”）", "可選的值（用於「是其中之一」「不是其中任何一個」）", "Values (for \"one of\" and \"none of\")";
        fb_list_hint: "用逗号分开。", "用逗號分開。", "Separate them with commas.";
        fb_region_of: "哪里的地区", "哪裡的地區", "Whose region";
        fb_region_household: "申请人身份证上的户籍地", "申請人身分證上的戶籍地", "The household region of the applicant's ID number";
        fb_within: "在这些地区以内（地区代码）", "在這些地區以內（地區代碼）", "Within these regions (region codes)";
        fb_within_hint: "例如 511602 表示广安区。用逗号分开。", "例如 511602 表示廣安區。用逗號分開。", "E.g. 511602 for Guang'an District. Separate them with commas.";
        fb_open_items: "这些事项没有未办结的申请（事项编号）", "這些事項沒有未辦結的申請（事項編號）", "No open case for these items (item ids)";
        fb_open_items_hint: "不填表示本事项。用逗号分开。", "不填表示本事項。用逗號分開。", "Leave blank for this item. Separate them with commas.";
        fb_dry_run_draft: "用草稿的规则试算。", "用草稿的規則試算。", "The draft's rules are tried.";
        fb_dry_run_current: "没有草稿，用正在使用的版本的规则试算。", "沒有草稿，用正在使用的版本的規則試算。", "There is no draft: the rules of the version in use are tried.";
        fb_dry_run_intro: "填入一位假想申请人的回答和情况，看看每条规则的结果。不会保存，也不会通知任何人。", "填入一位假想申請人的回答和情況，看看每條規則的結果。不會儲存，也不會通知任何人。", "Type a made-up applicant's answers and circumstances to see what each rule decides. Nothing is saved and nobody is told.";
        fb_dry_run_instant_off: "秒批没有开启：真实申请都由工作人员审核。这里只显示规则会怎样判断。", "秒批沒有開啟：真實申請都由工作人員審核。這裡只顯示規則會怎樣判斷。", "Instant approval is off: real applications all go to a person. This only shows what the rules would decide.";
        fb_sample_answers: "申请表的回答", "申請表的回答", "Answers on the form";
        fb_sample_facts: "申请人的情况", "申請人的情況", "About the applicant";
        fb_sample_id: "身份证号码（可不填）", "身分證號碼（可不填）", "ID number (optional)";
        fb_sample_id_hint: "用于年龄和户籍地规则。", "用於年齡和戶籍地規則。", "For age and household region rules.";
        fb_sample_certs: "持有的有效证照（证照类型代码）", "持有的有效證照（證照類型代碼）", "Valid certificates held (type codes)";
        fb_sample_open_here: "本事项已有未办结的申请", "本事項已有未辦結的申請", "Has an open case for this item";
        fb_sample_open_others: "其他有未办结申请的事项（事项编号）", "其他有未辦結申請的事項（事項編號）", "Other items with an open case (item ids)";
        fb_region_code_hint: "地区代码，例如 511602。", "地區代碼，例如 511602。", "Region code, e.g. 511602.";
        fb_no_answer: "不回答", "不回答", "No answer";
        fb_run: "试算", "試算", "Try";
        fb_would_approve: "结果：全部规则通过，会秒批。", "結果：全部規則通過，會秒批。", "Result: every rule passed; it would be approved at once.";
        fb_would_refer: "结果：不会秒批，交给工作人员审核。", "結果：不會秒批，交給工作人員審核。", "Result: not approved at once; a person would review it.";
        fb_missing: "（缺少）", "（缺少）", "(missing)";
        fb_inputs_of: "判断依据：", "判斷依據：", "What was used: ";
        fb_input_name: "依据", "依據", "Fact";
        fb_input_value: "值", "值", "Value";
        fb_input_source: "来源", "來源", "Source";
        fb_preview_banner: "预览：", "預覽：", "Preview:";
        fb_preview_banner_more: "这是草稿在申请人眼中的样子。预览不能保存，也不能提交。", "這是草稿在申請人眼中的樣子。預覽不能儲存，也不能提交。", "this is the draft as applicants will see it. Nothing can be saved or submitted here.";
        fb_preview_back: "返回表单编辑", "返回表單編輯", "Back to editing the form";
        fb_preview_no_submit: "预览中不能保存或提交。", "預覽中不能儲存或提交。", "In the preview nothing can be saved or submitted.";
        fb_publish_title: "发布在线申请表单", "發佈線上申請表單", "Publish the online form";
        fb_publish_effect: "发布后，新的申请马上使用这个版本；已经提交的申请继续使用原来的版本。发布后不能撤回，只能再编辑一个新版本。", "發佈後，新的申請馬上使用這個版本；已經提交的申請繼續使用原來的版本。發佈後不能撤回，只能再編輯一個新版本。", "Once published, new applications use this version at once; applications already made keep theirs. Publishing cannot be undone: edit a new version instead.";
        fb_publish_confirm: "确认发布", "確認發佈", "Publish now";
    }
}

/// Texts of these pages that take values.
pub trait FormBuilderWords: Words {
    /// A kind of question, by its stored name.
    fn fb_kind(self, kind: &str) -> &'static str {
        match kind {
            "text" => self.tr().pick("文字", "文字", "Text"),
            "number" => self.tr().pick("数字", "數字", "Number"),
            "date" => self.tr().pick("日期", "日期", "Date"),
            "choice" => self.tr().pick("单选", "單選", "One of several"),
            "multi_choice" => self.tr().pick("多选", "多選", "Several of several"),
            "id_number" => self.tr().pick("身份证号码", "身分證號碼", "ID number"),
            "phone" => self.tr().pick("手机号码", "手機號碼", "Mobile number"),
            "credit_code" => self.tr().pick(
                "统一社会信用代码",
                "統一社會信用代碼",
                "Unified social credit code",
            ),
            "bank_card" => self.tr().pick("银行卡号", "銀行卡號", "Bank card number"),
            "address" => self.tr().pick("地址", "地址", "Address"),
            "file" => self.tr().pick("上传文件", "上傳檔案", "File upload"),
            "group" => self
                .tr()
                .pick("可重复的一组问题", "可重複的一組問題", "Repeatable group"),
            _ => self.tr().pick("未知类型", "未知類型", "Unknown kind"),
        }
    }

    /// A kind of instant-approval test, by its stored name.
    fn fb_test(self, test: &str) -> &'static str {
        match test {
            "age" => self.tr().pick("年龄", "年齡", "Age"),
            "field" => self
                .tr()
                .pick("申请表的回答", "申請表的回答", "An answer on the form"),
            "region" => self.tr().pick("地区", "地區", "Region"),
            "holds_certificate" => self
                .tr()
                .pick("持有证照", "持有證照", "Holds a certificate"),
            "no_open_case" => {
                self.tr()
                    .pick("没有未办结的申请", "沒有未辦結的申請", "No open case")
            }
            _ => self.tr().pick("未知类型", "未知類型", "Unknown kind"),
        }
    }

    /// How a field rule compares.
    fn fb_op(self, op: Op) -> &'static str {
        match op {
            Op::Eq => self.tr().pick("等于", "等於", "equals"),
            Op::Ne => self.tr().pick("不等于", "不等於", "does not equal"),
            Op::Lt => self.tr().pick("小于", "小於", "is less than"),
            Op::Le => self.tr().pick("小于或等于", "小於或等於", "is at most"),
            Op::Gt => self.tr().pick("大于", "大於", "is greater than"),
            Op::Ge => self.tr().pick("大于或等于", "大於或等於", "is at least"),
            Op::In => self.tr().pick("是其中之一", "是其中之一", "is one of"),
            Op::NotIn => self
                .tr()
                .pick("不是其中任何一个", "不是其中任何一個", "is none of"),
            Op::Present => self.tr().pick("已回答", "已回答", "is answered"),
            Op::Absent => self.tr().pick("没有回答", "沒有回答", "is not answered"),
        }
    }

    /// The deepest level an address picks.
    fn fb_level_name(self, level: RegionLevel) -> &'static str {
        match level {
            RegionLevel::Township => {
                self.tr()
                    .pick("街道、乡镇", "街道、鄉鎮", "Street or township")
            }
            RegionLevel::Community => {
                self.tr()
                    .pick("社区、村", "社區、村", "Community or village")
            }
            _ => self.tr().pick("区县", "區縣", "District or county"),
        }
    }

    /// An account value a question can be filled from.
    fn fb_prefill_account(self, v: AccountValue) -> &'static str {
        match v {
            AccountValue::Name => self.tr().pick(
                "申请人实名姓名",
                "申請人實名姓名",
                "The applicant's verified name",
            ),
            AccountValue::IdNumber => self.tr().pick(
                "申请人身份证号码",
                "申請人身分證號碼",
                "The applicant's ID number",
            ),
            AccountValue::Phone => self.tr().pick(
                "申请人手机号码",
                "申請人手機號碼",
                "The applicant's mobile number",
            ),
            AccountValue::BirthDate => self.tr().pick(
                "申请人出生日期（由身份证号读出）",
                "申請人出生日期（由身分證號讀出）",
                "The applicant's date of birth (read from the ID number)",
            ),
            AccountValue::Sex => self.tr().pick(
                "申请人性别（由身份证号读出）",
                "申請人性別（由身分證號讀出）",
                "The applicant's sex (read from the ID number)",
            ),
            AccountValue::IssuingRegion => self.tr().pick(
                "身份证签发地区代码（由身份证号读出）",
                "身分證簽發地區代碼（由身分證號讀出）",
                "Region code where the ID number was issued (read from it)",
            ),
        }
    }

    /// "Draft (version n)".
    fn fb_draft_n(self, n: impl std::fmt::Display) -> String {
        match self.tr().0 {
            yiwang_domain::Lang::En => format!("Draft (version {n})"),
            yiwang_domain::Lang::ZhHant => format!("草稿（第 {n} 版）"),
            yiwang_domain::Lang::ZhHans => format!("草稿（第 {n} 版）"),
        }
    }

    /// "Section n".
    fn fb_section_n(self, n: impl Borrow<usize>) -> String {
        let n = n.borrow();
        match self.tr().0 {
            yiwang_domain::Lang::En => format!("Section {n}:"),
            _ => format!("第 {n} 部分："),
        }
    }

    /// How many review steps.
    fn fb_n_steps(self, n: impl Borrow<usize>) -> String {
        let n = n.borrow();
        match self.tr().0 {
            yiwang_domain::Lang::En if *n == 1 => "1 step".to_owned(),
            yiwang_domain::Lang::En => format!("{n} steps"),
            yiwang_domain::Lang::ZhHant => format!("{n} 個環節"),
            yiwang_domain::Lang::ZhHans => format!("{n} 个环节"),
        }
    }

    /// How many rules.
    fn fb_n_rules(self, n: impl Borrow<usize>) -> String {
        let n = n.borrow();
        match self.tr().0 {
            yiwang_domain::Lang::En if *n == 1 => "1 rule".to_owned(),
            yiwang_domain::Lang::En => format!("{n} rules"),
            yiwang_domain::Lang::ZhHant => format!("{n} 條規則"),
            yiwang_domain::Lang::ZhHans => format!("{n} 条规则"),
        }
    }

    /// "Version n is published".
    fn fb_published_n(self, n: impl std::fmt::Display) -> String {
        match self.tr().0 {
            yiwang_domain::Lang::En => {
                format!("Version {n} is published: new applications use it from now on.")
            }
            yiwang_domain::Lang::ZhHant => format!("第 {n} 版已發佈，新的申請從現在起使用它。"),
            yiwang_domain::Lang::ZhHans => format!("第 {n} 版已发布，新的申请从现在起使用它。"),
        }
    }

    /// "You are publishing version n."
    fn fb_publish_version(self, n: impl std::fmt::Display) -> String {
        match self.tr().0 {
            yiwang_domain::Lang::En => {
                format!("You are about to publish the draft as version {n}.")
            }
            yiwang_domain::Lang::ZhHant => format!("您將把草稿發佈為第 {n} 版。"),
            yiwang_domain::Lang::ZhHans => format!("您将把草稿发布为第 {n} 版。"),
        }
    }

    /// "It replaces version n."
    fn fb_publish_replaces(self, n: impl std::fmt::Display) -> String {
        match self.tr().0 {
            yiwang_domain::Lang::En => format!("It replaces version {n}, now in use."),
            yiwang_domain::Lang::ZhHant => format!("它將取代正在使用的第 {n} 版。"),
            yiwang_domain::Lang::ZhHans => format!("它将取代正在使用的第 {n} 版。"),
        }
    }
}

impl FormBuilderWords for Tr {}
