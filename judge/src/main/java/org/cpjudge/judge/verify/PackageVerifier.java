package org.cpjudge.judge.verify;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cpjudge.judge.BuildScripts;
import org.cpjudge.judge.Judge;
import org.cpjudge.judge.JudgeListener;
import org.cpjudge.judge.JudgeResult;
import org.cpjudge.judge.PackagePrograms;
import org.cpjudge.judge.Submission;
import org.cpjudge.judge.TestCaseResult;
import org.cpjudge.judge.problem.KattisLanguages;
import org.cpjudge.judge.problem.Problem;
import org.cpjudge.judge.problem.ReferenceSubmission;
import org.cpjudge.judge.problem.SubmissionRules;
import org.cpjudge.judge.problem.SubmissionRules.Expectation;

/**
 * Judges every reference submission of a package and holds each judgement against what the package expects
 * of it ({@link org.cpjudge.judge.problem.SubmissionRules}: its folder's rule and submissions.yaml's).
 *
 * <p>A submission in a language this machine lacks is skipped, not failed; one in a folder that promises
 * nothing (and that submissions.yaml does not mention) is judged and shown, unchecked.
 */
public final class PackageVerifier {

    /** How a row came out. */
    public enum Outcome {
        /** Got what the package expects. */
        MATCH,
        /** Did not. */
        MISMATCH,
        /** Not judged: no installed language takes its files. */
        SKIPPED,
        /** Judged, but nothing says what to expect of it. */
        UNCHECKED
    }

    /**
     * One row of the table.
     *
     * @param got          the judgement; empty when the submission was not judged
     * @param timeLimitMs  the limit it was judged under
     * @param note         why it did not match, or why it was skipped
     */
    public record Row(ReferenceSubmission submission, Expectation expectation, Optional<JudgeResult> got,
            long timeLimitMs, Outcome outcome, String note) {

        public boolean matches() {
            return outcome == Outcome.MATCH;
        }

        /** What the package expects, briefly: "AC", "AC,WA with WA", or the folder when nothing is said. */
        public String expected() {
            return expectation.says() ? expectation.describe() : submission.folder() + " (no rule)";
        }
    }

    private final Judge judge;

    public PackageVerifier(Judge judge) {
        this.judge = judge;
    }

    public List<Row> verify(Problem problem) {
        var rows = new ArrayList<Row>();
        for (ReferenceSubmission s : problem.submissions()) {
            rows.add(verify(problem, s));
        }
        return rows;
    }

    private Row verify(Problem problem, ReferenceSubmission s) {
        Expectation declared = problem.submissionRules().forSubmission(s.displayName());
        long limit = problem.timeLimitMs();
        Optional<Submission> submission;
        try {
            submission = load(problem, s, declared);
        } catch (IOException e) {
            return new Row(s, declared, Optional.empty(), limit, Outcome.MISMATCH, "cannot read: " + e.getMessage());
        }
        Expectation expectation = submission.flatMap(sub -> sub.files().stream()
                        .map(f -> SubmissionRules.domjudgeExpectedResults(f.content()))
                        .flatMap(Optional::stream).findFirst())
                .map(declared::withDomjudgeResults).orElse(declared);
        if (submission.isEmpty()) {
            String why = expectation.language().map(l -> "language " + l + " is not installed here")
                    .orElse("no installed language takes its files");
            return new Row(s, expectation, Optional.empty(), limit, Outcome.SKIPPED, why);
        }
        var soFar = new ArrayList<TestCaseResult>();
        Judge.StopRule stop = expectation.says()
                ? r -> {
                    soFar.add(r);
                    return RuleCheck.settled(expectation, soFar);
                }
                : Judge.StopRule.FIRST_FAILURE;
        JudgeResult r = judge.judge(problem, submission.get(), JudgeListener.NONE, stop);
        if (!expectation.says()) {
            return new Row(s, expectation, Optional.of(r), limit, Outcome.UNCHECKED, "");
        }
        List<String> failures = RuleCheck.failures(expectation, r);
        return new Row(s, expectation, Optional.of(r), limit, failures.isEmpty() ? Outcome.MATCH : Outcome.MISMATCH,
                String.join("; ", failures));
    }

    /** The submission's files in the language submissions.yaml gives it, else the one its files are in. */
    private Optional<Submission> load(Problem problem, ReferenceSubmission s, Expectation expectation)
            throws IOException {
        Optional<Submission> found = PackagePrograms.load(s, judge.languages()).map(problem.constants()::apply);
        if (expectation.language().isEmpty() || found.isEmpty()
                || found.get().languageId().equals(BuildScripts.LANGUAGE_ID)) {
            return found;
        }
        // submissions.yaml names the language by its Kattis code
        return KattisLanguages.forCode(expectation.language().get(), judge.languages())
                .map(l -> new Submission(l.id(), found.get().files()));
    }

    /** A plain-text table: submission, expected, got, time against the limit, outcome. */
    public static String table(List<Row> rows) {
        int width = Math.max(10, rows.stream().mapToInt(r -> r.submission().displayName().length()).max().orElse(0));
        int expectedWidth = Math.max(8, Math.min(40, rows.stream().mapToInt(r -> r.expected().length()).max()
                .orElse(0)));
        var out = new StringBuilder();
        String format = "%-" + width + "s  %-" + expectedWidth + "s  %-10s  %15s  %s%n";
        out.append(String.format(format, "submission", "expected", "got", "time / limit", "result"));
        for (Row r : rows) {
            String got = r.got().map(PackageVerifier::got).orElse("-");
            String time = r.got().map(j -> j.timeMs() + " / " + r.timeLimitMs() + " ms").orElse("");
            String result = switch (r.outcome()) {
                case MATCH -> "ok";
                case MISMATCH -> "MISMATCH";
                case SKIPPED -> "skipped";
                case UNCHECKED -> "unchecked";
            };
            out.append(String.format(format, r.submission().displayName(), r.expected(), got, time,
                    result + (r.note().isEmpty() ? "" : ": " + r.note())));
        }
        return out.toString();
    }

    /** "12 submissions: 10 as expected, 1 not, 1 skipped (language not installed)". */
    public static String summary(List<Row> rows) {
        long match = count(rows, Outcome.MATCH);
        long mismatch = count(rows, Outcome.MISMATCH);
        long skipped = count(rows, Outcome.SKIPPED);
        long unchecked = count(rows, Outcome.UNCHECKED);
        var out = new StringBuilder(rows.size() + " submissions: " + match + " as expected, " + mismatch + " not");
        if (skipped > 0) {
            out.append(", ").append(skipped).append(" skipped (language not installed)");
        }
        if (unchecked > 0) {
            out.append(", ").append(unchecked).append(" unchecked (no expected verdict)");
        }
        return out.toString();
    }

    /** Whether the package passes: nothing mismatched and at least one submission matched. */
    public static boolean passes(List<Row> rows) {
        return count(rows, Outcome.MISMATCH) == 0 && count(rows, Outcome.MATCH) > 0;
    }

    private static long count(List<Row> rows, Outcome outcome) {
        return rows.stream().filter(r -> r.outcome() == outcome).count();
    }

    private static String got(JudgeResult j) {
        return j.verdict().name() + (j.score() != null ? " " + format(j.score()) : "");
    }

    private static String format(double score) {
        return score == Math.rint(score) ? Long.toString((long) score) : String.format("%.2f", score);
    }
}
