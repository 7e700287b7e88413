//! The platform's one error vocabulary. Every failure a user or client can see has a stable
//! snake_case code (never renamed once shipped: apps and scripts match on it) and, for form
//! input, field-level codes that the web layer translates into plain words.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;

crate::stable_names! {
    /// A stable error code (never renamed once shipped: apps and scripts match on it).
    pub enum ErrorCode {
        /// Some input fields are invalid; see the field errors.
        ValidationFailed = "validation_failed",
        /// The thing does not exist, or the caller may not know that it exists.
        NotFound = "not_found",
        /// The caller must log in.
        Unauthenticated = "unauthenticated",
        /// The session ended (idle or absolute timeout); log in again.
        SessionExpired = "session_expired",
        /// The caller is logged in but may not do this.
        Forbidden = "forbidden",
        /// The anti-forgery token was missing or wrong.
        CsrfFailed = "csrf_failed",
        /// The login name or password is wrong. Never says which.
        InvalidCredentials = "invalid_credentials",
        /// The staff account needs its authenticator code.
        TotpRequired = "totp_required",
        /// The authenticator code is wrong or was already used.
        InvalidTotp = "invalid_totp",
        /// Too many failed logins: the account is locked for a while.
        AccountLocked = "account_locked",
        /// Too many requests from this client; try again later.
        RateLimited = "rate_limited",
        /// The change conflicts with the current state (e.g. someone else changed it first).
        Conflict = "conflict",
        /// The one-time SMS code is wrong, used or expired.
        CodeInvalid = "code_invalid",
        /// The request body is not valid JSON (or not UTF-8).
        MalformedJson = "malformed_json",
        /// The request body is well-formed but does not match the expected shape.
        InvalidBody = "invalid_body",
        /// The request's Content-Type is not accepted here.
        UnsupportedMediaType = "unsupported_media_type",
        /// The request body is too large.
        PayloadTooLarge = "payload_too_large",
        /// The HTTP method is not allowed on this path.
        MethodNotAllowed = "method_not_allowed",
        /// The query string is invalid.
        InvalidQuery = "invalid_query",
        /// A paging parameter is out of range.
        InvalidPaging = "invalid_paging",
        /// A dependency (the database) is unavailable.
        Unavailable = "unavailable",
        /// Something failed inside the platform; it has been logged.
        Internal = "internal",
        /// The case is not in a state where this action is allowed (e.g. approving a withdrawn
        /// application).
        InvalidTransition = "invalid_transition",
        /// The form was changed or replaced since this page or draft was opened, or the form
        /// version sent does not belong to the item.
        FormChanged = "form_changed",
        /// The draft is too old and was removed; start again.
        DraftExpired = "draft_expired",
        /// The idempotency key was already used for a different request.
        IdempotencyKeyReused = "idempotency_key_reused",
        /// The citizen's consent to assisted handling is not in force (not yet given, lapsed,
        /// spent on an application, or closed).
        ConsentNotGranted = "consent_not_granted",
        /// A signed link (an unsubscribe link in an email) was altered or made up.
        LinkInvalid = "link_invalid",
        /// A verified identity cannot be replaced by a self-declared one: changing it takes a
        /// new verification, by the identity provider or at a counter.
        IdentityLocked = "identity_locked",
        /// The identity cannot be settled online (the number is verified on another account,
        /// or the provider could not confirm it): the person verifies at a counter.
        IdentityNeedsCounter = "identity_needs_counter",
        /// The applicant's identity is below what the item requires for this step (a
        /// certificate, an approval by the platform).
        IdentityBelowRequired = "identity_below_required",
        /// An inquiry was passed on as many times as departments may: a supervisor decides
        /// where it goes now.
        TransferLimitReached = "transfer_limit_reached",
        /// The time for this step is over (a verdict on a reply after its window, a review
        /// asked for too late).
        WindowClosed = "window_closed",
    }
}

crate::stable_names! {
    /// Why one input field was rejected; the web layer turns each into a plain sentence in the
    /// reader's language.
    pub enum FieldCode {
        /// The field must be filled in.
        Required = "required",
        /// The text is longer than allowed.
        TooLong = "too_long",
        /// The text is shorter than allowed.
        TooShort = "too_short",
        /// The value contains characters that are not allowed here.
        InvalidCharacters = "invalid_characters",
        /// Not an 11-digit mainland mobile number.
        InvalidPhone = "invalid_phone",
        /// A resident ID number must have 18 characters.
        IdNumberLength = "id_number_length",
        /// The ID number's last character does not match (GB 11643-1999 check digit).
        IdNumberChecksum = "id_number_checksum",
        /// The birth date inside the ID number is not a real date, or is in the future.
        IdNumberBirthDate = "id_number_birth_date",
        /// The region code at the start of the ID number is unknown.
        IdNumberRegion = "id_number_region",
        /// The ID number is already verified by another account.
        IdNumberTaken = "id_number_taken",
        /// Not a valid unified social credit code (GB 32100-2015).
        InvalidCreditCode = "invalid_credit_code",
        /// Not a bank card number: 12–19 digits with a Luhn check digit.
        InvalidBankCard = "invalid_bank_card",
        /// The password is too short.
        PasswordTooShort = "password_too_short",
        /// The password is too long.
        PasswordTooLong = "password_too_long",
        /// The password is too easy to guess.
        PasswordTooCommon = "password_too_common",
        /// The two passwords differ.
        PasswordMismatch = "password_mismatch",
        /// The current password is wrong.
        PasswordWrong = "password_wrong",
        /// The SMS code is wrong, used or expired.
        CodeInvalid = "code_invalid",
        /// The code must be six digits.
        CodeFormat = "code_format",
        /// Not a known region.
        UnknownRegion = "unknown_region",
        /// The region is not of the right level here.
        WrongRegionLevel = "wrong_region_level",
        /// Not a known department.
        UnknownDepartment = "unknown_department",
        /// Not one of the allowed choices.
        InvalidChoice = "invalid_choice",
        /// The login name is already taken.
        UsernameTaken = "username_taken",
        /// The login name may only use a–z, 0–9, dot, dash and underscore.
        InvalidUsername = "invalid_username",
        /// The code is already used by another record.
        CodeTaken = "code_taken",
        /// A number or count outside the allowed range.
        OutOfRange = "out_of_range",
        /// The value is not a valid date.
        InvalidDate = "invalid_date",
        /// A telephone number (landline or mobile) is not valid.
        InvalidTelephone = "invalid_telephone",
        /// The name contains characters that a name cannot contain.
        InvalidName = "invalid_name",
        /// This person is already an agent of the enterprise.
        AlreadyAgent = "already_agent",
        /// No account uses this phone number, or it is not real-name verified.
        NoSuchCitizen = "no_such_citizen",
        /// The identity provider says the name and ID number do not belong together.
        IdentityMismatch = "identity_mismatch",
        /// An answer that comes from the account or a certificate was changed; it stays as it
        /// was filled in for the applicant.
        PrefilledChanged = "prefilled_changed",
        /// The department is not registered as an issuer of this certificate type.
        NotAuthorisedIssuer = "not_authorised_issuer",
        /// A line of a list field does not have the expected parts.
        InvalidLine = "invalid_line",
        /// Not a web address (http:// or https://).
        InvalidUrl = "invalid_url",
        /// The promised time limit is longer than the statutory one.
        PromisedOverStatutory = "promised_over_statutory",
        /// Not a known service item.
        UnknownItem = "unknown_item",
        /// An item cannot be its own parent or replacement.
        SelfReference = "self_reference",
        /// Not a number, or more digits after the point than allowed.
        InvalidNumber = "invalid_number",
        /// Fewer choices, entries or files than needed.
        TooFew = "too_few",
        /// More choices, entries or files than allowed.
        TooMany = "too_many",
        /// A file is larger than allowed.
        FileTooLarge = "file_too_large",
        /// A file is not of an accepted kind (judged by its content, not its name).
        FileType = "file_type",
        /// A place outside the area this platform serves (or outside China).
        OutOfArea = "out_of_area",
        /// This kind of inquiry, or this category, may not be asked anonymously.
        AnonymityNotAllowed = "anonymity_not_allowed",
        /// This kind of inquiry, or this category, never goes on the public board.
        PublicationNotAllowed = "publication_not_allowed",
        /// The file is not one of the applicant's uploads (or was removed).
        UnknownFile = "unknown_file",
        /// The date may not be after today.
        DateInFuture = "date_in_future",
        /// The date may not be before today.
        DateInPast = "date_in_past",
        /// A key must be lower-case letters, digits and underscores, starting with a letter.
        InvalidKey = "invalid_key",
        /// The key is used twice.
        DuplicateKey = "duplicate_key",
        /// Refers to a field that does not exist (or comes later).
        UnknownField = "unknown_field",
        /// A picture without a text for people who cannot see it (alt text).
        MissingAltText = "missing_alt_text",
        /// No policy document has this index number.
        UnknownDocument = "unknown_document",
        /// No real-name verified account has this ID number.
        NoAccountForIdNumber = "no_account_for_id_number",
        /// A choice that is not on the list offered.
        UnknownChoice = "unknown_choice",
        /// Not an email address.
        InvalidEmail = "invalid_email",
        /// Columns nest one level: a column with columns in it cannot go inside another.
        NestedTooDeep = "nested_too_deep",
        /// Quiet hours that start when they end.
        QuietHoursEmpty = "quiet_hours_empty",
        /// A push subscription the platform cannot use: not an https push service, or keys
        /// that are not a P-256 public key and a 16-byte secret.
        InvalidPushSubscription = "invalid_push_subscription",
        /// A bill code whose check digit does not match (a digit mistyped, SVC-1).
        BillCodeChecksum = "bill_code_checksum",
        /// An amount with a fraction of a fen (SVC-1: money is whole fen).
        AmountNotWholeFen = "amount_not_whole_fen",
        /// A refund larger than what was paid and not yet refunded (SVC-1).
        RefundOverPaid = "refund_over_paid",
        /// No bill with this code for this payer (another payer's bill, or a wrong name).
        NoSuchBill = "no_such_bill",
        /// The appointment slot has started or is over (SVC-2).
        SlotPast = "slot_past",
        /// The slot is further ahead than bookings may be made (SVC-2).
        TooFarAhead = "too_far_ahead",
        /// Repeated no-shows: booking is blocked for a while (SVC-2).
        BookingBlocked = "booking_blocked",
        /// The account holds as many open bookings as allowed (SVC-2).
        TooManyOpenBookings = "too_many_open_bookings",
        /// Every place of the slot is taken; the waiting list is offered (SVC-2).
        SlotFull = "slot_full",
        /// This person already has a booking (or a place on the waiting list) in this slot.
        AlreadyBooked = "already_booked",
        /// No booking has this check-in code (mistyped, or not a code of this platform).
        UnknownBooking = "unknown_booking",
        /// The appointment is on another day: check-in is on its day only.
        NotBookingDay = "not_booking_day",
        /// The source system is not allowed to push records of this type (SVC-3).
        RecordTypeNotAllowed = "record_type_not_allowed",
        /// No registered person, nor child linked to a guardian, has this ID number and
        /// name (SVC-3).
        UnknownPerson = "unknown_person",
        /// A spreadsheet with macros (VBA), which open data never takes (DATA-1).
        MacrosNotAllowed = "macros_not_allowed",
    }
}

/// One rejected field: which field (its form/JSON name), why, and for list fields which line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field's name as the form or JSON body spells it (for answers to an application
    /// form, a path such as `members[1].name`).
    pub field: Cow<'static, str>,
    /// Why it was rejected.
    pub code: FieldCode,
    /// The 1-based line of a multi-line field, or of an imported file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

/// All the field errors of one submission, in form order, so an error summary can list them
/// all at once (GOV.UK pattern) instead of one per attempt.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    /// No errors yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records that `field` is invalid because of `code`. Only the first error per field is
    /// kept: a reader fixes one thing at a time.
    pub fn add(&mut self, field: &'static str, code: FieldCode) {
        if !self.0.iter().any(|e| e.field == field) {
            self.0.push(FieldError {
                field: Cow::Borrowed(field),
                code,
                line: None,
            });
        }
    }

    /// Records that the field at a built path (an application form's answer, such as
    /// `members[1].name`) is invalid (the first error per path).
    pub fn add_path(&mut self, path: String, code: FieldCode) {
        if !self.0.iter().any(|e| e.field == path) {
            self.0.push(FieldError {
                field: Cow::Owned(path),
                code,
                line: None,
            });
        }
    }

    /// Records that line `line` of a list field is invalid (the first error per field).
    pub fn add_line(&mut self, field: &'static str, code: FieldCode, line: usize) {
        if !self.0.iter().any(|e| e.field == field) {
            self.0.push(FieldError {
                field: Cow::Borrowed(field),
                code,
                line: Some(line),
            });
        }
    }

    /// Records the error of a check, if it failed, and returns its value.
    pub fn check<T>(&mut self, field: &'static str, r: Result<T, FieldCode>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(code) => {
                self.add(field, code);
                None
            }
        }
    }

    /// True when nothing was rejected.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The error for one field, if any.
    pub fn get(&self, field: &str) -> Option<FieldCode> {
        self.0.iter().find(|e| e.field == field).map(|e| e.code)
    }

    /// All errors in order.
    pub fn iter(&self) -> impl Iterator<Item = &FieldError> {
        self.0.iter()
    }

    /// `Ok(value)` if no errors were recorded, else the validation error.
    pub fn finish<T>(self, value: impl FnOnce() -> Option<T>) -> Result<T, Error> {
        if self.0.is_empty() {
            value().ok_or_else(|| Error::new(ErrorCode::Internal))
        } else {
            Err(Error::invalid(self))
        }
    }

    /// A single-field error.
    pub fn single(field: &'static str, code: FieldCode) -> Self {
        let mut e = Self::new();
        e.add(field, code);
        e
    }
}

/// A domain error: a stable code, field errors for validation failures, and for rate limits how
/// long to wait.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// What went wrong.
    pub code: ErrorCode,
    /// For `ValidationFailed`: which fields and why.
    pub fields: FieldErrors,
    /// For `RateLimited` and `AccountLocked`: seconds until trying again makes sense.
    pub retry_after_secs: Option<u64>,
}

impl Error {
    /// An error with just a code.
    pub fn new(code: ErrorCode) -> Self {
        Error {
            code,
            fields: FieldErrors::new(),
            retry_after_secs: None,
        }
    }

    /// A validation failure carrying field errors.
    pub fn invalid(fields: FieldErrors) -> Self {
        Error {
            code: ErrorCode::ValidationFailed,
            fields,
            retry_after_secs: None,
        }
    }

    /// A validation failure of one field.
    pub fn field(field: &'static str, code: FieldCode) -> Self {
        Error::invalid(FieldErrors::single(field, code))
    }

    /// A rate-limit or lockout error with a retry hint.
    pub fn retry_after(code: ErrorCode, secs: u64) -> Self {
        Error {
            code,
            fields: FieldErrors::new(),
            retry_after_secs: Some(secs.max(1)),
        }
    }
}

impl From<ErrorCode> for Error {
    fn from(code: ErrorCode) -> Self {
        Error::new(code)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code)?;
        for e in self.fields.iter() {
            write!(f, " {}={}", e.field, e.code.as_str())?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_serialises_as_its_stable_name() {
        for c in FieldCode::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
        }
        for c in ErrorCode::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
        }
        let mut names: Vec<_> = FieldCode::ALL.iter().map(|c| c.as_str()).collect();
        names.sort();
        names.dedup();
        assert_eq!(
            names.len(),
            FieldCode::ALL.len(),
            "two field codes share a name"
        );
    }

    #[test]
    fn only_the_first_error_per_field_is_kept() {
        let mut e = FieldErrors::new();
        e.add("phone", FieldCode::Required);
        e.add("phone", FieldCode::InvalidPhone);
        e.add("password", FieldCode::PasswordTooShort);
        assert_eq!(e.get("phone"), Some(FieldCode::Required));
        assert_eq!(e.iter().count(), 2);
    }
}
