package org.cpjudge.api.contest;

import java.time.Instant;

/**
 * Who may take part and what the public sees afterwards.
 *
 * @param invitationCode     for a private contest: who knows it registers themselves; null: administrators only
 * @param registrationOpens  null: from the contest's creation
 * @param registrationCloses null: until the contest ends
 * @param practiceAfter      after the contest its problems become practice problems
 * @param sourcesPublicAfter after the contest everyone may read its submissions' sources
 */
public record Admission(Visibility visibility, String invitationCode, Instant registrationOpens,
                        Instant registrationCloses, boolean practiceAfter, boolean sourcesPublicAfter) {

    public static final Admission OPEN = new Admission(Visibility.PUBLIC, null, null, null, true, false);
}
