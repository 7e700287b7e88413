//! Permissions, and which roles hold them. A module adds its permissions here, next to the
//! table that grants them, so that one place answers "who can do this?".

use super::Role;

crate::stable_names! {
    /// Something a staff member or system client may be allowed to do.
    pub enum Permission {
        /// Open the staff console at all.
        ConsoleAccess = "console_access",
        /// Create departments.
        CreateDepartments = "create_departments",
        /// Edit a department's details.
        EditDepartment = "edit_department",
        /// Create staff accounts and change their roles.
        ManageStaff = "manage_staff",
        /// Add communities under streets and rename regions.
        ManageRegions = "manage_regions",
        /// Search the audit log.
        ReadAudit = "read_audit",
        /// Look up a citizen by phone or ID number and read their details (audited).
        LookupCitizen = "lookup_citizen",
        /// See and retry failed background jobs.
        ManageJobs = "manage_jobs",
        /// Read messages recorded by the development SMS and email senders.
        ReadDevOutbox = "read_dev_outbox",
        /// Register system clients and issue their tokens.
        ManageApiClients = "manage_api_clients",
        /// Read the platform's regions and departments through the API (system clients).
        ReadDirectory = "read_directory",
        /// Create, edit and withdraw the service items of a department (CAT-1, CAT-4).
        EditItems = "edit_items",
        /// Import and export the whole catalogue.
        ImportCatalog = "import_catalog",
        /// Curate life-event checklists and the search alias list.
        CurateCatalog = "curate_catalog",
    }
}

impl Permission {
    /// Whether `role` carries this permission (within the role's scope).
    pub fn granted_to(self, role: Role) -> bool {
        use Permission as P;
        use Role as R;
        match self {
            P::ReadDirectory => true,
            P::ConsoleAccess => role != R::Observer,
            P::CreateDepartments
            | P::ManageRegions
            | P::ManageJobs
            | P::ReadDevOutbox
            | P::ManageApiClients
            | P::ImportCatalog
            | P::CurateCatalog => role == R::PlatformAdmin,
            P::EditDepartment | P::ManageStaff | P::EditItems => {
                matches!(role, R::DeptAdmin | R::PlatformAdmin)
            }
            P::ReadAudit => matches!(role, R::DeptAdmin | R::Supervisor | R::PlatformAdmin),
            P::LookupCitizen => {
                matches!(
                    role,
                    R::WindowClerk | R::Reviewer | R::DeptAdmin | R::PlatformAdmin
                )
            }
        }
    }
}
