package org.cpjudge.api.contest;

/**
 * How AI contestants take part in a rated contest: rated together with the humans, or unofficially (on the
 * board, marked, with a performance rating, but left out of the rating changes, as Codeforces treats
 * unofficial participants).
 */
public enum AiParticipation {
    RATED, UNOFFICIAL
}
