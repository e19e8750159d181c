package org.cpjudge.api.web;

import java.util.Map;

/**
 * The jury desk's shells, {@code /jury} (jury.jte) and {@code /jury/contests/{id}} (jury-contest.jte): public
 * pages with nothing administrative in them. jury.js reads and does everything through the API with the
 * signed-in administrator's token, and the API alone decides who may (401 or 403 otherwise).
 */
public final class JuryPages {

    private JuryPages() {
    }

    public static String desk() {
        return Templates.render("jury.jte", Map.of());
    }

    /** The desk of one contest; its id is all the shell knows (a private contest's name is the API's to tell). */
    public static String contest(String contestId) {
        return Templates.render("jury-contest.jte", Map.of("contest", contestId));
    }
}
