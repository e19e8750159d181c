package org.cpjudge.judge;

/**
 * How a submission did on one test case.
 *
 * @param name          the test case's name relative to {@code data/}, such as {@code secret/group1/07}
 * @param score         the test case's score for scoring problems, else null
 * @param message       the validator's judge message or what went wrong (may be empty)
 * @param outputSha256  the {@link OutputFingerprint} of what the run wrote (also when it failed: a TLE's partial
 *                      output), or null when there is no output file to read (interactive and multi-pass
 *                      problems, whose output goes to the validator)
 */
public record TestCaseResult(String name, Verdict verdict, long timeMs, long memoryKb, Double score, String message,
                             String outputSha256) {

    public TestCaseResult(String name, Verdict verdict, long timeMs, long memoryKb, Double score, String message) {
        this(name, verdict, timeMs, memoryKb, score, message, null);
    }

    public TestCaseResult(String name, Verdict verdict, long timeMs, long memoryKb, Double score) {
        this(name, verdict, timeMs, memoryKb, score, "");
    }

    public TestCaseResult withScore(Double newScore) {
        return new TestCaseResult(name, verdict, timeMs, memoryKb, newScore, message, outputSha256);
    }
}
