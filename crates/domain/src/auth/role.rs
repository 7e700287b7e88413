//! Staff roles (PRODUCT.md ACC-2).

crate::stable_names! {
    /// A staff role. A person may hold several, each in its own scope.
    pub enum Role {
        /// 窗口人员: counter, community-centre or bank-branch staff who receive and assist.
        WindowClerk = "window_clerk",
        /// 审核人员: department staff who review and decide.
        Reviewer = "reviewer",
        /// 部门管理员: manages a department's details, staff and content.
        DeptAdmin = "dept_admin",
        /// 派单员 / 12345 话务员: the dispatch desk of a region — records hotline calls, sends
        /// inquiries to departments, merges duplicates.
        Dispatcher = "dispatcher",
        /// 督办人员: sees what is late in a region, escalates.
        Supervisor = "supervisor",
        /// 编辑: writes articles and policy documents for a region or a department
        /// (PUB-1…3); a reviewer publishes them.
        Editor = "editor",
        /// 应急值班员: issues emergency alerts for a region (PUB-7); a red alert needs a
        /// second officer's approval.
        DutyOfficer = "duty_officer",
        /// 平台管理员: regions, departments, users, configuration.
        PlatformAdmin = "platform_admin",
        /// 系统: every system client's role; opens no console. It reads the directory and may
        /// push personal records, which the use case allows only to a client an admin registered
        /// as a record source, for the types it was allowed (SVC-3).
        Observer = "observer",
        /// 财务人员: creates bills for collecting units, sees payments, refunds, reconciles
        /// the provider's statement with the ledger (SVC-1). Also held by a collecting unit's
        /// system client, which may create bills for its own unit only.
        FinanceOfficer = "finance_officer",
    }
}

impl Role {
    /// Whether a grant of this role names a department. Supervisors and platform admins work
    /// across departments in their region; the others belong to one department.
    pub fn needs_department(self) -> bool {
        matches!(self, Role::WindowClerk | Role::Reviewer | Role::DeptAdmin)
    }
}
