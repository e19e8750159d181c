package org.cpjudge.api.store;

import org.cpjudge.judge.Verdict;

/**
 * One test case's result as stored.
 *
 * @param outputSha256 the fingerprint of what the run wrote (hex), or null when none was taken
 */
public record JudgedTest(String name, Verdict verdict, int timeMs, int memoryKb, Double score, String outputSha256) {

    public JudgedTest(String name, Verdict verdict, int timeMs, int memoryKb, Double score) {
        this(name, verdict, timeMs, memoryKb, score, null);
    }
}
