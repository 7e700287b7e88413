-- Single sign-on for other government systems (ACC-3): the OpenID Connect provider.

-- The systems people sign in to. The secret is kept as its SHA-256 only; the redirect URIs
-- are matched exactly, one per line.
CREATE TABLE oidc_clients (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    logo_url        TEXT,
    secret_hash     TEXT NOT NULL,
    redirect_uris   TEXT NOT NULL,
    logout_uris     TEXT NOT NULL DEFAULT '',
    backchannel_uri TEXT,
    scopes          TEXT NOT NULL,            -- allowed scopes, space-separated
    claims          TEXT NOT NULL DEFAULT '', -- allowed personal claims, space-separated
    jwks            TEXT,                     -- public keys for private_key_jwt (JSON)
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    disabled_at     BIGINT
);

-- The provider's signing keys: the newest unretired one signs; retired ones stay published
-- until every token they signed has expired.
CREATE TABLE oidc_keys (
    kid         TEXT PRIMARY KEY,
    alg         TEXT NOT NULL,
    private_enc TEXT NOT NULL,   -- PKCS#8, encrypted by the vault
    public_jwk  TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    retired_at  BIGINT
);

-- Authorization codes, by the SHA-256 of the code; single use.
CREATE TABLE oidc_codes (
    hash         TEXT PRIMARY KEY,
    client_id    TEXT NOT NULL REFERENCES oidc_clients(id),
    account_id   TEXT NOT NULL REFERENCES accounts(id),
    redirect_uri TEXT NOT NULL,
    scope        TEXT NOT NULL,
    claims       TEXT NOT NULL,
    nonce        TEXT,
    challenge    TEXT NOT NULL,
    session_hash TEXT NOT NULL,
    auth_time    BIGINT NOT NULL,
    staff        BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    used_at      BIGINT
);
CREATE INDEX oidc_codes_expiry ON oidc_codes(expires_at);

-- What a person agreed to share with a system, until they take it back.
CREATE TABLE oidc_consents (
    account_id    TEXT NOT NULL REFERENCES accounts(id),
    client_id     TEXT NOT NULL REFERENCES oidc_clients(id),
    claims        TEXT NOT NULL,
    granted_at    BIGINT NOT NULL,
    last_login_at BIGINT,
    PRIMARY KEY (account_id, client_id)
);

-- Access and refresh tokens, by their SHA-256. A refresh token's family is every token
-- rotated from one sign-in: a used one presented again revokes the family.
CREATE TABLE oidc_tokens (
    hash         TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,            -- 'access' | 'refresh'
    family       TEXT NOT NULL,
    client_id    TEXT NOT NULL REFERENCES oidc_clients(id),
    account_id   TEXT NOT NULL REFERENCES accounts(id),
    scope        TEXT NOT NULL,
    claims       TEXT NOT NULL,
    session_hash TEXT NOT NULL,
    auth_time    BIGINT NOT NULL,
    staff        BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    used_at      BIGINT,
    revoked_at   BIGINT
);
CREATE INDEX oidc_tokens_family ON oidc_tokens(family);
CREATE INDEX oidc_tokens_person ON oidc_tokens(account_id, client_id);
CREATE INDEX oidc_tokens_session ON oidc_tokens(session_hash);
