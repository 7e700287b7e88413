//! The kit's own texts: the page frame, error pages, and words every page uses. Plain words,
//! short sentences (适老化).

use super::{Tr, messages};

messages! {
    when: "时间", "時間", "When";
    choose_one: "请选择", "請選擇", "Choose one";
    fb_title: "在线申请表单", "線上申請表單", "Online application form";
    phone_label: "手机号码", "手機號碼", "Mobile number";
    phone_hint: "11位中国大陆手机号，例如 13800138000", "11位中國大陸手機號，例如 13800138000", "11-digit mainland China mobile number, for example 13800138000";
    no_messages: "还没有消息。", "還沒有消息。", "No messages yet.";
    disabled_label: "已停用", "已停用", "Disabled";
    departments_filter: "筛选", "篩選", "Filter";
    change_password: "修改密码", "修改密碼", "Change password";
    account_greeting: "您好，", "您好，", "Hello, ";
    home_entry_messages_desc: "办理进度和通知", "辦理進度和通知", "Progress updates and notices";
    region_code_hint: "例如 511602（广安区）", "例如 511602（廣安區）", "For example 511602 (Guang'an District)";
    region_code_label: "地区代码", "地區代碼", "Region code";
    nav_services: "办事", "辦事", "Services";
    role_legal_representative: "法定代表人", "法定代表人", "Legal representative";
    role_agent: "经办人", "經辦人", "Agent";
    skip_to_content: "跳到主要内容", "跳到主要內容", "Skip to main content";
    nav_label: "主导航", "主導航", "Main navigation";
    nav_home: "首页", "首頁", "Home";
    nav_news: "资讯", "資訊", "News";
    alert_details: "查看详情", "查看詳情", "Details";
    alerts_label: "紧急警报", "緊急警報", "Emergency alerts";
    nav_departments: "部门", "部門", "Departments";
    nav_regions: "地区", "地區", "Regions";
    nav_mine: "我的", "我的", "Me";
    nav_console: "工作台", "工作台", "Console";
    entry_my_cases: "我的办件", "我的辦件", "My applications";
    entry_my_cases_desc: "办理进度、补正和评价", "辦理進度、補正和評價", "Progress, corrections and ratings";
    entry_my_certificates: "我的证照", "我的證照", "My certificates";
    entry_my_certificates_desc: "电子证照，可出示和分享", "電子證照，可出示和分享", "Electronic certificates to show and share";
    entry_track: "办件查询", "辦件查詢", "Track an application";
    entry_track_desc: "凭办件编号和查询码查看进度，不用登录", "憑辦件編號和查詢碼查看進度，不用登入", "Follow progress with the receipt number and tracking code, without logging in";
    login: "登录", "登入", "Log in";
    logout: "退出登录", "登出", "Log out";
    register: "注册", "註冊", "Register";
    messages_label: "消息", "消息", "Messages";
    unread_suffix: "条未读", "條未讀", "unread";
    settings_label: "显示设置", "顯示設定", "Display settings";
    language_label: "语言", "語言", "Language";
    font_size_label: "字号", "字號", "Text size";
    font_default: "默认", "預設", "Default";
    font_large: "超大", "超大", "Extra large";
    contrast_label: "对比度", "對比度", "Contrast";
    contrast_normal: "标准", "標準", "Standard";
    contrast_high: "高对比", "高對比", "High";
    apply: "应用", "套用", "Apply";
    search_label: "搜索", "搜尋", "Search";
    search_placeholder: "搜索办事事项、部门、地区", "搜尋辦事事項、部門、地區", "Search services, departments and regions";
    footer_api: "开放接口（OpenAPI）", "開放介面（OpenAPI）", "Open API (OpenAPI)";
    footer_accessibility: "无障碍说明", "無障礙說明", "Accessibility";
    footer_note: "本平台不会以任何理由索要您的短信验证码。", "本平台不會以任何理由索取您的簡訊驗證碼。", "We will never ask you for your SMS code.";
    demo_banner: "演示环境：数据仅供体验，短信不会真实发送。", "演示環境：資料僅供體驗，簡訊不會真實發送。", "Demo site: data is for trying out only; no text messages are really sent.";
    demo_messages_link: "查看演示短信", "查看演示簡訊", "See demo text messages";
    previous_page: "上一页", "上一頁", "Previous";
    next_page: "下一页", "下一頁", "Next";
    pagination_label: "分页", "分頁", "Pagination";
    back: "返回", "返回", "Back";
    save: "保存", "儲存", "Save";
    cancel: "取消", "取消", "Cancel";
    submit: "提交", "提交", "Submit";
    continue_label: "继续", "繼續", "Continue";
    optional: "（选填）", "（選填）", "(optional)";
    yes: "是", "是", "Yes";
    no: "否", "否", "No";
    none_yet: "暂无", "暫無", "None yet";
    hotline_not_published: "部门暂未公布。", "部門暫未公布。", "Not published by the department.";
    hotline_call: "可拨打政务服务便民热线", "可撥打政務服務便民熱線", "You can call the government service hotline";
    error_summary_title: "请修改以下问题", "請修改以下問題", "There is a problem";
    saved: "已保存。", "已儲存。", "Saved.";
    show_password: "显示密码", "顯示密碼", "Show password";
    not_found_title: "找不到这个页面", "找不到這個頁面", "Page not found";
    not_found_body: "网址可能输错了，或者页面已经移走。", "網址可能輸錯了，或者頁面已經移走。", "The address may be mistyped, or the page has moved.";
    error_title: "出错了", "出錯了", "Something went wrong";
    error_body: "我们已经记录了这个问题。请稍后再试。", "我們已經記錄了這個問題。請稍後再試。", "We have recorded the problem. Please try again later.";
    forbidden_title: "没有权限", "沒有權限", "Not allowed";
    error_reference: "问题编号", "問題編號", "Reference";
    go_home: "回到首页", "回到首頁", "Go to the home page";
    console_title: "工作台", "工作台", "Staff console";
    seconds: "秒", "秒", "s";
    edit: "编辑", "編輯", "Edit";
    conflict_notice: "别人刚刚修改了这条记录。请查看最新内容后再修改。", "別人剛剛修改了這條記錄。請查看最新內容後再修改。", "Someone else changed this record a moment ago. Check the latest version, then make your change.";
    role_label: "角色", "角色", "Role";
    department_label: "部门", "部門", "Department";
    region_label: "地区", "地區", "Region";
    revoke: "撤销", "撤銷", "Revoke";
    status_label: "状态", "狀態", "Status";
}

impl Tr {
    /// "共 N 条" / "N in total".
    pub fn total(self, n: impl std::borrow::Borrow<i64>) -> String {
        let n = *n.borrow();
        match self.0 {
            yiwang_domain::Lang::ZhHans => format!("共 {n} 条"),
            yiwang_domain::Lang::ZhHant => format!("共 {n} 條"),
            yiwang_domain::Lang::En => format!("{n} in total"),
        }
    }

    /// "第 2 页，共 5 页" / "Page 2 of 5".
    pub fn page_of(
        self,
        page: impl std::borrow::Borrow<u32>,
        pages: impl std::borrow::Borrow<u32>,
    ) -> String {
        let (page, pages) = (*page.borrow(), *pages.borrow());
        match self.0 {
            yiwang_domain::Lang::ZhHans => format!("第 {page} 页，共 {pages} 页"),
            yiwang_domain::Lang::ZhHant => format!("第 {page} 頁，共 {pages} 頁"),
            yiwang_domain::Lang::En => format!("Page {page} of {pages}"),
        }
    }
}
