-- Live scoreboards: per-subtask scores for the IOI rule, and the signals that keep every API node's in-memory
-- boards up to date when any worker (or a rejudge) writes a verdict.

-- [{"name": "secret/group1", "score": 30, "max": 30}, ...] for scoring problems; null when there are none
ALTER TABLE submissions ADD COLUMN subtask_scores JSONB;

-- When the scoreboard-relevant part of the row last changed: the fallback poll reads only recent changes.
ALTER TABLE submissions ADD COLUMN changed_at TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE INDEX submissions_by_contest_change ON submissions (contest_id, changed_at) WHERE contest_id IS NOT NULL;

CREATE FUNCTION submissions_mark_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status OR NEW.verdict IS DISTINCT FROM OLD.verdict
            OR NEW.score IS DISTINCT FROM OLD.score OR NEW.subtask_scores IS DISTINCT FROM OLD.subtask_scores THEN
        NEW.changed_at := clock_timestamp();
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER submissions_mark_change BEFORE INSERT OR UPDATE ON submissions
    FOR EACH ROW EXECUTE FUNCTION submissions_mark_change();

-- "<submission uuid> <contest id>" on channel submission_changes, delivered at commit: the one announcement of a
-- change, whoever writes it (a worker's verdict, a rejudge's reset, a new submission, a test's UPDATE).
CREATE FUNCTION submissions_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.contest_id IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status
            OR NEW.verdict IS DISTINCT FROM OLD.verdict OR NEW.score IS DISTINCT FROM OLD.score
            OR NEW.subtask_scores IS DISTINCT FROM OLD.subtask_scores) THEN
        PERFORM pg_notify('submission_changes', NEW.id::text || ' ' || NEW.contest_id);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER submissions_notify_change AFTER INSERT OR UPDATE ON submissions
    FOR EACH ROW EXECUTE FUNCTION submissions_notify_change();

-- A board checks it is current before each read with one cheap look at these (see LiveScoreboards).
CREATE INDEX contest_registrations_by_time ON contest_registrations (contest_id, registered_at);
