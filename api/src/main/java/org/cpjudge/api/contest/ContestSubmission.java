package org.cpjudge.api.contest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cpjudge.judge.SubtaskScore;
import org.cpjudge.judge.SubmissionStatus;
import org.cpjudge.judge.Verdict;

/**
 * A submission that counts in a contest, as the scoreboard needs it. {@code verdict} is null until judged;
 * {@code subtasks} holds what each subtask earned (scoring problems), else it is empty. {@code attempt} is the
 * attempt group it belongs to, or null (a human's submission, or an AI's that named no group).
 */
public record ContestSubmission(UUID id, long userId, String problem, Instant submittedAt, SubmissionStatus status,
                                Verdict verdict, Double score, List<SubtaskScore> subtasks, AttemptTag attempt) {

    public ContestSubmission {
        subtasks = subtasks == null ? List.of() : List.copyOf(subtasks);
    }

    public ContestSubmission(UUID id, long userId, String problem, Instant submittedAt, SubmissionStatus status,
                             Verdict verdict, Double score, List<SubtaskScore> subtasks) {
        this(id, userId, problem, submittedAt, status, verdict, score, subtasks, null);
    }

    public ContestSubmission(UUID id, long userId, String problem, Instant submittedAt, SubmissionStatus status,
                             Verdict verdict, Double score) {
        this(id, userId, problem, submittedAt, status, verdict, score, List.of());
    }

    public boolean judged() {
        return status == SubmissionStatus.DONE;
    }

    /** Compile errors and the judge's own failures cost a contestant nothing. */
    public boolean countsAsTry() {
        return judged() && verdict != Verdict.CE && verdict != Verdict.JE;
    }

    public boolean accepted() {
        return judged() && verdict == Verdict.AC;
    }
}
