//! Texts of the staff case pages: queue, case, supervisor's board, calendar.

use yiwang_domain::rules::{Outcome as RuleOutcome, Source};
use yiwang_domain::workflow::{CaseState, DeliveryMethod, EventKind, PauseKind};

use yiwang_kit::i18n::{Tr, Words};

yiwang_kit::texts! {
    /// The texts of these pages.
    pub trait ConsoleCaseTexts {
        console_cases_title: "办件", "辦件", "Cases";
        cc_queue_title: "待办办件", "待辦辦件", "Case queue";
        cc_overdue_title: "超期督办", "超期督辦", "Overdue cases";
        cc_calendar_title: "节假日日历", "節假日日曆", "Holiday calendar";
        cc_tabs_label: "办件栏目", "辦件欄目", "Case pages";
        cc_queue_intro: "您所在部门的办件，最急的排在最前面。", "您所在部門的辦件，最急的排在最前面。", "Cases of your departments, the most urgent first.";
        cc_filter_state: "状态", "狀態", "State";
        cc_all_open: "全部未办结", "全部未辦結", "All open";
        cc_filter_item: "事项", "事項", "Service item";
        cc_all_items: "全部事项", "全部事項", "All items";
        cc_filter_due: "期限", "期限", "Deadline";
        cc_filter_show: "显示", "顯示", "Show";
        cc_show_mine: "轮到我处理的", "輪到我處理的", "Waiting for me";
        cc_show_all: "本部门全部未办结", "本部門全部未辦結", "All open cases of my departments";
        cc_due_any: "不限", "不限", "Any";
        cc_due_overdue_only: "已超期", "已超期", "Overdue";
        cc_due_soon: "已超期或 3 个工作日内到期", "已超期或 3 個工作日內到期", "Overdue or due within 3 working days";
        cc_filter_receipt: "办件编号开头", "辦件編號開頭", "Receipt number starts with";
        cc_filter_submit: "筛选", "篩選", "Filter";
        cc_col_receipt: "办件编号", "辦件編號", "Receipt number";
        cc_col_item: "事项", "事項", "Item";
        cc_tally_mine: "等我办理", "等我辦理", "Waiting for me";
        cc_tally_overdue: "已超期", "已超期", "Overdue";
        cc_tally_returned: "已退回补正，等申请人改正", "已退回補正，等申請人改正", "Returned for correction, waiting for the applicant";
        cc_col_state: "状态", "狀態", "State";
        cc_col_step: "环节", "環節", "Step";
        cc_col_due: "到期日", "到期日", "Due";
        cc_col_submitted: "提交时间", "提交時間", "Submitted";
        cc_col_department: "部门", "部門", "Department";
        cc_col_overdue_days: "超期工作日", "超期工作日", "Working days overdue";
        cc_col_select: "选择", "選擇", "Select";
        cc_select_case: "选择办件", "選擇辦件", "Select case";
        cc_none: "没有符合条件的办件。", "沒有符合條件的辦件。", "No case matches.";
        cc_bulk_accept: "受理所选办件", "受理所選辦件", "Accept the selected cases";
        cc_bulk_hint: "只有“已提交”的办件可以勾选并批量受理。", "只有「已提交」的辦件可以勾選並批量受理。", "Only submitted cases can be ticked and accepted together.";
        cc_bulk_none_selected: "没有选择任何办件。", "沒有選擇任何辦件。", "No case was selected.";
        cc_bulk_failed_title: "以下办件未能受理", "以下辦件未能受理", "These cases were not accepted";
        cc_precheck: "预审", "預審", "Pre-check";
        cc_due_today: "今天到期", "今天到期", "Due today";
        cc_due_paused: "暂停计时", "暫停計時", "Clock paused";
        cc_due_not_started: "未受理，未开始计时", "未受理，未開始計時", "Not accepted, clock not started";
        cc_due_no_limit: "无时限", "無時限", "No time limit";
        cc_due_uncovered: "部分年份节假日未录入，只按周末计算", "部分年份節假日未錄入，只按週末計算", "Holidays of some years are not loaded: weekends only were counted";
        cc_case_facts: "办件信息", "辦件資訊", "Case details";
        cc_step: "当前环节", "當前環節", "Current step";
        cc_department: "承办部门", "承辦部門", "Handling department";
        cc_accepted_on: "受理日期", "受理日期", "Accepted on";
        cc_pauses: "暂停计时记录", "暫停計時記錄", "Clock pauses";
        cc_pause_open: "至今", "至今", "ongoing";
        cc_delivery_label: "送达方式", "送達方式", "Delivery";
        cc_applicant: "申请人", "申請人", "Applicant";
        cc_real_name: "姓名", "姓名", "Name";
        cc_id_number: "身份证号码", "身分證號碼", "ID number";
        cc_phone: "手机号码", "手機號碼", "Mobile number";
        cc_identity: "身份核验", "身分核驗", "Identity";
        cc_not_verified: "未实名认证", "未實名認證", "Not verified";
        cc_assisted_by: "代办工作人员", "代辦工作人員", "Submitted on their behalf by";
        cc_answers: "申请内容", "申請內容", "Answers";
        cc_not_answered: "未填写", "未填寫", "Not answered";
        cc_history: "办理记录", "辦理記錄", "History";
        cc_by_applicant: "申请人", "申請人", "The applicant";
        cc_by_system: "系统", "系統", "The platform";
        cc_missing_list: "需补正的材料", "需補正的材料", "What is missing";
        cc_legal_basis: "法律依据", "法律依據", "Legal basis";
        cc_tracking: "邮寄单号", "郵寄單號", "Tracking number";
        cc_trace: "秒批规则检查结果", "秒批規則檢查結果", "Instant approval check";
        cc_trace_passed: "全部规则通过。", "全部規則通過。", "Every rule passed.";
        cc_trace_failed: "以下规则未通过，需要人工审核：", "以下規則未通過，需要人工審核：", "These rules did not pass, so a person must review:";
        cc_trace_unreadable: "检查结果无法读取。", "檢查結果無法讀取。", "The check result cannot be read.";
        cc_actions: "办理", "辦理", "Act on this case";
        cc_no_actions: "目前没有您可以进行的操作。", "目前沒有您可以進行的操作。", "There is nothing you can do on this case now.";
        cc_accept: "受理", "受理", "Accept";
        cc_return: "退回补正", "退回補正", "Return for correction";
        cc_missing_label: "需补正的材料（一行一项）", "需補正的材料（一行一項）", "What is missing (one per line)";
        cc_missing_hint: "一次性告知申请人全部需要补正的内容。", "一次性告知申請人全部需要補正的內容。", "Tell the applicant everything that is missing, all at once.";
        cc_note_label: "说明", "說明", "Note";
        cc_opinion_label: "审核意见", "審核意見", "Opinion";
        cc_advance: "通过本环节", "通過本環節", "Pass this step";
        cc_approve: "批准", "批准", "Approve";
        cc_deny: "不予批准", "不予批准", "Deny";
        cc_reason_label: "理由", "理由", "Reason";
        cc_pause: "暂停计时", "暫停計時", "Pause the clock";
        cc_pause_kind_label: "暂停原因", "暫停原因", "Why the clock stops";
        cc_resume: "恢复计时", "恢復計時", "Restart the clock";
        cc_transfer: "转办", "轉辦", "Transfer";
        cc_transfer_to: "转给部门", "轉給部門", "To department";
        cc_choose: "请选择", "請選擇", "Choose";
        cc_deliver: "送达", "送達", "Deliver";
        cc_tracking_hint: "邮寄时必填", "郵寄時必填", "Required for post";
        cc_conflict_notice: "另一位工作人员刚刚处理了这件事，页面已刷新，请确认后再操作", "另一位工作人員剛剛處理了這件事，頁面已重新整理，請確認後再操作", "Another member of staff has just acted on this case. The page has been refreshed: please check before you act.";
        cc_invalid_transition: "这个操作在办件当前状态下不能进行，页面已刷新。", "這個操作在辦件當前狀態下不能進行，頁面已重新整理。", "That action is not possible in the case's current state. The page has been refreshed.";
        cc_role_notice: "您的角色不能在这个环节进行这个操作。", "您的角色不能在這個環節進行這個操作。", "Your role cannot do that at this step.";
        cc_done_notice: "已办理，办件已更新。", "已辦理，辦件已更新。", "Done: the case is updated.";
        cc_overdue_intro: "已超过办理期限、仍在办理中的办件，超期最久的排在最前面。", "已超過辦理期限、仍在辦理中的辦件，超期最久的排在最前面。", "Cases still being handled after their deadline, the longest overdue first.";
        cc_overdue_by_department: "各部门超期件数", "各部門超期件數", "Overdue cases by department";
        cc_overdue_count: "超期件数", "超期件數", "Overdue cases";
        cc_region_label: "地区", "地區", "Region";
        cc_overdue_none: "没有超期办件。", "沒有超期辦件。", "No case is overdue.";
        cc_calendar_intro: "办理期限按这里录入的法定节假日和调休上班日计算。", "辦理期限按這裡錄入的法定節假日和調休上班日計算。", "Deadlines are counted on the public holidays and make-up working days listed here.";
        cc_col_year: "年份", "年份", "Year";
        cc_col_days: "录入天数", "錄入天數", "Days listed";
        cc_calendar_none: "还没有录入任何年份。", "還沒有錄入任何年份。", "No year is loaded yet.";
        cc_calendar_missing_this_year: "今年的节假日安排尚未录入，期限只按周末计算", "今年的節假日安排尚未錄入，期限只按週末計算", "This year's holidays are not loaded: deadlines count weekends only";
        cc_calendar_missing_next_year: "明年的节假日安排尚未录入，涉及明年的期限只按周末计算", "明年的節假日安排尚未錄入，涉及明年的期限只按週末計算", "Next year's holidays are not loaded: deadlines reaching into next year count weekends only";
        cc_calendar_upload: "上传日历文件", "上傳日曆檔案", "Upload a calendar file";
        cc_calendar_file_label: "CSV 文件", "CSV 檔案", "CSV file";
        cc_calendar_file_hint: "第一行为表头 date,kind,name；kind 为 holiday（放假）或 workday（调休上班）；日期写成 2026-10-01。", "第一行為表頭 date,kind,name；kind 為 holiday（放假）或 workday（調休上班）；日期寫成 2026-10-01。", "The first line is the header date,kind,name; kind is holiday or workday (a make-up working day); dates are written 2026-10-01.";
        cc_calendar_submit: "上传并录入", "上傳並錄入", "Upload and load";
        cc_calendar_loaded: "日历已录入", "日曆已錄入", "Calendar loaded";
        cc_calendar_days_written: "新增或修改的日期", "新增或修改的日期", "Days added or changed";
        cc_calendar_years_added: "新覆盖的年份", "新覆蓋的年份", "Years newly covered";
        cc_nothing: "无", "無", "None";
    }
}

/// Texts of these pages that take values.
pub trait ConsoleCaseWords: Words {
    /// A case state in plain words.
    fn cc_state(self, s: CaseState) -> &'static str {
        match s {
            CaseState::Submitted => self.tr().pick(
                "已提交，待受理",
                "已提交，待受理",
                "Submitted, waiting for the pre-check",
            ),
            CaseState::Returned => {
                self.tr()
                    .pick("已退回补正", "已退回補正", "Returned for correction")
            }
            CaseState::UnderReview => self.tr().pick("审核中", "審核中", "Under review"),
            CaseState::Approved => self.tr().pick(
                "已批准，待送达",
                "已批准，待送達",
                "Approved, to be delivered",
            ),
            CaseState::Denied => self.tr().pick("不予批准", "不予批准", "Denied"),
            CaseState::Completed => self.tr().pick("已办结", "已辦結", "Completed"),
            CaseState::Withdrawn => self.tr().pick("已撤回", "已撤回", "Withdrawn"),
        }
    }

    /// What happened to a case, for its history.
    fn cc_event(self, e: EventKind) -> &'static str {
        match e {
            EventKind::Submitted => self.tr().pick("提交申请", "提交申請", "Submitted"),
            EventKind::Accepted => self.tr().pick("受理", "受理", "Accepted"),
            EventKind::Returned => {
                self.tr()
                    .pick("退回补正", "退回補正", "Returned for correction")
            }
            EventKind::Supplemented => {
                self.tr()
                    .pick("补正材料", "補正材料", "Missing items supplied")
            }
            EventKind::Advanced => self.tr().pick("通过环节", "通過環節", "Step passed"),
            EventKind::Approved => self.tr().pick("批准", "批准", "Approved"),
            EventKind::Denied => self.tr().pick("不予批准", "不予批准", "Denied"),
            EventKind::Delivered => self.tr().pick("送达", "送達", "Delivered"),
            EventKind::Withdrawn => self.tr().pick("撤回", "撤回", "Withdrawn"),
            EventKind::Transferred => self.tr().pick("转办", "轉辦", "Transferred"),
            EventKind::Paused => self.tr().pick("暂停计时", "暫停計時", "Clock paused"),
            EventKind::Resumed => self.tr().pick("恢复计时", "恢復計時", "Clock restarted"),
            EventKind::AutoApproved => self.tr().pick("秒批通过", "秒批通過", "Approved instantly"),
            EventKind::HumanReviewRequested => self.tr().pick(
                "申请人工复核",
                "申請人工複核",
                "Review by a person requested",
            ),
            EventKind::Rated => self.tr().pick("评价", "評價", "Rated"),
        }
    }

    /// Why a clock is paused.
    fn cc_pause_kind(self, k: PauseKind) -> &'static str {
        match k {
            PauseKind::Correction => {
                self.tr()
                    .pick("等待补正", "等待補正", "Waiting for correction")
            }
            PauseKind::ExpertReview => self.tr().pick("专家评审", "專家評審", "Expert review"),
            PauseKind::Hearing => self.tr().pick("听证", "聽證", "Hearing"),
            PauseKind::OnSiteInspection => {
                self.tr().pick("现场勘查", "現場勘查", "On-site inspection")
            }
        }
    }

    /// How a result is delivered.
    fn cc_delivery(self, m: DeliveryMethod) -> &'static str {
        match m {
            DeliveryMethod::Counter => {
                self.tr()
                    .pick("窗口领取", "窗口領取", "Pick up at the counter")
            }
            DeliveryMethod::Post => self.tr().pick("邮寄", "郵寄", "Post"),
            DeliveryMethod::Electronic => {
                self.tr()
                    .pick("电子送达", "電子送達", "Electronic delivery")
            }
        }
    }

    /// The outcome of one instant-approval rule.
    fn cc_rule_outcome(self, o: RuleOutcome) -> &'static str {
        match o {
            RuleOutcome::Pass => self.tr().pick("通过", "通過", "Passed"),
            RuleOutcome::Fail => self.tr().pick("未通过", "未通過", "Failed"),
            RuleOutcome::Unknown => self.tr().pick("无法判断", "無法判斷", "Could not tell"),
        }
    }

    /// Where a fact of an instant-approval rule came from.
    fn cc_rule_source(self, s: Source) -> &'static str {
        match s {
            Source::Answer => self.tr().pick("申请表", "申請表", "Form answer"),
            Source::IdNumber => self.tr().pick("身份证号码", "身分證號碼", "ID number"),
            Source::Wallet => self.tr().pick("证照夹", "證照夾", "Certificate wallet"),
            Source::Cases => self.tr().pick("其他办件", "其他辦件", "Other cases"),
            Source::Rule => self.tr().pick("规则设定", "規則設定", "The rule"),
            Source::Identity => self
                .tr()
                .pick("身份核验", "身分核驗", "Identity verification"),
        }
    }

    /// "N days overdue" (in working days).
    fn cc_overdue_days(self, n: u32) -> String {
        match self.tr().lang() {
            yiwang_domain::Lang::ZhHans => format!("已超期 {n} 天"),
            yiwang_domain::Lang::ZhHant => format!("已超期 {n} 天"),
            yiwang_domain::Lang::En => format!("{n} working days overdue"),
        }
    }

    /// "N working days left".
    fn cc_days_left(self, n: u32) -> String {
        match self.tr().lang() {
            yiwang_domain::Lang::ZhHans => format!("还剩 {n} 个工作日"),
            yiwang_domain::Lang::ZhHant => format!("還剩 {n} 個工作日"),
            yiwang_domain::Lang::En => format!("{n} working days left"),
        }
    }

    /// "N cases accepted".
    fn cc_accepted_n(self, n: impl std::borrow::Borrow<u32>) -> String {
        let n = *n.borrow();
        match self.tr().lang() {
            yiwang_domain::Lang::ZhHans => format!("已受理 {n} 件。"),
            yiwang_domain::Lang::ZhHant => format!("已受理 {n} 件。"),
            yiwang_domain::Lang::En => format!("{n} cases accepted."),
        }
    }

    /// "N cases not accepted".
    fn cc_failed_n(self, n: impl std::borrow::Borrow<usize>) -> String {
        let n = *n.borrow();
        match self.tr().lang() {
            yiwang_domain::Lang::ZhHans => format!("{n} 件未能受理。"),
            yiwang_domain::Lang::ZhHant => format!("{n} 件未能受理。"),
            yiwang_domain::Lang::En => format!("{n} cases were not accepted."),
        }
    }

    /// "Entry N" of a repeated group of answers.
    fn cc_entry(self, n: impl std::borrow::Borrow<usize>) -> String {
        let n = *n.borrow();
        match self.tr().lang() {
            yiwang_domain::Lang::ZhHans => format!("第 {n} 项"),
            yiwang_domain::Lang::ZhHant => format!("第 {n} 項"),
            yiwang_domain::Lang::En => format!("Entry {n}"),
        }
    }
}

impl ConsoleCaseWords for Tr {}
