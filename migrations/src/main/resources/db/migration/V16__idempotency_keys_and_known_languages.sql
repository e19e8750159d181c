-- A POST's answer kept under the caller's Idempotency-Key, so that a retry (same key, same request) gets the
-- first answer again instead of creating a second submission, user or contest. Written in the transaction of
-- what the request created: an answer is kept exactly when its effects were committed. Kept for a day.
CREATE TABLE idempotency_keys (
    caller       TEXT        NOT NULL,  -- SHA-256 of the caller's credential, never the credential itself
    key          TEXT        NOT NULL,
    fingerprint  BYTEA       NOT NULL,  -- SHA-256 of method, path and body: tells a retry from a reuse
    -- the answer, filled in before the request's transaction commits (no other request ever sees it empty)
    status       INTEGER,
    body         BYTEA,
    json         BOOLEAN     NOT NULL DEFAULT TRUE,  -- false: raw bytes
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (caller, key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);

-- Every language a judge worker ever announced (judge_workers forgets a worker when it leaves): submissions in
-- these are accepted and queued while no worker is up, e.g. during a restart of the worker fleet.
CREATE TABLE known_languages (
    id          TEXT        PRIMARY KEY,
    language    JSONB       NOT NULL,   -- {"id", "name", "extensions", ...} as the worker announced it
    position    INTEGER     NOT NULL,   -- its place in the first announcing worker's list (the list's order)
    first_seen  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()  -- when an announcement last changed it (a new version)
);
