-- Virtual participation (issue 9). A finished contest's official final standings, imported by an administrator:
-- the real participants a virtual run is ranked against. They are not users here, so the rows name handles only.
-- A row has a score (points, penalty) or a given rank, never both kinds in one contest (the rating module cannot
-- compare the two); importing again replaces every row of the contest.
CREATE TABLE reference_standings (
    contest_id  TEXT             NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
    ordinal     INT              NOT NULL,
    handle      TEXT             NOT NULL,
    rating      INT              NOT NULL,
    rank        BIGINT,
    points      DOUBLE PRECISION,
    penalty     BIGINT,
    PRIMARY KEY (contest_id, ordinal),
    UNIQUE (contest_id, handle),
    CHECK ((rank IS NOT NULL AND points IS NULL AND penalty IS NULL)
        OR (rank IS NULL AND points IS NOT NULL AND penalty IS NOT NULL))
);

-- One user's virtual run of a finished contest: one per user and contest. The policy says at which minute of the
-- contest its submissions count (VirtualPolicy: the wall clock since started_at, minute 0, or the minute each
-- submission declares). ended_at is set when the user ends it early (or ends an open-ended run).
CREATE TABLE virtual_runs (
    id          BIGSERIAL   PRIMARY KEY,
    contest_id  TEXT        NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
    user_id     BIGINT      NOT NULL REFERENCES users (id),
    policy      TEXT        NOT NULL CHECK (policy IN ('clock', 'minute0', 'declared')),
    started_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    ended_at    TIMESTAMPTZ,
    UNIQUE (contest_id, user_id)
);

-- The submissions made in a virtual run, with the moment of the contest each counts at (milliseconds since the
-- contest's start), fixed when it was submitted.
CREATE TABLE virtual_tries (
    submission_id UUID   PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
    run_id        BIGINT NOT NULL REFERENCES virtual_runs (id) ON DELETE CASCADE,
    offset_ms     BIGINT NOT NULL CHECK (offset_ms >= 0)
);
CREATE INDEX virtual_tries_run ON virtual_tries (run_id);
