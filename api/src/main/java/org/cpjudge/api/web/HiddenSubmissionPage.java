package org.cpjudge.api.web;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /submissions/{id}} when an anonymous reader may see nothing of it (submission-hidden.jte): a contest
 * submission while its contest runs, or none at all; the page cannot tell the two apart. It says "not found",
 * and its script asks the API again with the reader's own token, showing the submission to its author and
 * administrators as the access policy allows.
 */
public final class HiddenSubmissionPage {

    /** Also on the visible page (submission.jte): the source for its author and administrators. */
    public static final String SCRIPT = "/static/js/submission-view.js";

    private HiddenSubmissionPage() {
    }

    /** The page for a well-formed submission id; empty for anything that cannot be one. */
    static Optional<String> render(String rawId) {
        UUID id;
        try {
            id = UUID.fromString(rawId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(Templates.render("submission-hidden.jte", Map.of("id", id.toString(),
                "apiUrl", "/api/v1/submissions/" + id)));
    }
}
