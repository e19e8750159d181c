package org.cpjudge.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cpjudge.judge.problem.TestCase;
import org.cpjudge.judge.problem.TestGroup;
import org.cpjudge.judge.problem.TestGroup.Aggregation;
import org.cpjudge.judge.problem.TestGroup.Scoring;
import org.junit.jupiter.api.Test;

/** Per-subtask scores: each top-level group of data/secret, with what it earned and what it is worth. */
class ScorerSubtasksTest {

    private static TestCase test(String name) {
        return new TestCase(name, Path.of(name + ".in"), Path.of(name + ".ans"), List.of(), List.of());
    }

    private static TestGroup group(String name, double points, String... tests) {
        return new TestGroup(name, java.util.Arrays.stream(tests).map(ScorerSubtasksTest::test).toList(), List.of(),
                new Scoring(points, Aggregation.MIN, 1, 0, true));
    }

    @Test
    void eachTopLevelSecretGroupIsASubtaskWithItsScoreAndMax() {
        TestGroup secret = new TestGroup("secret", List.of(), List.of(
                group("secret/group1", 30, "secret/group1/1", "secret/group1/2"),
                group("secret/group2", 70, "secret/group2/1", "secret/group2/2")), Scoring.DEFAULT);
        TestGroup sample = new TestGroup("sample", List.of(test("sample/1")), List.of(),
                new Scoring(null, Aggregation.SUM, 1, 0, false));
        TestGroup data = new TestGroup("", List.of(), List.of(sample, secret), Scoring.DEFAULT);
        Map<String, TestCaseResult> results = new HashMap<>();
        results.put("secret/group1/1", new TestCaseResult("secret/group1/1", Verdict.AC, 1, 1, null));
        results.put("secret/group1/2", new TestCaseResult("secret/group1/2", Verdict.AC, 1, 1, null));
        results.put("secret/group2/1", new TestCaseResult("secret/group2/1", Verdict.AC, 1, 1, null));
        results.put("secret/group2/2", new TestCaseResult("secret/group2/2", Verdict.WA, 1, 1, null));
        Scorer scorer = new Scorer(results, data);
        assertEquals(List.of(new SubtaskScore("secret/group1", 30, 30), new SubtaskScore("secret/group2", 0, 70)),
                scorer.subtasks());
        assertEquals(30, scorer.score(), 1e-9);
    }

    @Test
    void aGroupThatRequiresAnotherScoresOnlyOnceThatOneIsPassedInFull() {
        TestGroup sample = new TestGroup("sample", List.of(test("sample/1")), List.of(),
                new Scoring(null, Aggregation.SUM, 1, 0, false));
        TestGroup dependent = new TestGroup("secret/g", List.of(test("secret/g/1")), List.of(),
                new Scoring(40.0, Aggregation.MIN, 1, 0, true, false, List.of("sample"), false));
        TestGroup secret = new TestGroup("secret", List.of(), List.of(dependent), Scoring.DEFAULT);
        TestGroup data = new TestGroup("", List.of(), List.of(sample, secret), Scoring.DEFAULT);
        Map<String, TestCaseResult> results = new HashMap<>();
        results.put("secret/g/1", new TestCaseResult("secret/g/1", Verdict.AC, 1, 1, null));
        results.put("sample/1", new TestCaseResult("sample/1", Verdict.WA, 1, 1, null));
        assertEquals(0, new Scorer(results, data).score(), 1e-9);
        results.put("sample/1", new TestCaseResult("sample/1", Verdict.AC, 1, 1, null));
        assertEquals(40, new Scorer(results, data).score(), 1e-9);
    }

    @Test
    void aSecretFolderWithoutGroupsHasNoSubtasks() {
        TestGroup secret = new TestGroup("secret", List.of(test("secret/1")), List.of(), Scoring.DEFAULT);
        TestGroup data = new TestGroup("", List.of(), List.of(secret), Scoring.DEFAULT);
        assertEquals(List.of(), new Scorer(Map.of(), data).subtasks());
    }
}
