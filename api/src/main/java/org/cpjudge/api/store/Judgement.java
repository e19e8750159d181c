package org.cpjudge.api.store;

import java.util.List;

/** What a worker writes back for one submission, in one transaction. */
public record Judgement(String verdict, Double score, int timeMs, int memoryKb, String compileOutput,
                        List<JudgedTest> testcases) {
}
