package org.cpjudge.judge.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cpjudge.judge.JudgeResult;
import org.cpjudge.judge.SubtaskScore;
import org.cpjudge.judge.TestCaseResult;
import org.cpjudge.judge.Verdict;
import org.cpjudge.judge.problem.SubmissionRules.Expectation;
import org.cpjudge.judge.problem.SubmissionRules.Rule;

/**
 * Holds a judgement against what the package expects of the submission: each rule's permitted and required
 * verdicts over the test cases it covers, its score and its message. A compile error is one verdict, CE, over
 * the whole submission; a judge error never matches anything.
 */
final class RuleCheck {

    private RuleCheck() {
    }

    /** Why the judgement breaks the expectation; empty when it keeps every rule. */
    static List<String> failures(Expectation expectation, JudgeResult got) {
        var out = new ArrayList<String>();
        if (got.verdict() == Verdict.JE) {
            out.add("judge error: " + firstLine(got));
            return out;
        }
        for (Rule rule : expectation.rules()) {
            failure(rule, got).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<String> failure(Rule rule, JudgeResult got) {
        if (rule.finalVerdict().isPresent()) {
            return rule.finalVerdict().get().contains(got.verdict()) ? Optional.empty()
                    : Optional.of("got " + got.verdict() + ", not " + rule.describe());
        }
        List<Verdict> verdicts = got.verdict() == Verdict.CE ? List.of(Verdict.CE)
                : got.testcases().stream().filter(t -> rule.covers(t.name())).map(TestCaseResult::verdict).toList();
        for (TestCaseResult t : got.testcases()) {
            if (rule.covers(t.name()) && !rule.permitted().contains(t.verdict())) {
                return Optional.of(t.name() + " got " + t.verdict() + ", not one of " + rule.describe());
            }
        }
        if (got.verdict() == Verdict.CE && !rule.permitted().contains(Verdict.CE)) {
            return Optional.of("compile error");
        }
        if (!rule.required().isEmpty() && verdicts.stream().noneMatch(rule.required()::contains)) {
            return Optional.of("no test case got " + rule.describe());
        }
        if (rule.score().isPresent()) {
            var range = rule.score().get();
            if (rule.tests().isEmpty()) {
                if (got.score() == null || !range.contains(got.score())) {
                    return Optional.of("score " + got.score() + ", expected " + range);
                }
            } else {
                List<SubtaskScore> groups = got.subtasks().stream().filter(s -> rule.covers(s.name())).toList();
                if (groups.isEmpty()) {
                    return Optional.of("no group matches " + rule.tests().get() + " to score");
                }
                for (SubtaskScore g : groups) {
                    if (!range.contains(g.score())) {
                        return Optional.of(g.name() + " scored " + g.score() + ", expected " + range);
                    }
                }
            }
        }
        if (rule.message().isPresent() && got.testcases().stream()
                .filter(t -> rule.covers(t.name())).noneMatch(t -> t.message().contains(rule.message().get()))) {
            return Optional.of("no judge message says '" + rule.message().get() + "'");
        }
        return Optional.empty();
    }

    /**
     * Whether judging may stop after {@code result}: a rule already broken cannot be mended by more test
     * cases, and a rule that permits everything is kept once its requirement is met.
     */
    static boolean settled(Expectation expectation, List<TestCaseResult> soFar) {
        boolean allKept = true;
        for (Rule rule : expectation.rules()) {
            if (rule.finalVerdict().isPresent()) {
                // the verdict is the first failure's: judging may stop there, as a contest's does
                allKept &= soFar.stream().anyMatch(t -> t.verdict() != org.cpjudge.judge.Verdict.AC);
                continue;
            }
            boolean broken = soFar.stream().anyMatch(t -> rule.covers(t.name())
                    && !rule.permitted().contains(t.verdict()));
            if (broken) {
                return true;
            }
            boolean kept = rule.permitted().containsAll(org.cpjudge.judge.problem.SubmissionRules.anyTestVerdict())
                    && rule.score().isEmpty() && rule.message().isEmpty()
                    && (rule.required().isEmpty() || soFar.stream().anyMatch(t -> rule.covers(t.name())
                    && rule.required().contains(t.verdict())));
            allKept &= kept;
        }
        return allKept && !expectation.rules().isEmpty();
    }

    private static String firstLine(JudgeResult got) {
        String text = got.testcases().stream().filter(t -> t.verdict() == Verdict.JE).map(TestCaseResult::message)
                .findFirst().orElse(got.compileOutput()).strip();
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
