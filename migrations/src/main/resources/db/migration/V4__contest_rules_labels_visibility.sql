-- Contests for real (issue 8): problem labels and Codeforces point values, Codeforces round scoring, the
-- penalty per rejected try, how IOI problems add up, private contests with an invitation code, a registration
-- window, how AI contestants take part, unfreezing apart from finalizing, and what becomes public afterwards.

ALTER TABLE contests DROP CONSTRAINT contests_scoring_check;
ALTER TABLE contests ADD CONSTRAINT contests_scoring_check CHECK (scoring IN ('icpc', 'ioi', 'codeforces'));

ALTER TABLE contests
    -- ICPC: minutes added per rejected try before the first accepted one (20; Codeforces' educational rules: 10)
    ADD COLUMN penalty_minutes        INTEGER     NOT NULL DEFAULT 20 CHECK (penalty_minutes BETWEEN 0 AND 1000),
    -- IOI: 'subtask_max' sums each subtask's best score over all submissions (IOI since 2017);
    -- 'best_submission' takes the best single submission's score
    ADD COLUMN ioi_rule               TEXT        NOT NULL DEFAULT 'subtask_max'
                                                  CHECK (ioi_rule IN ('subtask_max', 'best_submission')),
    ADD COLUMN visibility             TEXT        NOT NULL DEFAULT 'public'
                                                  CHECK (visibility IN ('public', 'private')),
    -- private contests: who knows this code may register themselves; null: only administrators register people
    ADD COLUMN invitation_code        TEXT,
    -- null: registration opens when the contest is created and closes when it ends
    ADD COLUMN registration_opens_at  TIMESTAMPTZ,
    ADD COLUMN registration_closes_at TIMESTAMPTZ,
    -- AI contestants in a rated contest: 'rated' with the humans, or 'unofficial' (on the board, marked, left
    -- out of the humans' rating changes, as Codeforces treats unofficial participants)
    ADD COLUMN ai_participation       TEXT        NOT NULL DEFAULT 'rated'
                                                  CHECK (ai_participation IN ('rated', 'unofficial')),
    -- set by POST .../unfreeze: the public board shows everything from then on
    ADD COLUMN unfrozen_at            TIMESTAMPTZ,
    -- after the contest its problems become practice problems, unless the contest says otherwise
    ADD COLUMN practice_after         BOOLEAN     NOT NULL DEFAULT true,
    -- after the contest, sources of its submissions are shown to everyone only if the contest opens them
    ADD COLUMN sources_public_after   BOOLEAN     NOT NULL DEFAULT false,
    ADD COLUMN updated_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    ADD CONSTRAINT contests_registration_window
        CHECK (registration_opens_at IS NULL OR registration_closes_at IS NULL
               OR registration_opens_at <= registration_closes_at);

-- Labels (A, B, ... or given) in board order; a Codeforces round gives each problem its initial value.
ALTER TABLE contest_problems
    ADD COLUMN label  TEXT,
    ADD COLUMN points INTEGER CHECK (points IS NULL OR points > 0);
UPDATE contest_problems SET label = chr(65 + ordinal) WHERE ordinal < 26;
UPDATE contest_problems SET label = 'P' || (ordinal + 1) WHERE label IS NULL;
ALTER TABLE contest_problems ALTER COLUMN label SET NOT NULL;
ALTER TABLE contest_problems ADD CONSTRAINT contest_problems_label_unique UNIQUE (contest_id, label);

-- What the board shows besides the handle. Teams are not modelled beyond a display name and an affiliation.
ALTER TABLE contest_registrations
    ADD COLUMN display_name TEXT,
    ADD COLUMN affiliation  TEXT;

-- Which contest a problem belongs to decides who sees it; this is asked on every problem read.
CREATE INDEX contest_problems_by_problem ON contest_problems (problem_id);
