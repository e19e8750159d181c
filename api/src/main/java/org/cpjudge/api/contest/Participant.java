package org.cpjudge.api.contest;

/**
 * A registered contestant.
 *
 * @param kind        "human" or "ai"
 * @param displayName the name the board shows beside the handle (a team's name), or null
 * @param affiliation a university or company, or null
 * @param rating      the user's current public rating (the board shows its title), or null when unrated
 */
public record Participant(long userId, String handle, String kind, String displayName, String affiliation,
                          Integer rating) {

    public Participant(long userId, String handle, String kind) {
        this(userId, handle, kind, null, null, null);
    }

    public Participant(long userId, String handle, String kind, String displayName, String affiliation) {
        this(userId, handle, kind, displayName, affiliation, null);
    }

    public boolean ai() {
        return "ai".equals(kind);
    }

    /** On the board but out of the rating changes: an AI contestant in a contest that takes them unofficially. */
    public boolean unofficialIn(ContestRules rules) {
        return ai() && rules.ai() == AiParticipation.UNOFFICIAL;
    }
}
