-- Harness-friendly intake (issue 9): completion callbacks, signed with a per-user webhook secret.

-- The webhook secret is the key of the HMAC-SHA256 that signs each callback's body (X-Signature). Unlike an API
-- token (V1 keeps only its SHA-256), it is stored as given: the server itself must compute the HMAC with it on
-- every delivery, and a hash cannot sign. It grants nothing on this server; a leak lets someone forge callbacks
-- to that user's receiver, and rotating it (POST /api/v1/users/me/webhook-secret) ends that. Users created by
-- the API get one from the JVM's SecureRandom, shown once; the default (244 random bits from two
-- gen_random_uuid(), PostgreSQL's strong random source) covers existing users and the bootstrap administrator,
-- who read theirs by rotating it.
ALTER TABLE users ADD COLUMN webhook_secret TEXT NOT NULL
    DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');

-- Where to POST the judged submission; checked at submit (scheme, length, not a private address unless the
-- administrator's allow-list admits it) and checked again at each delivery.
ALTER TABLE submissions ADD COLUMN callback_url TEXT CHECK (length(callback_url) <= 2000);

-- The outbox of callbacks: a row is written in the transaction that records a verdict (JobQueue.complete), so a
-- verdict that is committed always has its callback, and one that is rolled back has none. The API processes'
-- dispatchers claim due rows with FOR UPDATE SKIP LOCKED and push next_attempt_at past the send (a lease), so
-- no two processes send one callback at once; a process that dies mid-send leaves the row to be retried.
CREATE TABLE submission_callbacks (
    id              BIGSERIAL   PRIMARY KEY,
    submission_id   UUID        NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    url             TEXT        NOT NULL,
    state           TEXT        NOT NULL DEFAULT 'pending'
                                CHECK (state IN ('pending', 'delivered', 'failed', 'superseded')),
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    claimed_by      TEXT,
    -- the exact bytes sent, fixed at the first attempt so that every retry sends (and signs) the same body
    body            TEXT,
    last_status     INTEGER,    -- the receiver's last HTTP status, null when it could not be reached
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    delivered_at    TIMESTAMPTZ
);

-- the dispatcher's one question: which pending callbacks are due, oldest first
CREATE INDEX submission_callbacks_due ON submission_callbacks (next_attempt_at) WHERE state = 'pending';
CREATE INDEX submission_callbacks_submission ON submission_callbacks (submission_id);
