-- Whether every attempt of an AI contestant's attempt group counts as a try in the contest (as a human's
-- would), or only the group's consensus pick, at the time of the group's last attempt (issue 9).
ALTER TABLE contests ADD COLUMN ai_attempts TEXT NOT NULL DEFAULT 'every'
    CHECK (ai_attempts IN ('every', 'consensus'));
