package org.cpjudge.api.store;

import java.time.Instant;
import java.util.List;

/**
 * A submission as clients see it: its state, verdict and per-test results (never its source), and every
 * verdict it was given, oldest first (more than one after a rejudge).
 */
public record SubmissionView(String id, String handle, String problem, String language, String contest,
                             String status, String verdict, Double score, Integer timeMs, Integer memoryKb,
                             String compileOutput, Instant createdAt, List<JudgedTest> testcases,
                             List<PastJudgement> history) {
}
