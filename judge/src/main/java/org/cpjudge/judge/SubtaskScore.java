package org.cpjudge.judge;

/**
 * What one subtask (a top-level test group under {@code data/secret}) earned in one submission: IOI's rule
 * since 2017 takes each subtask's best over all of a contestant's submissions.
 *
 * @param name  the group's path relative to {@code data/}, such as {@code secret/group1}
 * @param score the points it earned
 * @param max   the points it is worth
 */
public record SubtaskScore(String name, double score, double max) {
}
