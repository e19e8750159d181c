package org.cpjudge.judge.checker;

import org.cpjudge.judge.Verdict;

/**
 * What an output validator said about one output.
 *
 * @param verdict  AC, WA, or JE when the validator itself failed
 * @param score    the validator's score for the test case (score.txt, testlib points), else null
 * @param message  the judge message, for people reviewing the submission
 * @param scoreMultiplier  2025-09 score_multiplier.txt: the fraction of the test case's worth it earned, else null
 */
public record CheckResult(Verdict verdict, Double score, String message, Double scoreMultiplier) {

    public CheckResult(Verdict verdict, Double score, String message) {
        this(verdict, score, message, null);
    }

    public static CheckResult accepted() {
        return new CheckResult(Verdict.AC, null, "");
    }

    public static CheckResult wrong(String message) {
        return new CheckResult(Verdict.WA, null, message);
    }

    public static CheckResult judgeError(String message) {
        return new CheckResult(Verdict.JE, null, message);
    }
}
