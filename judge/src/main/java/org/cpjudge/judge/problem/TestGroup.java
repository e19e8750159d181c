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

    /**
     * How a group is scored.
     *
     * @param maxScore     2023-07 {@code score}: the points the group is worth, or null when it is the sum of
     *                     its children (legacy)
     * @param aggregation  how children combine
     * @param acceptScore  legacy {@code accept_score}: an accepted test case's score (default 1)
     * @param rejectScore  legacy {@code reject_score}: a rejected test case's score (default 0)
     * @param counts       false for groups that never add to the score (samples)
     */
    public record Scoring(Double maxScore, Aggregation aggregation, double acceptScore, double rejectScore,
            boolean counts) {

        public static final Scoring DEFAULT = new Scoring(null, Aggregation.SUM, 1, 0, true);
    }

    public enum Aggregation { SUM, MIN, MAX, AVG }
}
