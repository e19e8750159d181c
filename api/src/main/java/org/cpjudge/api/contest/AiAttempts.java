package org.cpjudge.api.contest;

/**
 * How an AI contestant's attempt group (submissions sharing {@code attempt.group}) counts in a contest: every
 * attempt as a try of its own, as a human's submissions would, or the group as one try, its consensus pick, at
 * the time of the group's last attempt.
 */
public enum AiAttempts {
    EVERY, CONSENSUS
}
