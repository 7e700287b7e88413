//! Texts of the console's own pages: overview, audit log, jobs, system clients, development messages.

yiwang_kit::texts! {
    /// The texts of this capability's pages.
    pub trait ConsoleTexts {
        console_overview: "概况", "概況", "Overview";
        console_citizens: "注册用户", "註冊用戶", "Registered citizens";
        console_sessions: "在线会话", "在線會話", "Active sessions";
        console_waiting: "等您处理", "等您處理", "Waiting for you";
        console_dead_jobs: "失败任务", "失敗任務", "Failed jobs";
        console_outbox_lag: "消息积压", "消息積壓", "Message backlog";
        console_my_roles: "我的角色", "我的角色", "My roles";
        console_audit: "审计日志", "審計日誌", "Audit log";
        console_jobs: "后台任务", "後台任務", "Background jobs";
        console_clients: "接入系统", "接入系統", "System clients";
        console_dev_messages: "开发模式消息", "開發模式消息", "Development messages";
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
        dev_messages_intro: "没有配置短信网关时，短信和邮件记录在这里，不会真实发送。", "沒有配置簡訊閘道時，簡訊和郵件記錄在這裡，不會真實發送。", "Without an SMS gateway, texts and emails are recorded here instead of being sent.";
        dev_messages_phone: "只看这个号码", "只看這個號碼", "Only this number";
        recipient: "接收人", "接收人", "To";
        content: "内容", "內容", "Content";
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_text_is_translated() {
        yiwang_kit::i18n::check_texts(super::ALL_MESSAGES);
    }
}
