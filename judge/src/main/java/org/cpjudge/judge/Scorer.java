package org.cpjudge.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cpjudge.judge.problem.TestCase;
import org.cpjudge.judge.problem.TestGroup;
import org.cpjudge.judge.problem.TestGroup.Scoring;

/**
 * Adds up a scoring problem's test case results over its test group tree.
 *
 * <p>A test case scores its group's {@code accept_score} when accepted (or what its validator wrote in
 * score.txt) and {@code reject_score} otherwise. A group combines its children by its aggregation; a group
 * with a 2023-07 {@code score} is worth that many points times the fraction its children earned (for
 * {@code min}, all or nothing in the usual subtask case). Samples never count.
 *
 * <p>2025-09 groups ({@link Scoring#absoluteTestScores()}): a test case is worth its share of the group, and
 * what score.txt says is points; a {@code pass-fail} group is worth its full score only when every test case
 * in it is accepted; a group whose {@code require_pass} groups were not passed in full scores nothing.
 */
final class Scorer {

    private final Map<String, TestCaseResult> results;
    private final TestGroup root;

    Scorer(Map<String, TestCaseResult> results, TestGroup data) {
        this.results = results;
        this.root = data;
    }

    double score() {
        return group(root).score;
    }

    /** Each top-level group under {@code data/secret} with what it earned; empty when secret has no groups. */
    List<SubtaskScore> subtasks() {
        List<SubtaskScore> subtasks = new ArrayList<>();
        for (TestGroup top : root.groups()) {
            if (!top.name().equals("secret")) {
                continue;
            }
            for (TestGroup g : top.groups()) {
                if (g.scoring().counts()) {
                    Points p = group(g);
                    subtasks.add(new SubtaskScore(g.name(), p.score, p.max));
                }
            }
        }
        return subtasks;
    }

    private record Points(double score, double max) {
        double fraction() {
            return max > 0 ? score / max : (score > 0 ? 1 : 0);
        }
    }

    private Points group(TestGroup group) {
        Scoring scoring = group.scoring();
        double max = scoring.maxScore() == null ? 0 : scoring.maxScore();
        if (scoring.aggregation() == TestGroup.Aggregation.PASS_FAIL || !requiredPassed(scoring)) {
            return new Points(requiredPassed(scoring) && allAccepted(group) ? max : 0, max);
        }
        var parts = new ArrayList<Points>();
        for (Object child : group.children()) {
            if (child instanceof TestCase t) {
                if (scoring.counts()) {
                    parts.add(test(t, scoring, group.tests().size()));
                }
            } else {
                TestGroup g = (TestGroup) child;
                if (g.scoring().counts()) {
                    parts.add(group(g));
                }
            }
        }
        if (parts.isEmpty()) {
            return new Points(0, scoring.maxScore() == null ? 0 : scoring.maxScore());
        }
        if (scoring.absoluteTestScores()) {
            // 2025-09: test cases score points (their share of the group), groups add up or take the least
            double score = combine(scoring.aggregation(), parts.stream().map(Points::score).toList(), false);
            return new Points(score, scoring.maxScore() != null ? scoring.maxScore() : score);
        }
        if (scoring.maxScore() != null) {
            double fraction = combine(scoring.aggregation(), parts.stream().map(Points::fraction).toList(), true);
            return new Points(scoring.maxScore() * fraction, scoring.maxScore());
        }
        return new Points(combine(scoring.aggregation(), parts.stream().map(Points::score).toList(), false),
                combine(scoring.aggregation(), parts.stream().map(Points::max).toList(), false));
    }

    /** Whether every group {@code require_pass} names was passed in full. */
    private boolean requiredPassed(Scoring scoring) {
        for (String name : scoring.requirePass()) {
            if (root.find(name).map(g -> !allAccepted(g)).orElse(true)) {
                return false;
            }
        }
        return true;
    }

    private boolean allAccepted(TestGroup group) {
        return group.allTests().stream().allMatch(t -> results.get(t.name()) != null
                && results.get(t.name()).verdict() == Verdict.AC);
    }

    private Points test(TestCase t, Scoring scoring, int testsInGroup) {
        TestCaseResult r = results.get(t.name());
        double max = scoring.testMax(testsInGroup);
        if (r == null || r.verdict() != Verdict.AC) {
            return new Points(scoring.rejectScore(), max);
        }
        return new Points(r.score() != null ? r.score() : max, max);
    }

    /** Sums of fractions are averaged, so that a group's fraction stays between 0 and 1. */
    private static double combine(TestGroup.Aggregation aggregation, List<Double> values, boolean fractions) {
        return switch (aggregation) {
            case SUM -> fractions ? average(values) : values.stream().mapToDouble(d -> d).sum();
            case MIN -> values.stream().mapToDouble(d -> d).min().orElse(0);
            case MAX -> values.stream().mapToDouble(d -> d).max().orElse(0);
            case AVG, PASS_FAIL -> average(values);
        };
    }

    private static double average(List<Double> values) {
        return values.stream().mapToDouble(d -> d).average().orElse(0);
    }
}
