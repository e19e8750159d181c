package org.cpjudge.api.contest;

/** How an IOI problem's points are counted from a contestant's submissions. */
public enum IoiRule {
    /** The sum over subtasks of each subtask's best score in any submission (the IOI rule since 2017). */
    SUBTASK_MAX,
    /** The best single submission's score. */
    BEST_SUBMISSION
}
