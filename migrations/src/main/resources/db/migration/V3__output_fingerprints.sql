-- What each test's run wrote, as a fingerprint: attempts of an AI contestant are clustered by behaviour (same
-- outputs on the same tests), and the outputs themselves are too large to keep. The SHA-256 of the output read
-- as whitespace-separated tokens (see the judge's OutputFingerprint), as 64 hex digits. Null for rows judged
-- before this column existed and for interactive or multi-pass problems, whose output goes to the validator.
ALTER TABLE submission_testcases
    ADD COLUMN output_sha256 TEXT CHECK (output_sha256 ~ '^[0-9a-f]{64}$');

-- The AI report reads a contestant's attempts on a problem; only attempts are indexed.
CREATE INDEX submissions_attempts ON submissions (problem_id, user_id) WHERE attempt IS NOT NULL;
