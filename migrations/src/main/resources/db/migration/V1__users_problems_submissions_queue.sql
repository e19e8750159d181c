-- The walking skeleton's data: users and their API tokens, problems, submissions with per-test results,
-- and the judge queue. PostgreSQL is the one source of truth; workers on any machine take from judge_jobs.

CREATE TABLE users (
    id          BIGSERIAL PRIMARY KEY,
    handle      TEXT        NOT NULL UNIQUE,
    kind        TEXT        NOT NULL CHECK (kind IN ('human', 'ai')),
    role        TEXT        NOT NULL DEFAULT 'contestant' CHECK (role IN ('admin', 'contestant')),
    name        TEXT,
    model       TEXT,                       -- for AI contestants: the model behind the handle
    rating      INTEGER,                    -- displayed rating; null until the first rated contest
    max_rating  INTEGER,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Only the SHA-256 of a token is stored: tokens are 256 random bits, so a fast hash is enough and a
-- leaked table gives nobody a usable token.
CREATE TABLE api_tokens (
    token_sha256 BYTEA       PRIMARY KEY,
    user_id      BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE problems (
    id               TEXT        PRIMARY KEY,
    name             TEXT        NOT NULL,
    time_limit_ms    INTEGER     NOT NULL,
    memory_limit_mb  INTEGER     NOT NULL,
    testcases        INTEGER     NOT NULL,
    package_sha256   TEXT        NOT NULL,   -- workers cache the unpacked package by this hash
    package_zip      BYTEA       NOT NULL,   -- the package as uploaded: any worker can fetch it
    created_by       BIGINT      REFERENCES users (id),
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE submissions (
    id              UUID        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id         BIGINT      NOT NULL REFERENCES users (id),
    problem_id      TEXT        NOT NULL REFERENCES problems (id),
    language        TEXT        NOT NULL,
    files           JSONB       NOT NULL,    -- [{"name", "content"}]
    contest_id      TEXT,
    attempt         JSONB,                   -- AI attempt metadata: group, index, model, cost_usd, tokens
    status          TEXT        NOT NULL DEFAULT 'queued'
                                CHECK (status IN ('queued', 'compiling', 'running', 'done')),
    verdict         TEXT        CHECK (verdict IN ('AC', 'WA', 'TLE', 'MLE', 'RTE', 'OLE', 'CE', 'JE')),
    score           DOUBLE PRECISION,
    time_ms         INTEGER,
    memory_kb       INTEGER,
    compile_output  TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    judged_at       TIMESTAMPTZ
);
CREATE INDEX submissions_by_problem ON submissions (problem_id, created_at);
CREATE INDEX submissions_by_user ON submissions (user_id, created_at);

CREATE TABLE submission_testcases (
    submission_id  UUID    NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    ordinal        INTEGER NOT NULL,
    name           TEXT    NOT NULL,
    verdict        TEXT    NOT NULL,
    time_ms        INTEGER NOT NULL,
    memory_kb      INTEGER NOT NULL,
    score          DOUBLE PRECISION,
    PRIMARY KEY (submission_id, ordinal)
);

-- The queue. A worker claims the oldest free job with FOR UPDATE SKIP LOCKED and holds it by a lease it
-- renews while judging; a lease that runs out (the worker died) makes the job claimable again.
CREATE TABLE judge_jobs (
    id             BIGSERIAL   PRIMARY KEY,
    submission_id  UUID        NOT NULL UNIQUE REFERENCES submissions (id) ON DELETE CASCADE,
    enqueued_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    claimed_by     TEXT,
    lease_until    TIMESTAMPTZ,
    attempts       INTEGER     NOT NULL DEFAULT 0
);

-- Judge workers announce themselves here; /health/ready needs one seen recently.
CREATE TABLE judge_workers (
    id          TEXT        PRIMARY KEY,
    host        TEXT        NOT NULL,
    languages   JSONB       NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seen   TIMESTAMPTZ NOT NULL DEFAULT now()
);
