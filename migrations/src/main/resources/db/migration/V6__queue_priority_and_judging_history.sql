-- The judge queue judges by class and fairly within a class (issue 8), and every judgement of a submission is
-- kept, so that a rejudge never loses the verdict it replaces.
--
-- Classes, claimed in this order (org.cpjudge.api.queue.JobPriority matches these numbers):
--   0 a submission to a contest running when it was submitted, 1 practice, 2 virtual runs and AI attempt
--   groups, 3 rejudges.
-- Within a class the queue is fair between users: a job's round is one past its user's last job still in the
-- class, but never behind the round the class is serving (its lowest queued round). Claiming in (round, id)
-- order then takes one job per user per round: a user's 10,000 attempts never hold up another's single one.

ALTER TABLE judge_jobs
    ADD COLUMN priority SMALLINT NOT NULL DEFAULT 1 CHECK (priority IN (0, 1, 2, 3)),
    ADD COLUMN user_id  BIGINT REFERENCES users (id),
    ADD COLUMN language TEXT,
    ADD COLUMN round    BIGINT NOT NULL DEFAULT 0;

UPDATE judge_jobs j SET user_id = s.user_id, language = s.language,
       priority = CASE WHEN s.contest_id IS NOT NULL THEN 0 WHEN s.attempt IS NOT NULL THEN 2 ELSE 1 END
FROM submissions s WHERE s.id = j.submission_id;

ALTER TABLE judge_jobs ALTER COLUMN user_id SET NOT NULL;
ALTER TABLE judge_jobs ALTER COLUMN language SET NOT NULL;
ALTER TABLE judge_jobs ALTER COLUMN priority DROP DEFAULT;
ALTER TABLE judge_jobs ALTER COLUMN round DROP DEFAULT;

-- Claiming walks this index in order and stops at the first free job in a language the worker has; the few
-- leased rows it steps over are at most one per worker.
CREATE INDEX judge_jobs_claim_order ON judge_jobs (priority, round, id);
-- Enqueueing reads the user's last round in the class.
CREATE INDEX judge_jobs_by_user ON judge_jobs (user_id, priority, round);

-- Every completed judging of a submission, written in the transaction that completes it; the submission row
-- holds the latest.
CREATE TABLE submission_judgements (
    id             BIGSERIAL        PRIMARY KEY,
    submission_id  UUID             NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    verdict        TEXT             NOT NULL CHECK (verdict IN ('AC', 'WA', 'TLE', 'MLE', 'RTE', 'OLE', 'CE', 'JE')),
    score          DOUBLE PRECISION,
    time_ms        INTEGER,
    memory_kb      INTEGER,
    judged_at      TIMESTAMPTZ      NOT NULL DEFAULT now(),
    rejudge        BOOLEAN          NOT NULL DEFAULT false
);
CREATE INDEX submission_judgements_by_submission ON submission_judgements (submission_id, judged_at, id);

-- The judgements made before this table existed are the first of their histories.
INSERT INTO submission_judgements (submission_id, verdict, score, time_ms, memory_kb, judged_at, rejudge)
SELECT id, verdict, score, time_ms, memory_kb, COALESCE(judged_at, created_at), false
FROM submissions WHERE status = 'done' AND verdict IS NOT NULL;
