//! Texts of the home and search pages.

yiwang_kit::texts! {
    /// The texts of this capability's pages.
    pub trait HomeTexts {
        home_title: "首页", "首頁", "Home";
        home_welcome: "您好，欢迎使用", "您好，歡迎使用", "Welcome to";
        home_search_heading: "您要找什么？", "您要找甚麼？", "What are you looking for?";
        home_entries: "常用入口", "常用入口", "Popular";
        home_entry_departments: "部门目录", "部門目錄", "Department directory";
        home_entry_departments_desc: "各部门的电话、地址和办公时间", "各部門的電話、地址和辦公時間", "Phone numbers, addresses and hours of every department";
        home_entry_regions: "地区", "地區", "Regions";
        home_entry_regions_desc: "区县、街道和乡镇", "區縣、街道和鄉鎮", "Districts, counties, streets and towns";
        home_entry_ask: "我要问政", "我要問政", "Ask the government";
        home_entry_ask_desc: "咨询、求助、投诉、建议，限时答复", "諮詢、求助、投訴、建議，限時答覆", "Questions, help, complaints and suggestions, answered on time";
        home_entry_pay: "缴费", "繳費", "Pay a fee";
        home_entry_pay_desc: "交通罚款、考试费等，输入缴款码就能缴", "交通罰款、考試費等，輸入繳款碼就能繳", "Traffic fines, exam fees and more, by the bill code";
        home_entry_book: "预约", "預約", "Appointments";
        home_entry_book_desc: "预约政务服务中心窗口或医院门诊", "預約政務服務中心窗口或醫院門診", "Book a service centre window or a hospital doctor";
        home_entry_account: "我的账号", "我的帳號", "My account";
        home_entry_account_desc: "实名认证、消息、个人数据查阅记录", "實名認證、消息、個人資料查閱記錄", "Real-name verification, messages, who viewed your data";
        home_entry_register_desc: "用手机号注册，一个账号办所有事", "用手機號註冊，一個帳號辦所有事", "Register with your mobile number: one account for everything";
        home_entry_messages: "我的消息", "我的消息", "My messages";
        home_local: "本地区", "本地區", "Our area";
        home_hot: "热门服务", "熱門服務", "Popular services";
        home_all_services: "全部办事服务", "全部辦事服務", "All services";
        home_all_life_events: "全部一件事", "全部一件事", "All life events";
        home_departments_count: "个部门", "個部門", "departments";
        search_title: "搜索", "搜尋", "Search";
        search_results_for: "搜索结果：", "搜尋結果：", "Results for:";
        search_no_results: "没有找到相关结果", "沒有找到相關結果", "Nothing found";
        search_tips: "您可以：检查是否有错别字；换个说法，比如用“社保”代替“社会保险”；或者按部门查找。", "您可以：檢查是否有錯別字；換個說法，比如用「社保」代替「社會保險」；或者按部門查找。", "Try: checking the spelling; other words (for example a shorter name); or browsing by department.";
        search_browse_departments: "按部门查找", "按部門查找", "Browse departments";
        search_empty_query: "请输入要搜索的内容。", "請輸入要搜尋的內容。", "Type what you are looking for.";
        kind_department: "部门", "部門", "Department";
        kind_region: "地区", "地區", "Region";
        kind_inquiry: "问政答复", "問政答覆", "Answered inquiries";
        kind_article: "新闻公告", "新聞公告", "News and notices";
        kind_policy: "政策文件", "政策文件", "Policy documents";
        kind_dataset: "开放数据", "開放資料", "Open data";
        kind_place: "本地生活", "本地生活", "Local places";
    }
}
