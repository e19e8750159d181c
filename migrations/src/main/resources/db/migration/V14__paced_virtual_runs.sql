-- A fourth virtual-run policy for harnesses that do not want the wall clock: "paced", a fixed pace per problem.
-- The attempts on the contest's i-th problem (1-based, in its order) count at minute i x pace_minutes (at most the
-- contest's last minute), as for a contestant who works through the problems in order at that pace.
ALTER TABLE virtual_runs DROP CONSTRAINT virtual_runs_policy_check;
ALTER TABLE virtual_runs ADD CONSTRAINT virtual_runs_policy_check
    CHECK (policy IN ('clock', 'minute0', 'declared', 'paced'));
ALTER TABLE virtual_runs
    ADD COLUMN pace_minutes INTEGER CHECK (pace_minutes IS NULL OR pace_minutes > 0),
    ADD CONSTRAINT virtual_runs_pace_with_paced CHECK ((policy = 'paced') = (pace_minutes IS NOT NULL));
