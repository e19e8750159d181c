package org.cpjudge.api.clics;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cpjudge.api.contest.AttemptTag;
import org.cpjudge.api.contest.Contest;
import org.cpjudge.api.contest.ContestSubmission;
import org.cpjudge.api.contest.Participant;
import org.cpjudge.judge.SubmissionStatus;
import org.cpjudge.judge.Verdict;

/**
 * Everything the Contest API shows about one contest, read in one go from PostgreSQL; what a caller may see of
 * it is decided later ({@link Audience}).
 *
 * @param configuredAt when the contest's settings last changed (created or edited)
 * @param languages    the languages offered now, plus any a submission used (so every reference resolves)
 */
public record ContestData(Contest contest, Instant configuredAt, List<Team> teams, List<Problem> problems,
                          List<Submission> submissions, List<Run> runs, List<Clarification> clarifications,
                          List<Language> languages) {

    /** A registered contestant. */
    public record Team(Participant participant, Instant registeredAt) {
        public long userId() {
            return participant.userId();
        }
    }

    /** A contest problem with what the problems table knows of it; {@code ordinal} 0-based as stored. */
    public record Problem(String problemId, String label, int ordinal, Integer points, String name, int timeLimitMs,
                          int testcases) {
    }

    /**
     * A submission made in the contest.
     *
     * @param fileNames the names of its files, in the order given (the first is its main file)
     * @param judgedAt  when its verdict was written, null until then
     * @param timeMs    its longest test's run time, null if it never ran
     * @param attempt   its attempt group, or null: the contest's attempt rule reads it
     */
    public record Submission(UUID id, long userId, String problemId, String language, Instant createdAt,
                             SubmissionStatus status, Verdict verdict, Double score, Instant judgedAt, Integer timeMs,
                             List<String> fileNames, AttemptTag attempt) {

        public boolean judged() {
            return status == SubmissionStatus.DONE && verdict != null;
        }

        ContestSubmission forScoreboard() {
            return new ContestSubmission(id, userId, problemId, createdAt, status, verdict, score, List.of(), attempt);
        }
    }

    /** One test case's result; {@code ordinal} 0-based as stored. */
    public record Run(UUID submissionId, int ordinal, Verdict verdict, int timeMs) {
    }

    /** A row of the clarifications table (V5). */
    public record Clarification(long id, String problemId, long fromUserId, boolean fromJury, Long replyTo,
                                Long toUserId, boolean isPublic, String text, Instant createdAt) {
    }

    /** A language as a worker announced it ({@code name} the language's id when no worker offers it now). */
    public record Language(String id, String name, List<String> extensions) {
    }
}
