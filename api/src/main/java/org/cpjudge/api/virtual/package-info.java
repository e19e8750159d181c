/**
 * Virtual participation: a user takes a finished contest later, on their own clock or on a declared schedule, and
 * is ranked against the contest's real final standings (imported; the real participants are not users here).
 * The virtual tries are scored by the contest's own {@link org.cpjudge.api.contest.ScoringRule} and ranked and
 * rated by the rating module; virtual runs are never rated and change nobody's rating.
 */
package org.cpjudge.api.virtual;
