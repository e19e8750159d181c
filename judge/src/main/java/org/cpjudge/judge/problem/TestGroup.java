package org.cpjudge.judge.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder of {@code data/}: test cases and subgroups in lexicographic order, and how their scores add up.
 *
 * @param name      path relative to {@code data/}, such as {@code secret/group1}; empty for {@code data/}
 * @param tests     this folder's own test cases
 * @param groups    its subfolders
 * @param scoring   how this group's score is computed from its children's
 */
public record TestGroup(String name, List<TestCase> tests, List<TestGroup> groups, Scoring scoring) {

    public TestGroup {
        tests = List.copyOf(tests);
        groups = List.copyOf(groups);
    }

    /** Every test case of the group and its subgroups, in judging order (names sort across both). */
    public List<TestCase> allTests() {
        var out = new ArrayList<TestCase>();
        children().forEach(c -> {
            if (c instanceof TestCase t) {
                out.add(t);
            } else {
                out.addAll(((TestGroup) c).allTests());
            }
        });
        return out;
    }

    /** Test cases and subgroups merged in lexicographic order of name, as the format says they are used. */
    public List<Object> children() {
        return Stream.concat(tests.stream().map(t -> (Object) t), groups.stream().map(g -> (Object) g))
                .sorted(java.util.Comparator.comparing(TestGroup::nameOf)).toList();
    }

    static String nameOf(Object child) {
        return child instanceof TestCase t ? t.name() : ((TestGroup) child).name();
    }

    /** The group that holds the test case called {@code testName} itself. */
    public java.util.Optional<TestGroup> groupOf(String testName) {
        if (tests.stream().anyMatch(t -> t.name().equals(testName))) {
            return java.util.Optional.of(this);
        }
        return groups.stream().map(g -> g.groupOf(testName)).flatMap(java.util.Optional::stream).findFirst();
    }

    /** The group named {@code name} (relative to {@code data/}) in this tree, if there is one. */
    public java.util.Optional<TestGroup> find(String groupName) {
        if (name.equals(groupName)) {
            return java.util.Optional.of(this);
        }
        return groups.stream().map(g -> g.find(groupName)).flatMap(java.util.Optional::stream).findFirst();
    }

    /**
     * How a group is scored.
     *
     * @param maxScore            the points the group is worth (2023-07 {@code score}, 2025-09 {@code max_score}),
     *                            or null when it is the sum of its children (legacy) or unbounded
     * @param aggregation         how children combine
     * @param acceptScore         legacy {@code accept_score}: an accepted test case's score (default 1)
     * @param rejectScore         legacy {@code reject_score}: a rejected test case's score (default 0)
     * @param counts              false for groups that never add to the score (samples)
     * @param absoluteTestScores  2025-09: a test case is worth its share of the group ({@code max_score / N} under
     *                            {@code sum}, all of it under {@code min}) and {@code score.txt} gives points, not a
     *                            fraction of {@code accept_score}
     * @param requirePass         2025-09 {@code require_pass}: groups (or {@code sample}) that must be passed in full
     *                            for this one to score
     * @param breakOnReject       legacy {@code on_reject: break}: the group stops at its first rejected test case
     */
    public record Scoring(Double maxScore, Aggregation aggregation, double acceptScore, double rejectScore,
            boolean counts, boolean absoluteTestScores, List<String> requirePass, boolean breakOnReject) {

        public static final Scoring DEFAULT = new Scoring(null, Aggregation.SUM, 1, 0, true, false, List.of(), false);

        public Scoring {
            requirePass = List.copyOf(requirePass);
        }

        /** A legacy or 2023-07 group's scoring: points relative to accept_score, no dependencies, run to the end. */
        public Scoring(Double maxScore, Aggregation aggregation, double acceptScore, double rejectScore,
                boolean counts) {
            this(maxScore, aggregation, acceptScore, rejectScore, counts, false, List.of(), false);
        }

        /** The most one test case of this group, out of {@code testsInGroup}, can score. */
        public double testMax(int testsInGroup) {
            if (!absoluteTestScores || maxScore == null) {
                return acceptScore;
            }
            return aggregation == Aggregation.SUM ? maxScore / Math.max(1, testsInGroup) : maxScore;
        }
    }

    /** {@code PASS_FAIL}: the group's full score when every test case in it is accepted, else nothing. */
    public enum Aggregation { SUM, MIN, MAX, AVG, PASS_FAIL }
}
