package org.cpjudge.api.contest;

/**
 * A problem as it appears in a contest.
 *
 * @param label  what the board calls it: A, B, ... unless the contest names them
 * @param points its initial value in a Codeforces round, else null
 */
public record ContestProblem(String problemId, String label, Integer points) {
}
