-- One vocabulary (issue 8): submission_testcases.verdict was the only verdict column without a CHECK. Its rows
-- were always written from the judge's Verdict enum, so they all pass; the schema now says so, like
-- submissions.verdict and submission_judgements.verdict (SchemaVocabularyTest keeps all of them equal to the enum).
ALTER TABLE submission_testcases ADD CONSTRAINT submission_testcases_verdict_check
    CHECK (verdict IN ('AC', 'WA', 'TLE', 'MLE', 'RTE', 'OLE', 'CE', 'JE'));
