package org.cpjudge.api.virtual;

/**
 * A real participant's result on one problem, as official standings give it.
 *
 * @param minute   the minute of the accepted try (solved), or of the best-scoring one (IOI), else null
 * @param rejected tries rejected before the accepted one (or in all, unsolved)
 * @param points   the problem's points where the contest's rule takes a score (IOI), else null
 */
public record ProblemCell(String problemId, boolean solved, Integer minute, int rejected, Double points) {
}
