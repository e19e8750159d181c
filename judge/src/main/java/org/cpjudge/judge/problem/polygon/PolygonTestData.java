package org.cpjudge.judge.problem.polygon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cpjudge.judge.problem.TestCase;
import org.cpjudge.judge.problem.TestGroup;
import org.cpjudge.judge.problem.TestGroup.Aggregation;
import org.cpjudge.judge.problem.TestGroup.Scoring;

/**
 * Polygon's testset {@code tests} as our test group tree.
 *
 * <p>Pass-fail: samples under {@code sample/}, the rest under {@code secret/}, named by their number.
 * Scoring (tests or groups carry points): each Polygon group is a group under {@code secret/}. A
 * {@code complete-group} group is worth the sum of its tests' points, all or nothing; an {@code each-test} group
 * gives each accepted test its own points. Samples worth nothing stay samples (and never count); a sample
 * that carries points is judged with its group.
 */
final class PolygonTestData {

    /** One {@code <test>}: its number (from 1), files, and attributes. */
    record Test(int number, Path input, Path answer, boolean sample, String group, double points) {
    }

    /** One {@code <group>}: its points when given, and whether it is all or nothing. */
    /** A group of tests; {@code dependsOn}: the groups it scores only after they are passed in full. */
    record Group(String name, Double points, boolean completeGroup, List<String> dependsOn) {

        Group {
            dependsOn = List.copyOf(dependsOn);
        }
    }

    private final List<Test> tests;
    private final Map<String, Group> groups;
    private final int width;

    PolygonTestData(List<Test> tests, List<Group> declared) {
        this.tests = List.copyOf(tests);
        this.groups = new LinkedHashMap<>();
        declared.forEach(g -> groups.put(g.name(), g));
        // a group a test names without declaring it scores each test
        tests.stream().filter(t -> t.group() != null && !groups.containsKey(t.group()))
                .forEach(t -> groups.put(t.group(), new Group(t.group(), null, false, List.of())));
        this.width = Math.max(2, Integer.toString(tests.size()).length());
    }

    /** Any test or group gives points: the problem is scored. */
    boolean scoring() {
        return tests.stream().anyMatch(t -> t.points() > 0)
                || groups.values().stream().anyMatch(g -> g.points() != null && g.points() > 0);
    }

    TestGroup tree() {
        boolean scoring = scoring();
        var samples = new ArrayList<TestCase>();
        var secret = new ArrayList<Test>();
        for (Test t : tests) {
            if (t.sample() && (!scoring || t.points() == 0)) {
                samples.add(testCase("sample/" + number(t), t));
            } else {
                secret.add(t);
            }
        }
        var top = new ArrayList<TestGroup>();
        if (!samples.isEmpty()) {
            top.add(new TestGroup("sample", samples, List.of(), new Scoring(null, Aggregation.SUM, 1, 0, false)));
        }
        if (!secret.isEmpty()) {
            top.add(scoring ? scoredSecret(secret) : new TestGroup("secret",
                    secret.stream().map(t -> testCase("secret/" + number(t), t)).toList(), List.of(),
                    Scoring.DEFAULT));
        }
        return new TestGroup("", List.of(), top, Scoring.DEFAULT);
    }

    private TestGroup scoredSecret(List<Test> secret) {
        var subgroups = new ArrayList<TestGroup>();
        for (Group g : groups.values()) {
            List<Test> mine = secret.stream().filter(t -> g.name().equals(t.group())).toList();
            if (mine.isEmpty()) {
                continue;
            }
            String name = "secret/" + safe(g.name());
            List<String> requirePass = requirePass(g, secret);
            if (g.completeGroup()) {
                double sum = mine.stream().mapToDouble(Test::points).sum();
                double worth = sum > 0 || g.points() == null ? sum : g.points();
                subgroups.add(new TestGroup(name, mine.stream().map(t -> testCase(name + "/" + number(t), t)).toList(),
                        List.of(), new Scoring(worth, Aggregation.MIN, 1, 0, true, false, requirePass, false)));
            } else {
                subgroups.add(eachTest(name, mine, List.of(), requirePass));
            }
        }
        List<Test> ungrouped = secret.stream().filter(t -> t.group() == null).toList();
        return eachTest("secret", ungrouped, subgroups, List.of());
    }

    /**
     * A group's dependencies as the groups of our tree: a group whose tests all became samples is the samples;
     * one that has no tests at all requires nothing.
     */
    private List<String> requirePass(Group g, List<Test> secret) {
        var out = new ArrayList<String>();
        for (String dependency : g.dependsOn()) {
            if (secret.stream().anyMatch(t -> dependency.equals(t.group()))) {
                out.add("secret/" + safe(dependency));
            } else if (tests.stream().anyMatch(t -> dependency.equals(t.group()))) {
                out.add("sample");
            }
        }
        return out;
    }

    /**
     * A group whose accepted tests each earn their own points: the group's accept score when they are all worth
     * the same, else one single-test group per test carrying its points.
     */
    private TestGroup eachTest(String name, List<Test> mine, List<TestGroup> subgroups, List<String> requirePass) {
        boolean uniform = mine.stream().mapToDouble(Test::points).distinct().count() <= 1;
        if (uniform) {
            double points = mine.isEmpty() ? 1 : mine.get(0).points();
            return new TestGroup(name, mine.stream().map(t -> testCase(name + "/" + number(t), t)).toList(),
                    subgroups, new Scoring(null, Aggregation.SUM, points, 0, true, false, requirePass, false));
        }
        var all = new ArrayList<>(subgroups);
        for (Test t : mine) {
            String testName = name + "/" + number(t);
            all.add(new TestGroup(testName, List.of(testCase(testName, t)), List.of(),
                    new Scoring(null, Aggregation.SUM, t.points(), 0, true)));
        }
        return new TestGroup(name, List.of(), all,
                new Scoring(null, Aggregation.SUM, 1, 0, true, false, requirePass, false));
    }

    private String number(Test t) {
        return String.format("%0" + width + "d", t.number());
    }

    private static TestCase testCase(String name, Test t) {
        return new TestCase(name, t.input(), t.answer(), List.of(), List.of());
    }

    /** A group name as one path segment. */
    private static String safe(String group) {
        String s = group.replaceAll("[^A-Za-z0-9_.-]", "_");
        return s.isEmpty() || s.equals(".") || s.equals("..") ? "group_" + s.length() : s;
    }
}
