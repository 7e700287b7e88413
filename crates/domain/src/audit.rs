//! The audit log (PRODUCT.md OPS-3, ACC-4): every staff action, and every staff read of a
//! citizen's personal data, with who, when, what and on whom.

crate::stable_names! {
    /// What was done. Stable names, stored and searchable.
    pub enum AuditAction {
        /// A staff member logged in.
        StaffLogin = "staff_login",
        /// A staff member linked an authenticator app.
        TotpEnrolled = "totp_enrolled",
        /// A staff member changed their own password.
        PasswordChanged = "password_changed",
        /// A staff account was created.
        StaffCreated = "staff_created",
        /// A role was granted to a staff member.
        RoleGranted = "role_granted",
        /// A role was taken away.
        RoleRevoked = "role_revoked",
        /// A staff account was disabled.
        StaffDisabled = "staff_disabled",
        /// A department was created.
        DepartmentCreated = "department_created",
        /// A department was edited.
        DepartmentUpdated = "department_updated",
        /// A community was added under a street.
        RegionCreated = "region_created",
        /// Staff searched for a citizen by phone or ID number.
        CitizenLookup = "citizen_lookup",
        /// Staff read a citizen's personal data (the citizen sees these on their access page).
        PersonalDataRead = "personal_data_read",
        /// A failed job was put back in the queue.
        JobRetried = "job_retried",
        /// A system client was registered.
        ApiClientCreated = "api_client_created",
        /// Staff read the development SMS/email outbox.
        DevOutboxRead = "dev_outbox_read",
        /// Staff searched the audit log itself.
        AuditSearched = "audit_searched",
        /// A service item was created.
        ItemCreated = "item_created",
        /// A service item was edited (a new version published).
        ItemUpdated = "item_updated",
        /// A service item was withdrawn.
        ItemWithdrawn = "item_withdrawn",
        /// The catalogue was imported from a file.
        CatalogImported = "catalog_imported",
        /// A life-event checklist was changed.
        LifeEventEdited = "life_event_edited",
        /// The search alias list was changed.
        SearchAliasesEdited = "search_aliases_edited",
        /// A staff member moved a case on (accepted, returned, decided, delivered, transferred…).
        CaseAction = "case_action",
        /// A staff member opened a case's answers and files (shown to the applicant).
        CaseRead = "case_read",
        /// A staff member applied on a citizen's behalf with their consent (帮办代办).
        AssistedApplication = "assisted_application",
        /// An item's online form, workflow or rules were published.
        FormPublished = "form_published",
        /// The official holiday calendar was loaded or extended.
        CalendarLoaded = "calendar_loaded",
        /// A certificate was revoked.
        CertificateRevoked = "certificate_revoked",
        /// A department's certificate signing key was replaced (the old one stays published).
        SigningKeyRotated = "signing_key_rotated",
        /// A person's identity was recorded or verified (by the provider, or by a clerk who saw
        /// the ID card), or changed by a new verification.
        IdentityVerified = "identity_verified",
        /// A platform admin resolved two accounts' claims to one ID number.
        IdentityConflictResolved = "identity_conflict_resolved",
        /// A certificate type's register changed (a type, or a department allowed to issue it).
        CertificateTypeChanged = "certificate_type_changed",
        /// An issuer reviewed a certificate whose holder's identity changed, and kept it.
        CertificateReviewed = "certificate_reviewed",
        /// A staff member opened an inquiry with the asker's details (INQ-2…4).
        InquiryRead = "inquiry_read",
        /// A hotline operator recorded a call on the caller's behalf (INQ-1).
        InquiryRecorded = "inquiry_recorded",
        /// Inquiry categories, routing rules, limits or Open311 clients changed (INQ-1, 2, 5).
        InquirySettingsChanged = "inquiry_settings_changed",
        /// A staff member published an answered inquiry on the public board, masked (INQ-4).
        InquiryPublished = "inquiry_published",
        /// An article or policy document was created, edited, sent to review, approved,
        /// scheduled, sent back, published, corrected or withdrawn (PUB-1…3).
        DocumentChanged = "document_changed",
        /// An emergency alert was issued, approved (red), or lifted (PUB-7).
        AlertIssued = "alert_issued",
        /// A bill was created, by staff or a collecting unit's system, or cancelled (SVC-1).
        BillChanged = "bill_changed",
        /// A payment was recorded in the ledger, by the provider's word or by a finance
        /// officer resolving a reconciliation difference (SVC-1).
        PaymentRecorded = "payment_recorded",
        /// A refund was asked of the provider (SVC-1).
        RefundRequested = "refund_requested",
        /// A day's reconciliation was run (SVC-1).
        ReconciliationRun = "reconciliation_run",
        /// A place's appointment capacity was published or changed: desks, templates,
        /// closures, booking rules (SVC-2).
        BookingCapacityChanged = "booking_capacity_changed",
        /// A booking was checked in at the counter or marked as a no-show (SVC-2).
        BookingServed = "booking_served",
        /// A source system pushed personal records (one entry per push or batch, SVC-3).
        RecordsPushed = "records_pushed",
        /// Staff or a source system read a person's records (the person sees it, SVC-3).
        RecordRead = "record_read",
        /// Record types or record sources were defined or changed (SVC-3).
        RecordSettingsChanged = "record_settings_changed",
        /// A clerk recorded that a verified citizen is a child's guardian (SVC-3).
        GuardianLinked = "guardian_linked",
        /// A dataset was created, edited, given a resource, a column type or published
        /// (DATA-1).
        DatasetChanged = "dataset_changed",
        /// A merchant of local life was registered, approved, refused or suspended (LIFE-1).
        MerchantVetted = "merchant_vetted",
        /// A region's portal was edited: its page, a project, its policies or indicators
        /// (REG-1, REG-2).
        PortalChanged = "portal_changed",
        /// An investor asked a region's investment office (REG-2).
        InvestmentAsked = "investment_asked",
        /// An investment office answered an investor (REG-2).
        InvestmentAnswered = "investment_answered",
        /// An investment office's staff read an investor's inquiry with their contact details
        /// (REG-2; a personal-data read the investor sees).
        InvestmentContactRead = "investment_contact_read",
        /// A system people sign in to (an OpenID Connect client) was registered, changed,
        /// given a new secret or disabled (ACC-3).
        SsoClientChanged = "sso_client_changed",
        /// The provider's signing key was rotated (ACC-3).
        SsoKeyRotated = "sso_key_rotated",
        /// A system received the person's name, phone or ID number when they signed in to it
        /// (ACC-3, on the person's access log).
        SsoClaimsShared = "sso_claims_shared",
    }
}

/// Reads of one case by one staff member within this long of an earlier read that showed at
/// least as much are one access: one entry in the citizen's access log (ACC-4), not one per
/// page view, reload, step taken or file opened.
pub const ONE_ACCESS: std::time::Duration = std::time::Duration::from_secs(30 * 60);

/// Whether an access that read the fields `listed` already covers a read of `wanted`.
pub fn covers<S: AsRef<str>>(listed: &[S], wanted: &[&str]) -> bool {
    wanted
        .iter()
        .all(|w| listed.iter().any(|l| l.as_ref() == *w))
}

impl AuditAction {
    /// Whether the entry is a read of someone's personal data, shown to that person (ACC-4).
    pub fn is_personal_data_read(self) -> bool {
        matches!(
            self,
            AuditAction::PersonalDataRead
                | AuditAction::CitizenLookup
                | AuditAction::CaseRead
                | AuditAction::AssistedApplication
                | AuditAction::IdentityVerified
                | AuditAction::IdentityConflictResolved
                | AuditAction::InquiryRead
                | AuditAction::RecordRead
                | AuditAction::InvestmentContactRead
                | AuditAction::SsoClaimsShared
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_access_covers_what_it_read_and_nothing_more() {
        let page = ["answers", "files", "real_name"];
        assert!(covers(&page, &["files"]));
        assert!(covers(&page, &[]));
        assert!(!covers(&["files"], &["answers", "files"]));
        assert!(!covers::<&str>(&[], &["files"]));
    }

    #[test]
    fn names_round_trip() {
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::parse(a.as_str()), Some(a));
            assert_eq!(serde_json::to_value(a).unwrap(), a.as_str());
        }
    }
}
