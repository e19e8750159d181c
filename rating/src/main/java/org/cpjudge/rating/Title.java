package org.cpjudge.rating;

/** Codeforces titles, by public rating. Each title covers ratings from its floor up to the next floor. */
public enum Title {
    NEWBIE("Newbie", Integer.MIN_VALUE),
    PUPIL("Pupil", 1200),
    SPECIALIST("Specialist", 1400),
    EXPERT("Expert", 1600),
    CANDIDATE_MASTER("Candidate Master", 1900),
    MASTER("Master", 2100),
    INTERNATIONAL_MASTER("International Master", 2300),
    GRANDMASTER("Grandmaster", 2400),
    INTERNATIONAL_GRANDMASTER("International Grandmaster", 2600),
    LEGENDARY_GRANDMASTER("Legendary Grandmaster", 3000);

    private final String displayName;
    private final int floor;

    Title(String displayName, int floor) {
        this.displayName = displayName;
        this.floor = floor;
    }

    /** The title of a public rating. */
    public static Title of(int rating) {
        Title[] all = values();
        for (int k = all.length - 1; k > 0; k--) {
            if (rating >= all[k].floor) {
                return all[k];
            }
        }
        return NEWBIE;
    }

    /** The lowest rating with this title ({@link Integer#MIN_VALUE} for Newbie). */
    public int floor() {
        return floor;
    }

    public String displayName() {
        return displayName;
    }
}
