package org.cpjudge.api.web;

import java.util.Locale;
import org.cpjudge.rating.Title;

/** Codeforces titles as page colors: each title has one CSS class (colors in the stylesheet). */
final class Titles {

    private Titles() {
    }

    /** The CSS class of a title given by its display name ("Candidate Master"); plain when unknown. */
    static String cssClass(String displayName) {
        if (displayName == null) {
            return "unrated";
        }
        for (Title t : Title.values()) {
            if (t.displayName().equalsIgnoreCase(displayName)) {
                return cssClass(t);
            }
        }
        return "unrated";
    }

    static String cssClass(Title title) {
        return "title-" + title.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The CSS class of a rating's title, or plain for a user not rated yet. */
    static String cssClassOfRating(Integer rating) {
        return rating == null ? "unrated" : cssClass(Title.of(rating));
    }

    /** The color of each title's band in the rating graph, matching the stylesheet's handle colors. */
    static String bandColor(Title title) {
        return switch (title) {
            case NEWBIE -> "#cccccc";
            case PUPIL -> "#77ff77";
            case SPECIALIST -> "#77ddbb";
            case EXPERT -> "#aaaaff";
            case CANDIDATE_MASTER -> "#ff88ff";
            case MASTER -> "#ffcc88";
            case INTERNATIONAL_MASTER -> "#ffbb55";
            case GRANDMASTER -> "#ff7777";
            case INTERNATIONAL_GRANDMASTER -> "#ff3333";
            case LEGENDARY_GRANDMASTER -> "#aa0000";
        };
    }
}
