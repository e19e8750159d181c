package org.cpjudge.api.contest;

/**
 * A registered contestant.
 *
 * @param kind        "human" or "ai"
 * @param displayName the name the board shows beside the handle (a team's name), or null
 * @param affiliation a university or company, or null
 */
public record Participant(long userId, String handle, String kind, String displayName, String affiliation) {

    public Participant(long userId, String handle, String kind) {
        this(userId, handle, kind, null, null);
    }

    public boolean ai() {
        return "ai".equals(kind);
    }

    /** On the board but out of the rating changes: an AI contestant in a contest that takes them unofficially. */
    public boolean unofficialIn(ContestRules rules) {
        return ai() && rules.ai() == AiParticipation.UNOFFICIAL;
    }
}
