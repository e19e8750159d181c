package org.cpjudge.api.clics;

import java.time.Instant;
import org.cpjudge.api.access.AccessPolicy;
import org.cpjudge.api.contest.Contest;

/**
 * Who reads the Contest API, and so what they may see. An administrator sees everything. Everyone else (no token,
 * or a contestant's token: the API has no team view yet) sees what the public scoreboard shows:
 * <ul>
 *   <li>a contest's problems only from its start, as {@link AccessPolicy} allows anonymous readers;</li>
 *   <li>every submission, but not the verdict of one made in the freeze while the board is frozen;</li>
 *   <li>test case runs only once the contest is over (the board never shows them while it runs);</li>
 *   <li>no source files, unless the contest opens them after its end;</li>
 *   <li>public clarifications only (answers to all and announcements).</li>
 * </ul>
 */
public record Audience(boolean administrator) {

    public static final Audience PUBLIC = new Audience(false);
    public static final Audience ADMINISTRATOR = new Audience(true);

    /** As the access policy says for an anonymous reader: from the start (a private contest's: never). */
    boolean seesProblems(Contest contest, Instant now) {
        return administrator || AccessPolicy.inContest(contest, now, false).visible();
    }

    /** The board hides the results of tries made from the freeze on until it is lifted. */
    boolean seesVerdictOf(Contest contest, Instant submittedAt, Instant now) {
        return administrator || !hiddenByFreeze(contest, submittedAt, now);
    }

    static boolean hiddenByFreeze(Contest contest, Instant submittedAt, Instant now) {
        return contest.frozenAt(now) && !submittedAt.isBefore(contest.freezeStart());
    }

    boolean seesRuns(Contest contest, Instant now) {
        return administrator || contest.overAt(now);
    }

    boolean seesSources(Contest contest, Instant now) {
        return administrator || (contest.overAt(now) && contest.admission().sourcesPublicAfter());
    }

    boolean seesClarification(ContestData.Clarification c) {
        return administrator || c.isPublic();
    }

    /** The scoreboard a caller reads: frozen for the public, live for administrators. */
    boolean hidesFrozen() {
        return !administrator;
    }
}
