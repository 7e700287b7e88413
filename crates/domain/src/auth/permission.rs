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
        /// Work a department's case queue: pre-check, review and decide as the item's
        /// workflow allows the role (APP-3).
        HandleCases = "handle_cases",
        /// See a region's overdue cases and escalate them (督办, APP-4).
        SuperviseCases = "supervise_cases",
        /// Build, preview and publish an item's online form, workflow and rules (APP-1, 5).
        EditForms = "edit_forms",
        /// Apply on behalf of a citizen who consents (帮办代办, APP-8).
        AssistApplicants = "assist_applicants",
        /// Revoke issued certificates and rotate the department's signing key (CERT-1, 3).
        ManageCertificates = "manage_certificates",
        /// Load and extend the official holiday calendar (APP-4).
        ManageCalendar = "manage_calendar",
        /// Verify a citizen's identity at a counter, having seen their ID card (ACC-1).
        VerifyIdentityInPerson = "verify_identity_in_person",
        /// Resolve two accounts' claims to one ID number (ACC-1).
        ResolveIdentityConflicts = "resolve_identity_conflicts",
        /// Keep the register of certificate types and the departments that may issue each
        /// (CERT-1).
        ManageCertificateTypes = "manage_certificate_types",
        /// Record an inquiry on a caller's behalf (12345 hotline, a counter) (INQ-1).
        RecordInquiries = "record_inquiries",
        /// Work a region's dispatch desk: send inquiries to departments, merge duplicates
        /// (INQ-2).
        DispatchInquiries = "dispatch_inquiries",
        /// Work a department's inquiries: acknowledge, handle, transfer, reply (INQ-2…4).
        HandleInquiries = "handle_inquiries",
        /// Review a department's replies before they are sent (INQ-4).
        ReviewInquiryReplies = "review_inquiry_replies",
        /// See a region's late and reopened inquiries, transfer past the limit, answer
        /// petitioners' reviews (INQ-3, INQ-4).
        SuperviseInquiries = "supervise_inquiries",
        /// Edit inquiry categories, routing rules and limits, and register Open311 clients
        /// (INQ-1, INQ-2, INQ-5).
        ManageInquiries = "manage_inquiries",
        /// Write articles and policy documents and send them to review (PUB-1…3).
        WriteDocuments = "write_documents",
        /// Approve, schedule, send back, correct and withdraw documents (PUB-2).
        ReviewDocuments = "review_documents",
        /// Issue, approve (another officer's red alert), correct and lift emergency alerts
        /// for a region (PUB-7).
        IssueAlerts = "issue_alerts",
        /// Answer a department's requests for government information (依申请公开, PUB-3).
        AnswerDisclosure = "answer_disclosure",
        /// Add, rename, nest and order the news columns (PUB-1).
        ManageColumns = "manage_columns",
        /// Create and cancel bills, see payments, refund, reconcile (SVC-1).
        ManagePayments = "manage_payments",
        /// Publish a place's appointment capacity: desks, templates, closures, and see its
        /// utilisation (SVC-2, the hall manager).
        ManageBookings = "manage_bookings",
        /// Serve a place's appointments: the day's list, check-in by code, no-shows (SVC-2).
        ServeBookings = "serve_bookings",
        /// Set the deployment's booking rules: how far ahead, how many open bookings, the
        /// cancelling cut-off and the no-show limit (SVC-2; platform administrators).
        SetBookingRules = "set_booking_rules",
        /// Push personal records of the types a source is allowed (system clients registered
        /// as record sources, SVC-3).
        PushRecords = "push_records",
        /// Read a person's records, giving a reason the person sees (SVC-3, ACC-4).
        ReadRecords = "read_records",
        /// Define record types and register record sources (SVC-3).
        ManageRecords = "manage_records",
        /// Keep a department's open datasets: create and edit them, add links and CSV files
        /// to the datastore, set column types, publish (DATA-1, the data steward).
        PublishData = "publish_data",
        /// Register, approve, refuse and suspend the merchants of local life (locksmiths,
        /// housekeeping, repairs) of the licensing department, in its region (LIFE-1).
        VetMerchants = "vet_merchants",
        /// Edit a region's portal (云上区县): introduction, leaders, contacts, projects seeking
        /// investment, preferential policies, economic indicators, the investment office
        /// (REG-1, REG-2; editors granted a region, narrowed to regions inside it).
        EditPortal = "edit_portal",
        /// Answer investors' inquiries sent to a department named as a region's investment
        /// office (REG-2).
        AnswerInvestment = "answer_investment",
        /// Register the government systems people sign in to with their Yiwang account
        /// (OpenID Connect clients) and rotate the provider's signing keys (ACC-3).
        ManageSso = "manage_sso",
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
            | P::CurateCatalog
            | P::ManageCalendar
            | P::ResolveIdentityConflicts
            | P::ManageCertificateTypes
            | P::ManageInquiries
            | P::ManageColumns
            | P::SetBookingRules
            | P::ManageRecords => role == R::PlatformAdmin,
            P::PushRecords => role == R::Observer,
            P::ReadRecords => matches!(role, R::WindowClerk | R::Reviewer | R::DeptAdmin),
            P::RecordInquiries => matches!(role, R::Dispatcher | R::WindowClerk),
            P::WriteDocuments => matches!(role, R::Editor | R::DeptAdmin | R::PlatformAdmin),
            P::ReviewDocuments => matches!(role, R::DeptAdmin | R::PlatformAdmin),
            P::IssueAlerts => matches!(role, R::DutyOfficer | R::PlatformAdmin),
            P::AnswerDisclosure => matches!(role, R::Reviewer | R::DeptAdmin),
            P::DispatchInquiries => matches!(role, R::Dispatcher | R::Supervisor),
            P::HandleInquiries => matches!(role, R::WindowClerk | R::Reviewer | R::DeptAdmin),
            P::ReviewInquiryReplies => role == R::DeptAdmin,
            P::SuperviseInquiries => matches!(role, R::Supervisor | R::PlatformAdmin),
            P::VerifyIdentityInPerson => {
                matches!(role, R::WindowClerk | R::DeptAdmin | R::PlatformAdmin)
            }
            P::HandleCases => matches!(role, R::WindowClerk | R::Reviewer | R::DeptAdmin),
            P::AssistApplicants => matches!(role, R::WindowClerk | R::DeptAdmin),
            P::SuperviseCases => matches!(role, R::Supervisor | R::PlatformAdmin),
            P::EditDepartment
            | P::ManageStaff
            | P::EditItems
            | P::EditForms
            | P::ManageCertificates => {
                matches!(role, R::DeptAdmin | R::PlatformAdmin)
            }
            P::ManagePayments => matches!(role, R::FinanceOfficer | R::PlatformAdmin),
            P::ManageBookings => matches!(role, R::DeptAdmin | R::PlatformAdmin),
            P::PublishData => matches!(role, R::Editor | R::DeptAdmin | R::PlatformAdmin),
            P::VetMerchants => matches!(role, R::DeptAdmin | R::PlatformAdmin),
            P::EditPortal => matches!(role, R::Editor | R::PlatformAdmin),
            P::AnswerInvestment => matches!(role, R::Reviewer | R::DeptAdmin),
            P::ManageSso => matches!(role, R::PlatformAdmin),
            P::ServeBookings => matches!(role, R::WindowClerk | R::DeptAdmin),
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
