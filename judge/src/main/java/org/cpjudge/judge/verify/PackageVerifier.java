package org.cpjudge.judge.verify;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cpjudge.judge.Judge;
import org.cpjudge.judge.JudgeListener;
import org.cpjudge.judge.JudgeResult;
import org.cpjudge.judge.PackagePrograms;
import org.cpjudge.judge.Submission;
import org.cpjudge.judge.Verdict;
import org.cpjudge.judge.problem.Problem;
import org.cpjudge.judge.problem.ReferenceSubmission;

/**
 * Judges every reference submission of a package and compares its verdict with the one its folder promises
 * ({@code accepted} AC, {@code wrong_answer} WA, ...; {@code rejected} anything but AC).
 */
public final class PackageVerifier {

    /** One row of the table: {@code got} is empty when the submission could not be judged at all. */
    public record Row(ReferenceSubmission submission, String expected, Optional<JudgeResult> got, String note) {

        public boolean matches() {
            if (got.isEmpty()) {
                return false;
            }
            Verdict v = got.get().verdict();
            return switch (submission.folder()) {
                case "rejected" -> v != Verdict.AC && v != Verdict.JE && v != Verdict.CE;
                case "brute_force" -> v == Verdict.TLE || v == Verdict.RTE || v == Verdict.MLE;
                default -> submission.expected().map(e -> e == v).orElse(false);
            };
        }
    }

    private final Judge judge;

    public PackageVerifier(Judge judge) {
        this.judge = judge;
    }

    public List<Row> verify(Problem problem) {
        var rows = new ArrayList<Row>();
        for (ReferenceSubmission s : problem.submissions()) {
            String expected = s.expected().map(Verdict::name).orElse(s.folder());
            Optional<Submission> submission;
            try {
                submission = PackagePrograms.load(s, judge.languages());
            } catch (IOException e) {
                rows.add(new Row(s, expected, Optional.empty(), "cannot read: " + e.getMessage()));
                continue;
            }
            if (submission.isEmpty()) {
                rows.add(new Row(s, expected, Optional.empty(), "no installed language for it"));
                continue;
            }
            JudgeResult r = judge.judge(problem, submission.get(), JudgeListener.NONE);
            String note = r.score() != null ? "score " + format(r.score()) : "";
            rows.add(new Row(s, expected, Optional.of(r), note));
        }
        return rows;
    }

    /** A plain-text table: submission, expected, got, time. */
    public static String table(List<Row> rows) {
        int width = Math.max(10, rows.stream().mapToInt(r -> r.submission().displayName().length()).max().orElse(0));
        var out = new StringBuilder();
        out.append(String.format("%-" + width + "s  %-8s  %-4s  %8s  %s%n", "submission", "expected", "got", "time",
                ""));
        for (Row r : rows) {
            String got = r.got().map(j -> j.verdict().name()).orElse("-");
            String time = r.got().map(j -> j.timeMs() + " ms").orElse("");
            out.append(String.format("%-" + width + "s  %-8s  %-4s  %8s  %s%s%n", r.submission().displayName(),
                    r.expected(), got, time, r.matches() ? "ok" : "MISMATCH", r.note().isEmpty() ? "" : " " + r.note()));
        }
        return out.toString();
    }

    private static String format(double score) {
        return score == Math.rint(score) ? Long.toString((long) score) : Double.toString(score);
    }
}
