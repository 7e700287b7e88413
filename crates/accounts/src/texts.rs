//! Texts of the account pages: registration, login, reset, profile, messages, access log, enterprises; and of staff login, enrolment, staff management and citizen lookup in the console.

yiwang_kit::texts! {
    /// The texts of this capability's pages.
    pub trait AccountTexts {
        register_title: "注册账号", "註冊帳號", "Create an account";
        register_intro: "用手机号注册。我们会发送一条短信验证码，证明这个号码是您的。", "用手機號註冊。我們會發送一條簡訊驗證碼，證明這個號碼是您的。", "Register with your mobile number. We will text you a code to prove the number is yours.";
        send_code: "发送验证码", "發送驗證碼", "Send code";
        code_sent_title: "请输入短信验证码", "請輸入簡訊驗證碼", "Enter the code we sent";
        code_sent_body: "如果这个号码可以使用，我们已经发送了6位验证码，10分钟内有效。没有收到？请稍等1分钟后重新发送。", "如果這個號碼可以使用，我們已經發送了6位驗證碼，10分鐘內有效。沒有收到？請稍等1分鐘後重新發送。", "If the number can be used, we have sent a 6-digit code. It is valid for 10 minutes. Nothing arrived? Wait a minute and send again.";
        code_label: "短信验证码", "簡訊驗證碼", "Code from the text message";
        code_hint: "6位数字", "6位數字", "6 digits";
        password_label: "密码", "密碼", "Password";
        password_hint: "至少8位。可以用一句好记的话，不要用生日或手机号。", "至少8位。可以用一句好記的話，不要用生日或手機號。", "At least 8 characters. A phrase you remember works well; avoid birthdays and phone numbers.";
        password_confirm_label: "再输入一次密码", "再輸入一次密碼", "Type the password again";
        create_account: "注册并登录", "註冊並登入", "Create account and log in";
        change_number: "换一个号码", "換一個號碼", "Use a different number";
        resend_code: "重新发送验证码", "重新發送驗證碼", "Send the code again";
        have_account: "已有账号？", "已有帳號？", "Already registered?";
        login_title: "登录", "登入", "Log in";
        no_account: "还没有账号？", "還沒有帳號？", "No account yet?";
        forgot_password: "忘记密码", "忘記密碼", "Forgot your password?";
        session_expired_notice: "您已较长时间未操作，为保护您的信息已自动退出，请重新登录。", "您已較長時間未操作，為保護您的資訊已自動登出，請重新登入。", "You were logged out after a period of inactivity to protect your information. Please log in again.";
        logged_out_notice: "您已安全退出。", "您已安全登出。", "You have logged out.";
        password_reset_done: "密码已重置，请用新密码登录。", "密碼已重設，請用新密碼登入。", "Your password was reset. Log in with the new password.";
        login_required_notice: "请先登录。", "請先登入。", "Please log in first.";
        reset_title: "重置密码", "重設密碼", "Reset your password";
        reset_intro: "输入注册时用的手机号，我们会发送验证码。", "輸入註冊時用的手機號，我們會發送驗證碼。", "Enter the mobile number you registered with and we will text you a code.";
        new_password_label: "新密码", "新密碼", "New password";
        reset_submit: "重置密码", "重設密碼", "Reset password";
        account_title: "我的", "我的", "My account";
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
        my_messages: "我的消息", "我的消息", "My messages";
        my_access_log: "个人数据查阅记录", "個人資料查閱記錄", "Who viewed my data";
        my_enterprises: "我的企业", "我的企業", "My enterprises";
        welcome_done: "注册成功，欢迎！完成实名认证后可以办理更多事项。", "註冊成功，歡迎！完成實名認證後可以辦理更多事項。", "You are registered. Verify your real name to use more services.";
        verified_done: "实名认证已完成。", "實名認證已完成。", "Your real name is verified.";
        password_changed_done: "密码已修改，其他设备已退出登录。", "密碼已修改，其他裝置已登出。", "Password changed. Other devices were logged out.";
        identity_none: "未填写", "未填寫", "Not given";
        identity_verify_now: "去核验身份", "去核驗身分", "Verify your identity";
        identity_level_label: "身份核验", "身分核驗", "Identity";
        identity_levels_intro: "实名信息有三个等级：自行填写（只校验号码格式）；网上核验（由身份核验服务确认姓名和号码属于同一个在世的人）；窗口核验（工作人员当面查看您的身份证）。网上秒批和电子证照需要核验过的身份。", "實名資訊有三個等級：自行填寫（只校驗號碼格式）；網上核驗（由身分核驗服務確認姓名和號碼屬於同一個在世的人）；窗口核驗（工作人員當面查看您的身分證）。網上秒批和電子證照需要核驗過的身分。", "There are three levels: self-declared (only the number's format is checked); verified online (the identity service confirms the name and number belong to one living person); verified in person (staff see your ID card at a counter). Instant approval and e-certificates need a verified identity.";
        identity_verify_online: "网上核验", "網上核驗", "Verify online";
        identity_declare_only: "仅填写，暂不核验", "僅填寫，暫不核驗", "Save without verifying";
        identity_counter_hint: "也可以带上身份证到任一政务服务窗口，工作人员当面为您核验。", "也可以帶上身分證到任一政務服務窗口，工作人員當面為您核驗。", "You can also bring your ID card to any service counter, where staff verify it in person.";
        identity_no_provider: "本平台暂未接入网上身份核验服务：请带上身份证到政务服务窗口核验。", "本平台暫未接入網上身分核驗服務：請帶上身分證到政務服務窗口核驗。", "Online identity checks are not available here: please bring your ID card to a service counter.";
        identity_locked_note: "您的身份已核验并锁定。如需更改，请重新网上核验，或到窗口办理；更改会记录在案，已发的电子证照会交由发证部门复核。", "您的身分已核驗並鎖定。如需更改，請重新網上核驗，或到窗口辦理；更改會記錄在案，已發的電子證照會交由發證部門複核。", "Your identity is verified and locked. To change it, verify online again or at a counter; the change is recorded and certificates already issued are reviewed by their issuers.";
        identity_declared_done: "已保存。这是自行填写的身份，网上秒批和电子证照需要核验。", "已儲存。這是自行填寫的身分，網上秒批和電子證照需要核驗。", "Saved. This identity is self-declared; instant approval and e-certificates need it verified.";
        counter_verify_title: "窗口核验身份", "窗口核驗身分", "Verify identity at the counter";
        counter_verify_intro: "请当面查看群众的居民身份证原件，核对照片与本人一致后，按身份证填写。核验会记录您的姓名和办理地点，并告知本人。", "請當面查看群眾的居民身分證原件，核對照片與本人一致後，按身分證填寫。核驗會記錄您的姓名和辦理地點，並告知本人。", "Look at the citizen's original resident ID card, check the photo against the person, then enter the details as on the card. Your name and the place are recorded, and the citizen is told.";
        counter_phone_label: "群众注册的手机号", "群眾註冊的手機號", "The citizen's registered mobile number";
        counter_place_label: "办理地点", "辦理地點", "Where";
        counter_place_hint: "例如：广安区政务服务中心3号窗口", "例如：廣安區政務服務中心3號窗口", "For example: Guang'an District service centre, counter 3";
        counter_verify_submit: "确认已核验", "確認已核驗", "Confirm verified";
        counter_verified_done: "已完成窗口核验，本人会收到通知。", "已完成窗口核驗，本人會收到通知。", "Verified in person; the citizen has been told.";
        conflicts_title: "身份证号冲突", "身分證號衝突", "ID number conflicts";
        conflicts_intro: "两个账号声称同一个身份证号。核对后选择谁保留：另一方的身份信息会被清除，其电子证照交由发证部门复核；双方都能在个人数据查阅记录中看到处理结果。", "兩個帳號聲稱同一個身分證號。核對後選擇誰保留：另一方的身分資訊會被清除，其電子證照交由發證部門複核；雙方都能在個人資料查閱記錄中看到處理結果。", "Two accounts claim one ID number. Decide who keeps it: the other's identity is removed and their certificates are reviewed by their issuers; both see the outcome in their access log.";
        conflicts_none: "没有待处理的冲突。", "沒有待處理的衝突。", "No open conflicts.";
        conflict_claimant: "后来声称的账号", "後來聲稱的帳號", "Later claim";
        conflict_holder: "已有的账号", "已有的帳號", "Existing claim";
        conflict_keep_holder: "保留已有的账号", "保留已有的帳號", "Keep the existing claim";
        conflict_keep_claimant: "保留后来的账号", "保留後來的帳號", "Keep the later claim";
        conflict_dismiss: "两个都保留", "兩個都保留", "Keep both";
        verify_title: "实名认证", "實名認證", "Verify your real name";
        verify_intro: "请填写与居民身份证一致的姓名和号码。我们会校验号码的格式、出生日期和地区码。您的信息加密保存，工作人员每次查看都会记录，您可以在“个人数据查阅记录”中看到。", "請填寫與居民身分證一致的姓名和號碼。我們會校驗號碼的格式、出生日期和地區碼。您的資訊加密保存，工作人員每次查看都會記錄，您可以在「個人資料查閱記錄」中看到。", "Enter your name and number exactly as on your resident ID card. We check the number's format, birth date and region code. Your details are stored encrypted; every time staff view them it is recorded, and you can see it under \"Who viewed my data\".";
        verify_name_hint: "例如：张三", "例如：張三", "For example: 张三";
        verify_id_hint: "18位，最后一位可能是X", "18位，最後一位可能是X", "18 characters; the last may be X";
        verify_submit: "提交认证", "提交認證", "Verify";
        already_verified: "您已完成实名认证。", "您已完成實名認證。", "You have already verified your real name.";
        password_title: "修改密码", "修改密碼", "Change password";
        current_password_label: "当前密码", "目前密碼", "Current password";
        messages_title: "我的消息", "我的消息", "My messages";
        mark_read: "标为已读", "標為已讀", "Mark as read";
        mark_all_read: "全部标为已读", "全部標為已讀", "Mark all as read";
        unread: "未读", "未讀", "Unread";
        access_log_title: "个人数据查阅记录", "個人資料查閱記錄", "Who viewed my data";
        access_log_intro: "工作人员每次查看您的个人信息都会留下记录。如有疑问，可拨打政务服务热线12345。", "工作人員每次查看您的個人資訊都會留下記錄。如有疑問，可撥打政務服務熱線12345。", "Every time staff view your personal details, it is recorded here. Questions? Call the government service line 12345.";
        access_log_when: "时间", "時間", "When";
        access_log_who: "查阅人", "查閱人", "Who";
        access_log_org: "单位", "單位", "Office";
        access_log_what: "内容", "內容", "What";
        access_log_empty: "还没有工作人员查看过您的个人信息。", "還沒有工作人員查看過您的個人資訊。", "No staff member has viewed your personal details.";
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
        enterprise_agents: "经办人", "經辦人", "Agents";
        enterprise_authorise: "授权经办人", "授權經辦人", "Authorise an agent";
        enterprise_authorise_hint: "经办人须已注册并完成实名认证", "經辦人須已註冊並完成實名認證", "The agent must be registered and real-name verified";
        enterprise_revoke: "取消授权", "取消授權", "Revoke";
        in_force: "有效", "有效", "In force";
        not_in_force: "已失效", "已失效", "Ended";
        no_enterprises: "您还没有关联的企业。", "您還沒有關聯的企業。", "You are not linked to any enterprise yet.";
        console_login_title: "工作人员登录", "工作人員登入", "Staff login";
        username_label: "用户名", "用戶名", "User name";
        totp_label: "动态口令", "動態口令", "Authenticator code";
        totp_hint: "手机验证器上的6位数字。首次登录可不填。", "手機驗證器上的6位數字。首次登入可不填。", "The 6 digits in your authenticator app. Leave empty at first login.";
        enrol_title: "绑定手机验证器", "綁定手機驗證器", "Link an authenticator app";
        enrol_intro: "用手机上的验证器（如“腾讯身份验证器”、Google Authenticator、Microsoft Authenticator）扫描下面的二维码，再输入它显示的6位数字。", "用手機上的驗證器（如「騰訊身分驗證器」、Google Authenticator、Microsoft Authenticator）掃描下面的二維碼，再輸入它顯示的6位數字。", "Scan the QR code with an authenticator app (for example Google Authenticator or Microsoft Authenticator), then enter the 6 digits it shows.";
        enrol_secret: "无法扫码时，手动输入密钥：", "無法掃碼時，手動輸入密鑰：", "If you cannot scan, type this key:";
        enrol_qr_alt: "验证器绑定二维码", "驗證器綁定二維碼", "QR code for linking an authenticator";
        console_staff: "工作人员", "工作人員", "Staff";
        console_citizen_lookup: "查询群众", "查詢群眾", "Find a citizen";
        new_staff: "新建工作人员", "新建工作人員", "New staff member";
        display_name_label: "姓名", "姓名", "Name";
        initial_password_label: "初始密码", "初始密碼", "Initial password";
        no_department: "（不限部门）", "（不限部門）", "(all departments)";
        grants_title: "角色授权", "角色授權", "Roles";
        add_grant: "添加角色", "新增角色", "Add role";
        active_label: "正常", "正常", "Active";
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
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_text_is_translated() {
        yiwang_kit::i18n::check_texts(super::ALL_MESSAGES);
    }
}
