//! Texts of the account pages: registration, login, reset, profile, messages, access log, enterprises; and of staff login, enrolment, staff management and citizen lookup in the console.

yiwang_kit::texts! {
    /// The texts of this capability's pages.
    pub trait AccountTexts {
        register_title: "注册账号", "註冊帳號", "Create an account";
        register_intro: "用手机号注册。我们会发送一条短信验证码，证明这个号码是您的。", "用手機號註冊。我們會發送一條短信驗證碼，證明這個號碼是您的。", "Register with your mobile number. We will text you a code to prove the number is yours.";
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
        login_title: "登录", "登錄", "Log in";
        no_account: "还没有账号？", "還沒有帳號？", "No account yet?";
        forgot_password: "忘记密码", "忘記密碼", "Forgot your password?";
        session_expired_notice: "您已较长时间未操作，为保护您的信息已自动退出，请重新登录。", "您已較長時間未操作，為保護您的資訊已自動登出，請重新登錄。", "You were logged out after a period of inactivity to protect your information. Please log in again.";
        logged_out_notice: "您已安全退出。", "您已安全登出。", "You have logged out.";
        password_reset_done: "密码已重置，请用新密码登录。", "密碼已重設，請用新密碼登錄。", "Your password was reset. Log in with the new password.";
        login_required_notice: "请先登录。", "請先登錄。", "Please log in first.";
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
        read_answers: "申请表内容", "申請表內容", "application answers";
        read_files: "上传的材料", "上傳的材料", "uploaded files";
        read_real_name: "姓名", "姓名", "name";
        read_id_number: "身份证号", "身分證號", "ID number";
        read_phone: "手机号码", "手機號碼", "mobile number";
        read_separator: "、", "、", ", ";
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
        enterprise_authorise_hint: "对方须已实名认证，并在自己的“我的企业”中接受邀请后，才会成为经办人", "對方須已實名認證，並在自己的「我的企業」中接受邀請後，才會成為經辦人", "The person must be real-name verified, and becomes an agent once they accept under \"My enterprises\"";
        enterprise_invited: "如果这个号码属于一位已实名认证的市民，我们已请对方接受邀请。对方接受后，会出现在经办人列表中。", "如果這個號碼屬於一位已實名認證的市民，我們已請對方接受邀請。對方接受後，會出現在經辦人列表中。", "If this number belongs to a verified citizen, they have been asked to accept. Once they do, they appear in the list of agents.";
        invitations_title: "等待您答复的邀请", "等待您答覆的邀請", "Invitations waiting for your answer";
        invitation_from: "请您作为经办人：", "請您作為經辦人：", "Asks you to act as its agent:";
        invitation_accept: "接受", "接受", "Accept";
        invitation_decline: "拒绝", "拒絕", "Decline";
        enterprise_revoke: "取消授权", "取消授權", "Revoke";
        in_force: "有效", "有效", "In force";
        not_in_force: "已失效", "已失效", "Ended";
        no_enterprises: "您还没有关联的企业。", "您還沒有關聯的企業。", "You are not linked to any enterprise yet.";
        console_login_title: "工作人员登录", "工作人員登錄", "Staff login";
        username_label: "用户名", "用戶名", "User name";
        totp_label: "动态口令", "動態口令", "Authenticator code";
        staff_login_failed: "账号或密码不正确，或者动态口令不正确、已使用过。", "帳號或密碼不正確，或者動態口令不正確、已使用過。", "The account or password is wrong, or the authenticator code is wrong or was already used.";
        totp_hint: "手机验证器上的6位数字。首次登录可不填。", "手機驗證器上的6位數字。首次登錄可不填。", "The 6 digits in your authenticator app. Leave empty at first login.";
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
        lookup_found: "找到了这个账号。查看其信息会以上面的事由记入审计日志，并告知本人。", "找到了這個帳號。查看其資訊會以上面的事由記入審計日誌，並告知本人。", "An account was found. Viewing its details is recorded in the audit log with the reason above, and shown to the citizen.";
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
