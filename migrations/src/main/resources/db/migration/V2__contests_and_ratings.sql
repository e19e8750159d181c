-- Contests, registrations, and the rating history that finalizing a rated contest writes once.

CREATE TABLE contests (
    id                TEXT        PRIMARY KEY,
    name              TEXT        NOT NULL,
    starts_at         TIMESTAMPTZ NOT NULL,
    duration_minutes  INTEGER     NOT NULL CHECK (duration_minutes > 0),
    scoring           TEXT        NOT NULL CHECK (scoring IN ('icpc', 'ioi')),
    freeze_minutes    INTEGER     NOT NULL DEFAULT 0 CHECK (freeze_minutes >= 0),
    rated             BOOLEAN     NOT NULL DEFAULT false,
    newcomer_rule     TEXT,                     -- null: the server's setting
    ended_at          TIMESTAMPTZ,              -- set when finalize ends a contest early
    finalized_at      TIMESTAMPTZ,              -- set once; rating changes are applied in the same transaction
    created_by        BIGINT      REFERENCES users (id),
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE contest_problems (
    contest_id  TEXT    NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
    problem_id  TEXT    NOT NULL REFERENCES problems (id),
    ordinal     INTEGER NOT NULL,
    PRIMARY KEY (contest_id, problem_id)
);

CREATE TABLE contest_registrations (
    contest_id     TEXT        NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
    user_id        BIGINT      NOT NULL REFERENCES users (id),
    registered_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (contest_id, user_id)
);

CREATE INDEX submissions_by_contest ON submissions (contest_id, created_at) WHERE contest_id IS NOT NULL;

-- The rating formulas use the internal rating; the public one differs for newcomers (Codeforces' 2020
-- rule shows 0 and adds boosts over the first six contests). rated_contests counts those boosts given.
ALTER TABLE users ADD COLUMN internal_rating INTEGER;
ALTER TABLE users ADD COLUMN rated_contests  INTEGER NOT NULL DEFAULT 0;

CREATE TABLE rating_changes (
    contest_id             TEXT    NOT NULL REFERENCES contests (id),
    user_id                BIGINT  NOT NULL REFERENCES users (id),
    rank                   INTEGER NOT NULL,
    old_internal_rating    INTEGER NOT NULL,
    new_internal_rating    INTEGER NOT NULL,
    old_rating             INTEGER NOT NULL,    -- public ratings, as the profile shows them
    new_rating             INTEGER NOT NULL,
    delta                  INTEGER NOT NULL,
    seed                   DOUBLE PRECISION NOT NULL,
    applied_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (contest_id, user_id)
);
CREATE INDEX rating_changes_by_user ON rating_changes (user_id, applied_at);
