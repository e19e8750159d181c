package org.cpjudge.api.store;

import java.time.Instant;
import org.cpjudge.api.access.SubmissionFacts;
import java.util.List;
import org.cpjudge.judge.SubmissionStatus;
import org.cpjudge.judge.Verdict;

/**
 * A submission as stored: its state, verdict and per-test results, every verdict it was given (oldest first;
 * more than one after a rejudge), and its source files ({@code filesJson}, [{"name", "content"}]), which only
 * those the access policy allows may see.
 *
 * @param verdict null while not judged
 */
public record SubmissionView(String id, long userId, String handle, String problem, String language, String contest,
                             SubmissionStatus status, Verdict verdict, Double score, Integer timeMs, Integer memoryKb,
                             String compileOutput, Instant createdAt, String filesJson, List<JudgedTest> testcases,
                             List<PastJudgement> history) {

    public SubmissionFacts facts() {
        return new SubmissionFacts(userId, problem, contest, createdAt);
    }
}
