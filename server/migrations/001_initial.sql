-- The reference backend's state, one tenant per Salesforce org. PostgreSQL dialect only: the same file runs on the
-- embedded PGlite and on a PostgreSQL server (DATABASE_URL).

CREATE TABLE tenants (
    org_id text PRIMARY KEY CHECK (org_id ~ '^00D[a-zA-Z0-9]{15}$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    -- Every email has a CRM account (matched), or only those in crm_accounts.
    match_all boolean NOT NULL DEFAULT true,
    authorized boolean NOT NULL DEFAULT true,
    -- The link, its pause, and pending authorization requests, as the contract's Connection describes them.
    connection jsonb NOT NULL,
    authorizations jsonb NOT NULL DEFAULT '{}',
    autofill_leads boolean NOT NULL DEFAULT true,
    autofill_accounts boolean NOT NULL DEFAULT false,
    autofill_version integer NOT NULL DEFAULT 1 CHECK (autofill_version >= 1),
    -- Imported record counts per data category, for the unlink dry run and purge.
    imported jsonb NOT NULL DEFAULT '{}'
);

CREATE TABLE license_pools (
    org_id text NOT NULL REFERENCES tenants (org_id) ON DELETE CASCADE,
    license_type text NOT NULL CHECK (license_type ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    label text NOT NULL,
    total integer NOT NULL CHECK (total >= 0),
    is_default boolean NOT NULL DEFAULT false,
    position integer NOT NULL,
    PRIMARY KEY (org_id, license_type)
);
CREATE UNIQUE INDEX license_pools_one_default ON license_pools (org_id) WHERE is_default;

-- Who the CRM can match, when the tenant does not match every email.
CREATE TABLE crm_accounts (
    org_id text NOT NULL REFERENCES tenants (org_id) ON DELETE CASCADE,
    email text NOT NULL CHECK (email = lower(email)),
    PRIMARY KEY (org_id, email)
);

-- The sync state per Salesforce user, and the email the org last sent for the user.
CREATE TABLE user_states (
    org_id text NOT NULL REFERENCES tenants (org_id) ON DELETE CASCADE,
    user_id text NOT NULL,
    email text,
    sync_enabled boolean NOT NULL,
    license_type text,
    status text NOT NULL CHECK (status IN ('synced', 'pending', 'not_matched', 'error')),
    last_synced_at timestamptz,
    last_error text,
    version integer NOT NULL CHECK (version >= 1),
    pending_since timestamptz,
    -- When a retry last saw the user's sync error fail again.
    error_seen_at timestamptz,
    PRIMARY KEY (org_id, user_id)
);

-- API keys: only the SHA-256 of the secret is kept; the key is shown once when created.
CREATE TABLE api_keys (
    id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{16}$'),
    org_id text NOT NULL CHECK (org_id ~ '^00D[a-zA-Z0-9]{15}$'),
    secret_sha256 text NOT NULL CHECK (secret_sha256 ~ '^[0-9a-f]{64}$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);

-- The first answer to each Idempotency-Key of a state-changing request, replayed for 24 hours.
CREATE TABLE idempotency_keys (
    org_id text NOT NULL,
    idempotency_key uuid NOT NULL,
    fingerprint text NOT NULL,
    status integer NOT NULL,
    headers jsonb NOT NULL,
    body text NOT NULL,
    stored_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, idempotency_key)
);

-- One row per request: who (org and key id), what (method and route, never the body), the answer and its
-- correlation id. No API key, email or name is written here.
CREATE TABLE request_log (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    org_id text,
    key_id text,
    method text NOT NULL,
    route text NOT NULL,
    status integer NOT NULL,
    correlation_id text NOT NULL,
    duration_ms integer NOT NULL
);
CREATE INDEX request_log_org_at ON request_log (org_id, at);
