-- Levels of assurance of a person's identity (ACC-1), one verified account per ID number,
-- the conflicts a platform admin resolves, certificates to review after an identity changes,
-- and the register of certificate types with the departments that may issue them.

-- The account's level: self_declared | provider | in_person (NULL: no identity). Every identity
-- recorded before levels existed was self-declared (checksum only).
ALTER TABLE accounts ADD COLUMN identity_level TEXT;
UPDATE accounts SET identity_level = 'self_declared' WHERE real_name_verified_at IS NOT NULL;

-- One ID number may be claimed by several accounts (self-declared), but verified on one only:
-- whoever typed a number first never blocks its owner.
DROP INDEX accounts_id_number;
CREATE UNIQUE INDEX accounts_verified_id_number ON accounts(id_number_index)
    WHERE identity_level IN ('provider', 'in_person');
CREATE INDEX accounts_id_number_claims ON accounts(id_number_index)
    WHERE id_number_index IS NOT NULL;

-- Every identity check: self-declarations, provider answers, counter verifications (who and
-- where). Names and numbers stay on the account, encrypted; none are copied here.
CREATE TABLE identity_checks (
    id          TEXT PRIMARY KEY,
    account_id  TEXT NOT NULL REFERENCES accounts(id),
    level       TEXT NOT NULL,
    method      TEXT NOT NULL,       -- self | provider:<name> | counter
    answer      TEXT NOT NULL,       -- recorded | match | mismatch | deceased | unavailable | refused
    staff_id    TEXT REFERENCES accounts(id),
    place       TEXT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX identity_checks_account ON identity_checks(account_id, created_at);

-- Two accounts claiming one ID number, for a platform admin to resolve.
CREATE TABLE identity_conflicts (
    id              TEXT PRIMARY KEY,
    claimant_id     TEXT NOT NULL REFERENCES accounts(id),
    claimant_level  TEXT NOT NULL,
    holder_id       TEXT NOT NULL REFERENCES accounts(id),
    holder_level    TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    resolved_at     BIGINT,
    resolved_by     TEXT REFERENCES accounts(id),
    resolution      TEXT
);
CREATE INDEX identity_conflicts_open ON identity_conflicts(resolved_at, created_at);

-- A certificate whose holder's identity changed is reviewed by its issuer (never revoked
-- silently): why, and since when.
ALTER TABLE certificates ADD COLUMN review_reason TEXT;
ALTER TABLE certificates ADD COLUMN review_since BIGINT;
CREATE INDEX certificates_review ON certificates(review_since);

-- The register of certificate types and their issuing authorities: a form may only issue a
-- type its department is authorised for; rules and prefill count a certificate only from an
-- authorised issuer.
CREATE TABLE certificate_types (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE TABLE certificate_issuers (
    cert_type      TEXT NOT NULL REFERENCES certificate_types(code),
    department_id  TEXT NOT NULL REFERENCES departments(id),
    created_at     BIGINT NOT NULL,
    PRIMARY KEY (cert_type, department_id)
);
-- What was issued so far was issued by its department: that much is authorised.
INSERT INTO certificate_types (code, name, created_at)
    SELECT cert_type, MIN(type_name), MIN(created_at) FROM certificates GROUP BY cert_type;
INSERT INTO certificate_issuers (cert_type, department_id, created_at)
    SELECT cert_type, department_id, MIN(created_at) FROM certificates GROUP BY cert_type, department_id;

-- What an item asks of an applicant's identity before instant approval or a certificate:
-- any | verified | in_person (NULL: verified, the default).
ALTER TABLE form_versions ADD COLUMN identity TEXT;
