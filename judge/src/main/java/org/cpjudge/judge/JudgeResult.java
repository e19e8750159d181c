package org.cpjudge.judge;

import java.util.List;

/**
 * The judgement of a whole submission.
 *
 * @param verdict        AC when every test case was accepted, else the first failing test case's verdict
 *                       (or CE / JE)
 * @param score          the submission's score for scoring problems, else null
 * @param timeMs         the largest CPU time over the test cases run
 * @param memoryKb       the largest peak memory over the test cases run
 * @param testcases      the test cases run, in order (pass-fail problems stop at the first failure unless
 *                       judged with {@code runAllTests})
 * @param compileOutput  what the compiler said, at most 64 KiB
 * @param subtasks       scoring problems: what each subtask (top-level group of data/secret) earned; else empty
 */
public record JudgeResult(
        Verdict verdict, Double score, long timeMs, long memoryKb, List<TestCaseResult> testcases,
        String compileOutput, List<SubtaskScore> subtasks) {

    public JudgeResult {
        testcases = List.copyOf(testcases);
        compileOutput = compileOutput == null ? "" : compileOutput;
        subtasks = subtasks == null ? List.of() : List.copyOf(subtasks);
    }

    /** A judgement without subtask scores (pass-fail problems, compile and judge errors). */
    public JudgeResult(Verdict verdict, Double score, long timeMs, long memoryKb, List<TestCaseResult> testcases,
                       String compileOutput) {
        this(verdict, score, timeMs, memoryKb, testcases, compileOutput, List.of());
    }

    static JudgeResult compileError(String compileOutput) {
        return new JudgeResult(Verdict.CE, null, 0, 0, List.of(), compileOutput);
    }

    static JudgeResult judgeError(String why) {
        return new JudgeResult(Verdict.JE, null, 0, 0, List.of(), why);
    }
}
