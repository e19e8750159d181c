-- Clarifications: a contestant asks about a problem or in general; the jury answers privately or to all, and
-- posts announcements. Who sees a row: its asker, administrators, and everyone in the contest when public.
CREATE TABLE clarifications (
    id           BIGSERIAL   PRIMARY KEY,
    contest_id   TEXT        NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
    problem_id   TEXT        REFERENCES problems (id),      -- null: a general question or announcement
    from_user_id BIGINT      NOT NULL REFERENCES users (id), -- the asker, or the administrator who wrote it
    from_jury    BOOLEAN     NOT NULL,                       -- written by an administrator (answer or announcement)
    reply_to     BIGINT      REFERENCES clarifications (id),
    -- a private jury answer goes to the asker of the question it replies to; null for everything else
    to_user_id   BIGINT      REFERENCES users (id),
    public       BOOLEAN     NOT NULL,                       -- seen by everyone who sees the contest
    text         TEXT        NOT NULL CHECK (length(text) BETWEEN 1 AND 10000),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (from_jury OR reply_to IS NULL),
    CHECK (NOT public OR from_jury)
);
CREATE INDEX clarifications_by_contest ON clarifications (contest_id, id);
