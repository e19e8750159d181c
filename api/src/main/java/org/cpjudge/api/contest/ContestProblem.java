package org.cpjudge.api.contest;

/**
 * A problem as it appears in a contest.
 *
 * @param label  what the board calls it: A, B, ... unless the contest names them
 * @param points its initial value in a Codeforces round, else null
 * @param rating its difficulty on the Codeforces rating scale, else null
 */
public record ContestProblem(String problemId, String label, Integer points, Integer rating) {

    public ContestProblem(String problemId, String label, Integer points) {
        this(problemId, label, points, null);
    }
}
