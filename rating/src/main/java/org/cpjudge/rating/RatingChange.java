package org.cpjudge.rating;

/**
 * The outcome of a rated contest for one contestant.
 *
 * @param handle             the contestant
 * @param rank               their place: tied contestants all get the worst place of their tie group
 * @param oldRating          internal rating before the contest
 * @param newRating          internal rating after it ({@code oldRating + delta})
 * @param delta              the rating change
 * @param seed               their expected place before the contest: {@code 1 + sum of P(j beats them)}
 * @param oldDisplayedRating public rating before the contest, under the newcomer rule used
 * @param newDisplayedRating public rating after it
 */
public record RatingChange(String handle, int rank, int oldRating, int newRating, int delta, double seed,
                           int oldDisplayedRating, int newDisplayedRating) {
}
