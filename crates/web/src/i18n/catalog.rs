//! The UI texts. Keep keys grouped by page; plain words, short sentences (适老化).

use super::{Tr, messages};

messages! {
    // Layout
    skip_to_content: "跳到主要内容", "跳到主要內容", "Skip to main content";
    nav_label: "主导航", "主導航", "Main navigation";
    nav_home: "首页", "首頁", "Home";
    nav_departments: "部门", "部門", "Departments";
    nav_regions: "地区", "地區", "Regions";
    nav_mine: "我的", "我的", "Me";
    nav_console: "工作台", "工作台", "Console";
    login: "登录", "登錄", "Log in";
    logout: "退出登录", "登出", "Log out";
    register: "注册", "註冊", "Register";
    messages_label: "消息", "消息", "Messages";
    unread_suffix: "条未读", "條未讀", "unread";
    settings_label: "显示设置", "顯示設定", "Display settings";
    language_label: "语言", "語言", "Language";
    font_size_label: "字号", "字號", "Text size";
    font_default: "默认", "默認", "Default";
    font_large: "超大", "超大", "Extra large";
    contrast_label: "对比度", "對比度", "Contrast";
    contrast_normal: "标准", "標準", "Standard";
    contrast_high: "高对比", "高對比", "High";
    apply: "应用", "套用", "Apply";
    search_label: "搜索", "搜尋", "Search";
    search_placeholder: "搜索办事事项、部门、地区", "搜尋辦事事項、部門、地區", "Search services, departments and regions";
    footer_api: "开放接口（OpenAPI）", "開放介面（OpenAPI）", "Open API (OpenAPI)";
    footer_accessibility: "无障碍说明", "無障礙說明", "Accessibility";
    footer_note: "本平台不会以任何理由索要您的短信验证码。", "本平台不會以任何理由索取您的短信驗證碼。", "We will never ask you for your SMS code.";
    demo_banner: "演示环境：数据仅供体验，短信不会真实发送。", "演示環境：資料僅供體驗，短信不會真實發送。", "Demo site: data is for trying out only; no text messages are really sent.";
    demo_messages_link: "查看演示短信", "查看演示短信", "See demo text messages";
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
    error_summary_title: "请修改以下问题", "請修改以下問題", "There is a problem";
    saved: "已保存。", "已儲存。", "Saved.";
    show_password: "显示密码", "顯示密碼", "Show password";

    // Home
    home_title: "首页", "首頁", "Home";
    home_welcome: "您好，欢迎使用", "您好，歡迎使用", "Welcome to";
    home_search_heading: "您要找什么？", "您要找甚麼？", "What are you looking for?";
    home_entries: "常用入口", "常用入口", "Popular";
    home_entry_departments: "部门目录", "部門目錄", "Department directory";
    home_entry_departments_desc: "各部门的电话、地址和办公时间", "各部門的電話、地址和辦公時間", "Phone numbers, addresses and hours of every department";
    home_entry_regions: "地区", "地區", "Regions";
    home_entry_regions_desc: "区县、街道和乡镇", "區縣、街道和鄉鎮", "Districts, counties, streets and towns";
    home_entry_account: "我的账号", "我的帳號", "My account";
    home_entry_account_desc: "实名认证、消息、个人数据查阅记录", "實名認證、消息、個人資料查閱記錄", "Real-name verification, messages, who viewed your data";
    home_entry_register_desc: "用手机号注册，一个账号办所有事", "用手機號註冊，一個帳號辦所有事", "Register with your mobile number: one account for everything";
    home_entry_messages: "我的消息", "我的消息", "My messages";
    home_entry_messages_desc: "办理进度和通知", "辦理進度和通知", "Progress updates and notices";
    home_local: "本地区", "本地區", "Our area";
    home_departments_count: "个部门", "個部門", "departments";

    // Search
    search_title: "搜索", "搜尋", "Search";
    search_results_for: "搜索结果：", "搜尋結果：", "Results for:";
    search_no_results: "没有找到相关结果", "沒有找到相關結果", "Nothing found";
    search_tips: "您可以：检查是否有错别字；换个说法，比如用“社保”代替“社会保险”；或者按部门查找。", "您可以：檢查是否有錯別字；換個說法，比如用「社保」代替「社會保險」；或者按部門查找。", "Try: checking the spelling; other words (for example a shorter name); or browsing by department.";
    search_browse_departments: "按部门查找", "按部門查找", "Browse departments";
    search_empty_query: "请输入要搜索的内容。", "請輸入要搜尋的內容。", "Type what you are looking for.";
    kind_department: "部门", "部門", "Department";
    kind_region: "地区", "地區", "Region";

    // Directory
    departments_title: "部门目录", "部門目錄", "Department directory";
    departments_filter: "筛选", "篩選", "Filter";
    departments_in_region: "所在地区", "所在地區", "Region";
    department_name_contains: "名称包含", "名稱包含", "Name contains";
    all_regions: "全部", "全部", "All";
    department_phone: "咨询电话", "諮詢電話", "Phone";
    department_address: "办公地址", "辦公地址", "Address";
    department_hours: "办公时间", "辦公時間", "Opening hours";
    department_code: "机构代码", "機構代碼", "Organisation code";
    department_level: "层级", "層級", "Level";
    department_region: "所属地区", "所屬地區", "Region";
    not_yet_filled: "暂未填写", "暫未填寫", "Not yet filled in";
    region_children: "下辖地区", "下轄地區", "Areas within";
    region_departments: "本级部门", "本級部門", "Departments here";
    regions_title: "地区", "地區", "Regions";

    // Account: register
    register_title: "注册账号", "註冊帳號", "Create an account";
    register_intro: "用手机号注册。我们会发送一条短信验证码，证明这个号码是您的。", "用手機號註冊。我們會發送一條短信驗證碼，證明這個號碼是您的。", "Register with your mobile number. We will text you a code to prove the number is yours.";
    phone_label: "手机号码", "手機號碼", "Mobile number";
    phone_hint: "11位中国大陆手机号，例如 13800138000", "11位中國大陸手機號，例如 13800138000", "11-digit mainland China mobile number, for example 13800138000";
    send_code: "发送验证码", "發送驗證碼", "Send code";
    code_sent_title: "请输入短信验证码", "請輸入短信驗證碼", "Enter the code we sent";
    code_sent_body: "如果这个号码可以使用，我们已经发送了6位验证码，10分钟内有效。没有收到？请稍等1分钟后重新发送。", "如果這個號碼可以使用，我們已經發送了6位驗證碼，10分鐘內有效。沒有收到？請稍等1分鐘後重新發送。", "If the number can be used, we have sent a 6-digit code. It is valid for 10 minutes. Nothing arrived? Wait a minute and send again.";
    code_label: "短信验证码", "短信驗證碼", "Code from the text message";
    code_hint: "6位数字", "6位數字", "6 digits";
    password_label: "密码", "密碼", "Password";
    password_hint: "至少8位。可以用一句好记的话，不要用生日或手机号。", "至少8位。可以用一句好記的話，不要用生日或手機號。", "At least 8 characters. A phrase you remember works well; avoid birthdays and phone numbers.";
    password_confirm_label: "再输入一次密码", "再輸入一次密碼", "Type the password again";
    create_account: "注册并登录", "註冊並登錄", "Create account and log in";
    change_number: "换一个号码", "換一個號碼", "Use a different number";
    resend_code: "重新发送验证码", "重新發送驗證碼", "Send the code again";
    have_account: "已有账号？", "已有帳號？", "Already registered?";

    // Account: login
    login_title: "登录", "登錄", "Log in";
    no_account: "还没有账号？", "還沒有帳號？", "No account yet?";
    forgot_password: "忘记密码", "忘記密碼", "Forgot your password?";
    session_expired_notice: "您已较长时间未操作，为保护您的信息已自动退出，请重新登录。", "您已較長時間未操作，為保護您的資訊已自動登出，請重新登錄。", "You were logged out after a period of inactivity to protect your information. Please log in again.";
    logged_out_notice: "您已安全退出。", "您已安全登出。", "You have logged out.";
    password_reset_done: "密码已重置，请用新密码登录。", "密碼已重設，請用新密碼登錄。", "Your password was reset. Log in with the new password.";
    login_required_notice: "请先登录。", "請先登錄。", "Please log in first.";

    // Account: reset
    reset_title: "重置密码", "重設密碼", "Reset your password";
    reset_intro: "输入注册时用的手机号，我们会发送验证码。", "輸入註冊時用的手機號，我們會發送驗證碼。", "Enter the mobile number you registered with and we will text you a code.";
    new_password_label: "新密码", "新密碼", "New password";
    reset_submit: "重置密码", "重設密碼", "Reset password";

    // Account: profile
    account_title: "我的", "我的", "My account";
    account_greeting: "您好，", "您好，", "Hello, ";
    account_phone: "手机号码", "手機號碼", "Mobile number";
    account_real_name: "实名认证", "實名認證", "Real-name verification";
    account_verified: "已实名", "已實名", "Verified";
    account_not_verified: "未实名", "未實名", "Not verified";
    account_verify_now: "去实名认证", "去實名認證", "Verify now";
    account_verified_how: "姓名和身份证号已通过号码校验", "姓名和身分證號已通過號碼校驗", "Name and ID number passed the number checks";
    account_name: "姓名", "姓名", "Name";
    account_id_number: "身份证号", "身分證號", "ID number";
    account_since: "注册时间", "註冊時間", "Registered on";
    account_security: "账号安全", "帳號安全", "Security";
    change_password: "修改密码", "修改密碼", "Change password";
    my_messages: "我的消息", "我的消息", "My messages";
    my_access_log: "个人数据查阅记录", "個人資料查閱記錄", "Who viewed my data";
    my_enterprises: "我的企业", "我的企業", "My enterprises";
    welcome_done: "注册成功，欢迎！完成实名认证后可以办理更多事项。", "註冊成功，歡迎！完成實名認證後可以辦理更多事項。", "You are registered. Verify your real name to use more services.";
    verified_done: "实名认证已完成。", "實名認證已完成。", "Your real name is verified.";
    password_changed_done: "密码已修改，其他设备已退出登录。", "密碼已修改，其他裝置已登出。", "Password changed. Other devices were logged out.";

    // Account: verify
    verify_title: "实名认证", "實名認證", "Verify your real name";
    verify_intro: "请填写与居民身份证一致的姓名和号码。我们会校验号码的格式、出生日期和地区码。您的信息加密保存，工作人员每次查看都会记录，您可以在“个人数据查阅记录”中看到。", "請填寫與居民身分證一致的姓名和號碼。我們會校驗號碼的格式、出生日期和地區碼。您的資訊加密保存，工作人員每次查看都會記錄，您可以在「個人資料查閱記錄」中看到。", "Enter your name and number exactly as on your resident ID card. We check the number's format, birth date and region code. Your details are stored encrypted; every time staff view them it is recorded, and you can see it under \"Who viewed my data\".";
    verify_name_hint: "例如：张三", "例如：張三", "For example: 张三";
    verify_id_hint: "18位，最后一位可能是X", "18位，最後一位可能是X", "18 characters; the last may be X";
    verify_submit: "提交认证", "提交認證", "Verify";
    already_verified: "您已完成实名认证。", "您已完成實名認證。", "You have already verified your real name.";

    // Account: password change
    password_title: "修改密码", "修改密碼", "Change password";
    current_password_label: "当前密码", "目前密碼", "Current password";

    // Account: messages
    messages_title: "我的消息", "我的消息", "My messages";
    mark_read: "标为已读", "標為已讀", "Mark as read";
    mark_all_read: "全部标为已读", "全部標為已讀", "Mark all as read";
    unread: "未读", "未讀", "Unread";
    no_messages: "还没有消息。", "還沒有消息。", "No messages yet.";

    // Account: access log
    access_log_title: "个人数据查阅记录", "個人資料查閱記錄", "Who viewed my data";
    access_log_intro: "工作人员每次查看您的个人信息都会留下记录。如有疑问，可拨打政务服务热线12345。", "工作人員每次查看您的個人資訊都會留下記錄。如有疑問，可撥打政務服務熱線12345。", "Every time staff view your personal details, it is recorded here. Questions? Call the government service line 12345.";
    access_log_when: "时间", "時間", "When";
    access_log_who: "查阅人", "查閱人", "Who";
    access_log_org: "单位", "單位", "Office";
    access_log_what: "内容", "內容", "What";
    access_log_empty: "还没有工作人员查看过您的个人信息。", "還沒有工作人員查看過您的個人資訊。", "No staff member has viewed your personal details.";

    // Account: enterprises
    enterprises_title: "我的企业", "我的企業", "My enterprises";
    enterprises_intro: "以企业身份办事，需要由法定代表人登记企业，再授权经办人。", "以企業身分辦事，需要由法定代表人登記企業，再授權經辦人。", "To act for an enterprise, its legal representative registers it and then authorises agents.";
    enterprise_register: "登记企业", "登記企業", "Register an enterprise";
    enterprise_name: "企业名称", "企業名稱", "Enterprise name";
    enterprise_credit_code: "统一社会信用代码", "統一社會信用代碼", "Unified social credit code";
    enterprise_credit_code_hint: "18位，见营业执照", "18位，見營業執照", "18 characters, on the business licence";
    enterprise_legal_rep: "法定代表人姓名", "法定代表人姓名", "Legal representative";
    enterprise_legal_rep_hint: "须与您实名认证的姓名一致", "須與您實名認證的姓名一致", "Must match your verified name";
    enterprise_needs_verification: "登记企业前，请先完成实名认证。", "登記企業前，請先完成實名認證。", "Verify your real name before registering an enterprise.";
    enterprise_role: "身份", "身分", "Role";
    role_legal_representative: "法定代表人", "法定代表人", "Legal representative";
    role_agent: "经办人", "經辦人", "Agent";
    enterprise_agents: "经办人", "經辦人", "Agents";
    enterprise_authorise: "授权经办人", "授權經辦人", "Authorise an agent";
    enterprise_authorise_hint: "经办人须已注册并完成实名认证", "經辦人須已註冊並完成實名認證", "The agent must be registered and real-name verified";
    enterprise_revoke: "取消授权", "取消授權", "Revoke";
    in_force: "有效", "有效", "In force";
    not_in_force: "已失效", "已失效", "Ended";
    no_enterprises: "您还没有关联的企业。", "您還沒有關聯的企業。", "You are not linked to any enterprise yet.";

    // Errors pages
    not_found_title: "找不到这个页面", "找不到這個頁面", "Page not found";
    not_found_body: "网址可能输错了，或者页面已经移走。", "網址可能輸錯了，或者頁面已經移走。", "The address may be mistyped, or the page has moved.";
    error_title: "出错了", "出錯了", "Something went wrong";
    error_body: "我们已经记录了这个问题。请稍后再试。", "我們已經記錄了這個問題。請稍後再試。", "We have recorded the problem. Please try again later.";
    forbidden_title: "没有权限", "沒有權限", "Not allowed";
    error_reference: "问题编号", "問題編號", "Reference";
    go_home: "回到首页", "回到首頁", "Go to the home page";

    // Console
    console_title: "工作台", "工作台", "Staff console";
    console_login_title: "工作人员登录", "工作人員登錄", "Staff login";
    username_label: "用户名", "用戶名", "User name";
    totp_label: "动态口令", "動態口令", "Authenticator code";
    totp_hint: "手机验证器上的6位数字。首次登录可不填。", "手機驗證器上的6位數字。首次登錄可不填。", "The 6 digits in your authenticator app. Leave empty at first login.";
    enrol_title: "绑定手机验证器", "綁定手機驗證器", "Link an authenticator app";
    enrol_intro: "用手机上的验证器（如“腾讯身份验证器”、Google Authenticator、Microsoft Authenticator）扫描下面的二维码，再输入它显示的6位数字。", "用手機上的驗證器（如「騰訊身分驗證器」、Google Authenticator、Microsoft Authenticator）掃描下面的二維碼，再輸入它顯示的6位數字。", "Scan the QR code with an authenticator app (for example Google Authenticator or Microsoft Authenticator), then enter the 6 digits it shows.";
    enrol_secret: "无法扫码时，手动输入密钥：", "無法掃碼時，手動輸入密鑰：", "If you cannot scan, type this key:";
    enrol_qr_alt: "验证器绑定二维码", "驗證器綁定二維碼", "QR code for linking an authenticator";
    console_overview: "概况", "概況", "Overview";
    console_citizens: "注册用户", "註冊用戶", "Registered citizens";
    console_sessions: "在线会话", "在線會話", "Active sessions";
    console_dead_jobs: "失败任务", "失敗任務", "Failed jobs";
    console_outbox_lag: "消息积压", "消息積壓", "Message backlog";
    seconds: "秒", "秒", "s";
    console_my_roles: "我的角色", "我的角色", "My roles";
    console_departments: "部门管理", "部門管理", "Departments";
    console_staff: "工作人员", "工作人員", "Staff";
    console_regions: "地区管理", "地區管理", "Regions";
    console_citizen_lookup: "查询群众", "查詢群眾", "Find a citizen";
    console_audit: "审计日志", "審計日誌", "Audit log";
    console_jobs: "后台任务", "後台任務", "Background jobs";
    console_clients: "接入系统", "接入系統", "System clients";
    console_dev_messages: "开发模式消息", "開發模式消息", "Development messages";
    new_department: "新建部门", "新建部門", "New department";
    edit_department: "编辑部门", "編輯部門", "Edit department";
    department_name: "部门名称", "部門名稱", "Department name";
    region_code_label: "地区代码", "地區代碼", "Region code";
    region_code_hint: "例如 511602（广安区）", "例如 511602（廣安區）", "For example 511602 (Guang'an District)";
    edit: "编辑", "編輯", "Edit";
    conflict_notice: "别人刚刚修改了这条记录。请查看最新内容后再修改。", "別人剛剛修改了這條記錄。請查看最新內容後再修改。", "Someone else changed this record a moment ago. Check the latest version, then make your change.";
    new_staff: "新建工作人员", "新建工作人員", "New staff member";
    display_name_label: "姓名", "姓名", "Name";
    initial_password_label: "初始密码", "初始密碼", "Initial password";
    role_label: "角色", "角色", "Role";
    department_label: "部门", "部門", "Department";
    no_department: "（不限部门）", "（不限部門）", "(all departments)";
    region_label: "地区", "地區", "Region";
    grants_title: "角色授权", "角色授權", "Roles";
    add_grant: "添加角色", "新增角色", "Add role";
    revoke: "撤销", "撤銷", "Revoke";
    status_label: "状态", "狀態", "Status";
    active_label: "正常", "正常", "Active";
    disabled_label: "已停用", "已停用", "Disabled";
    disable_account: "停用账号", "停用帳號", "Disable account";
    enable_account: "启用账号", "啟用帳號", "Enable account";
    totp_enrolled_label: "已绑定验证器", "已綁定驗證器", "Authenticator linked";
    totp_not_enrolled_label: "未绑定验证器", "未綁定驗證器", "No authenticator yet";
    lookup_intro: "按手机号或身份证号查找群众账号。每次查询和查看都会记入审计日志，并告知本人。", "按手機號或身分證號查找群眾帳號。每次查詢和查看都會記入審計日誌，並告知本人。", "Find a citizen by mobile or ID number. Every search and view is written to the audit log and shown to the citizen.";
    lookup_query_label: "手机号或身份证号", "手機號或身分證號", "Mobile or ID number";
    lookup_reason_label: "查询事由", "查詢事由", "Reason";
    lookup_reason_hint: "例如：窗口代办业务核对身份", "例如：窗口代辦業務核對身分", "For example: checking identity for assisted handling";
    lookup_submit: "查询", "查詢", "Find";
    lookup_not_found: "没有找到这个账号。", "沒有找到這個帳號。", "No account found.";
    view_details: "查看详情", "查看詳情", "View details";
    audit_action_label: "操作", "操作", "Action";
    audit_actor: "操作人", "操作人", "By";
    audit_target: "对象", "對象", "On";
    audit_from: "开始日期", "開始日期", "From";
    audit_to: "结束日期", "結束日期", "To";
    all_actions: "全部操作", "全部操作", "All actions";
    jobs_dead_intro: "这些任务多次执行失败，已停止重试。修复原因后可以重新执行。", "這些任務多次執行失敗，已停止重試。修復原因後可以重新執行。", "These jobs failed too many times and stopped retrying. Fix the cause, then run them again.";
    job_kind: "类型", "類型", "Kind";
    job_attempts: "尝试次数", "嘗試次數", "Attempts";
    job_error: "最后错误", "最後錯誤", "Last error";
    job_retry: "重新执行", "重新執行", "Run again";
    no_dead_jobs: "没有失败的任务。", "沒有失敗的任務。", "No failed jobs.";
    client_name: "系统名称", "系統名稱", "System name";
    new_client: "接入新系统", "接入新系統", "Register a system";
    client_token_once: "请立即复制这个令牌，它只显示这一次：", "請立即複製這個令牌，它只顯示這一次：", "Copy this token now; it is shown only once:";
    client_grant_hint: "新系统获得“只读目录”权限；需要更多权限时，在此添加角色。", "新系統獲得「唯讀目錄」權限；需要更多權限時，在此新增角色。", "A new system may read the directory; add roles here when it needs more.";
    dev_messages_title: "开发模式消息", "開發模式消息", "Development messages";
    dev_messages_intro: "没有配置短信网关时，短信和邮件记录在这里，不会真实发送。", "沒有配置短信閘道時，短信和郵件記錄在這裡，不會真實發送。", "Without an SMS gateway, texts and emails are recorded here instead of being sent.";
    dev_messages_phone: "只看这个号码", "只看這個號碼", "Only this number";
    add_community: "添加社区（村）", "新增社區（村）", "Add a community or village";
    community_name: "社区（村）名称", "社區（村）名稱", "Community or village name";
    community_suffix: "代码后三位", "代碼後三位", "Last three digits of the code";
    community_suffix_hint: "留空则自动编号", "留空則自動編號", "Leave empty to number automatically";
    when: "时间", "時間", "When";
    recipient: "接收人", "接收人", "To";
    content: "内容", "內容", "Content";
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
