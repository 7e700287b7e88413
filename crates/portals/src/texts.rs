//! Texts of the regional portals and investment promotion: the public portal and investment
//! pages, the investor's form and account pages, and the console's editor and queue.

yiwang_kit::texts! {
    /// The texts of this capability's pages.
    pub trait PortalTexts {
        portal_title: "{}门户", "{}入口網站", "{} portal";
        portal_link: "地区门户", "地區入口網站", "Regional portal";
        portal_directory_link: "部门和下级地区", "部門和下級地區", "Departments and regions below";
        portal_intro: "概况", "概況", "About";
        portal_leaders: "领导", "領導", "Leaders";
        portal_contacts: "联系我们", "聯絡我們", "Contact";
        portal_items: "办事服务", "辦事服務", "Services";
        portal_items_all: "查看全部{}项服务", "檢視全部{}項服務", "See all {} services";
        portal_halls: "政务服务场所", "政務服務場所", "Service halls";
        portal_news: "新闻和通知", "新聞和通知", "News and notices";
        portal_news_all: "更多新闻", "更多新聞", "More news";
        portal_inquiries: "群众诉求", "群眾訴求", "Residents' inquiries";
        portal_board_all: "查看问政广场", "檢視問政廣場", "See the public board";
        portal_league: "近30天办理情况", "近30天辦理情況", "Handling in the last 30 days";
        portal_received: "受理", "受理", "Received";
        portal_response_rate: "响应率", "響應率", "Response rate";
        portal_on_time: "按时办结率", "按時辦結率", "On time";
        portal_satisfaction: "满意率", "滿意率", "Satisfied";
        portal_datasets: "开放数据", "開放資料", "Open data";
        portal_children: "下级地区", "下級地區", "Regions below";
        portal_invest: "招商引资", "招商引資", "Investment";
        portal_invest_all: "查看全部招商项目、优惠政策和经济指标", "檢視全部招商項目、優惠政策和經濟指標", "See every project, preferential policy and economic indicator";
        invest_title: "{}招商引资", "{}招商引資", "Investing in {}";
        invest_projects: "招商项目", "招商項目", "Projects seeking investment";
        invest_policies: "优惠政策", "優惠政策", "Preferential policies";
        invest_policy_missing: "（文件尚未公开）", "（文件尚未公開）", "(not published yet)";
        invest_indicators: "经济指标", "經濟指標", "Economic indicators";
        invest_period: "时期", "時期", "Period";
        invest_value: "数值（{}）", "數值（{}）", "Value ({})";
        invest_ask: "投资咨询", "投資諮詢", "Ask the investment office";
        invest_ask_intro: "您的问题将送到{}，一般在{}个工作日内答复，答复可在“我的投资咨询”中查看。", "您的問題將送到{}，一般在{}個工作日內答覆，答覆可在「我的投資諮詢」中檢視。", "Your question goes to {}, which answers within {} working days; read the answer under My investment inquiries.";
        invest_office: "招商部门", "招商部門", "Investment office";
        invest_office_none: "（未指定）", "（未指定）", "(none named)";
        project_sector: "产业类别", "產業類別", "Sector";
        project_location: "项目地点", "項目地點", "Location";
        project_land: "用地面积", "用地面積", "Land";
        project_land_value: "{}亩（约{}平方米）", "{}畝（約{}平方公尺）", "{} mu (about {} m²)";
        project_land_none: "不需新增用地", "不需新增用地", "No new land needed";
        project_investment: "计划投资", "計畫投資", "Investment sought";
        project_investment_value: "{}万元", "{}萬元", "{} 10k yuan";
        project_stage: "项目阶段", "項目階段", "Stage";
        project_contact: "联系方式", "聯絡方式", "Contact";
        project_summary: "项目简介", "項目簡介", "About the project";
        project_document: "项目资料（PDF）", "項目資料（PDF）", "Project document (PDF)";
        project_none: "暂无招商项目。", "暫無招商項目。", "No projects yet.";
        project_draft: "草稿", "草稿", "Draft";
        project_published: "已发布", "已發布", "Published";
        ask_subject: "咨询主题", "諮詢主題", "Subject";
        ask_body: "您的问题", "您的問題", "Your question";
        ask_name: "联系人姓名", "聯絡人姓名", "Your name";
        ask_phone: "手机号码", "手機號碼", "Mobile number";
        ask_company: "企业名称（选填）", "企業名稱（選填）", "Company (optional)";
        ask_project: "咨询的项目", "諮詢的項目", "About the project";
        ask_project_any: "不针对具体项目", "不針對具體項目", "No particular project";
        ask_send: "提交咨询", "提交諮詢", "Send";
        ask_sent: "已提交，{}前答复。", "已提交，{}前答覆。", "Sent: an answer is due by {}.";
        mine_title: "我的投资咨询", "我的投資諮詢", "My investment inquiries";
        mine_none: "您还没有投资咨询。", "您還沒有投資諮詢。", "You have no investment inquiries.";
        mine_waiting: "等待答复，{}前答复", "等待答覆，{}前答覆", "Waiting for an answer, due by {}";
        mine_answered: "已答复", "已答覆", "Answered";
        mine_reply: "答复", "答覆", "Answer";
        mine_asked: "提问时间", "提問時間", "Asked";
        console_portals: "地区门户", "地區入口網站", "Regional portals";
        console_portals_intro: "编辑您负责地区的门户：概况、领导、联系方式、招商部门、招商项目、优惠政策和经济指标。保存前可以预览。", "編輯您負責地區的入口網站：概況、領導、聯絡方式、招商部門、招商項目、優惠政策和經濟指標。儲存前可以預覽。", "Edit the portals of your regions: introduction, leaders, contacts, investment office, projects, preferential policies and economic indicators. Preview before saving.";
        console_edit: "编辑", "編輯", "Edit";
        console_view: "查看门户", "檢視入口網站", "See the portal";
        console_intro_hint: "简要介绍本地区，最多2000字，空行分段。", "簡要介紹本地區，最多2000字，空行分段。", "A short introduction, at most 2000 characters; a blank line starts a paragraph.";
        console_leaders_hint: "每行一位：姓名｜职务，例如 张明｜区长", "每行一位：姓名｜職務，例如 張明｜區長", "One per line: name｜office, e.g. 张明｜区长";
        console_contacts_hint: "每行一项：名称｜内容，例如 值班电话｜0826-2222222", "每行一項：名稱｜內容，例如 值班電話｜0826-2222222", "One per line: label｜value, e.g. 值班电话｜0826-2222222";
        console_office_hint: "投资者的咨询送到这个部门，由该部门的审核人员或部门管理员答复。", "投資者的諮詢送到這個部門，由該部門的審核人員或部門管理員答覆。", "Investors' questions go to this department, answered by its reviewers or department admins.";
        console_preview: "预览", "預覽", "Preview";
        console_preview_title: "预览（尚未保存）", "預覽（尚未儲存）", "Preview (not saved yet)";
        console_save: "保存", "儲存", "Save";
        console_saved: "已保存。", "已儲存。", "Saved.";
        console_new_project: "新建招商项目", "新建招商項目", "New project";
        console_land_hint: "单位：亩，可保留两位小数；不需新增用地请留空。", "單位：畝，可保留兩位小數；不需新增用地請留空。", "In mu (亩), up to two decimals; leave empty if no new land is needed.";
        console_investment_hint: "单位：万元，整数。", "單位：萬元，整數。", "In 10k yuan, a whole number.";
        console_publish_project: "发布（公众可见）", "發布（公眾可見）", "Published (everyone sees it)";
        console_upload: "上传项目资料（PDF，不超过10MB）", "上傳項目資料（PDF，不超過10MB）", "Upload the project document (PDF, at most 10 MB)";
        console_upload_button: "上传", "上傳", "Upload";
        console_policies_hint: "每行一个已发布政策文件的索引号。", "每行一個已發布政策文件的索引號。", "One index number of a published policy document per line.";
        console_indicator: "指标", "指標", "Indicator";
        console_period_hint: "年份如 2025，或季度如 2025Q3", "年份如 2025，或季度如 2025Q3", "A year such as 2025, or a quarter such as 2025Q3";
        console_value_hint: "最多两位小数；留空则删除该时期的数值。", "最多兩位小數；留空則刪除該時期的數值。", "Up to two decimals; leave empty to remove that period's value.";
        console_children: "下级地区的门户", "下級地區的入口網站", "Portals of the regions below";
        console_queue: "投资咨询", "投資諮詢", "Investment inquiries";
        console_queue_intro: "本部门作为招商部门收到的投资咨询，请在期限前答复。", "本部門作為招商部門收到的投資諮詢，請在期限前答覆。", "Investment inquiries sent to your department as an investment office; answer them by their due date.";
        console_queue_none: "没有投资咨询。", "沒有投資諮詢。", "No investment inquiries.";
        console_due: "答复期限", "答覆期限", "Due";
        console_state: "状态", "狀態", "State";
        console_overdue: "已超期", "已超期", "Overdue";
        console_reply: "答复内容", "答覆內容", "Your answer";
        console_send_reply: "发送答复", "發送答覆", "Send the answer";
        console_region: "地区", "地區", "Region";
        console_tally_open: "待答复的投资咨询", "待答覆的投資諮詢", "Investment inquiries to answer";
        console_tally_overdue: "超期的投资咨询", "超期的投資諮詢", "Overdue investment inquiries";
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn texts_are_complete_and_traditional_is_traditional() {
        yiwang_kit::i18n::check_texts(super::ALL_MESSAGES);
    }
}
