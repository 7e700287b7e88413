-- The outside security review (issue 12).
--
-- A file uploaded by a staff member for a citizen under a consent (帮办代办) names that
-- consent: the consent opens the files of its own application and no other upload of the
-- citizen's.
ALTER TABLE uploads ADD COLUMN consent_id TEXT REFERENCES assist_consents(id);

-- Share links the holder can list and revoke: an id to name one by, and when the holder
-- revoked it. Links made before could be neither listed nor revoked by their holder; they
-- last 72 hours at most and end here rather than run on out of the holder's reach.
DELETE FROM certificate_shares;
ALTER TABLE certificate_shares ADD COLUMN id TEXT NOT NULL DEFAULT '';
ALTER TABLE certificate_shares ADD COLUMN revoked_at BIGINT;
CREATE UNIQUE INDEX certificate_shares_id ON certificate_shares(id);
CREATE INDEX certificate_shares_certificate ON certificate_shares(certificate_id, expires_at);

-- An agent acts for an enterprise only once they accepted the legal representative's
-- invitation; until then the enterprise sees nothing about them. Everyone authorised before
-- this migration counts as having accepted when they were authorised.
ALTER TABLE enterprise_agents ADD COLUMN accepted_at BIGINT;
UPDATE enterprise_agents SET accepted_at = created_at WHERE accepted_at IS NULL;
