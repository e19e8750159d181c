package org.cpjudge.api.access;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cpjudge.api.contest.Clarification;

/**
 * Who reads which clarification, and what each reader is shown (the clarifications' part of the access
 * policy, beside {@link AccessPolicy}): the one rule the list, the single item and the
 * event stream all apply. Built over a contest's clarifications, or over whole threads of them (a question with
 * all its answers), since whether a question is public depends on its answers.
 * <ul>
 * <li>the jury reads everything;</li>
 * <li>everyone reads the jury's public messages (announcements, public answers) and the questions those answer;</li>
 * <li>an asker reads their own questions and the private answers to them.</li>
 * </ul>
 * What a reader may not see is absent, never redacted. The asker of a question is named only to themselves and
 * the jury (the rest read it as from an anonymous contestant, as judges publish questions), and no one is told
 * which administrator wrote a jury message.
 */
public final class ClarificationAccess {

    public static final String JURY = "jury";

    private final List<Clarification> clarifications;
    private final Map<Long, List<Clarification>> answers = new HashMap<>();

    public ClarificationAccess(List<Clarification> clarifications) {
        this.clarifications = clarifications.stream().sorted(Comparator.comparingLong(Clarification::id)).toList();
        for (Clarification c : this.clarifications) {
            if (c.kind() == Clarification.Kind.ANSWER) {
                answers.computeIfAbsent(c.replyTo(), k -> new ArrayList<>()).add(c);
            }
        }
    }

    public boolean maySee(Viewer reader, Clarification c) {
        if (reader.administrator() || c.isPublic()) {
            return true;
        }
        return switch (c.kind()) {
            case QUESTION -> is(reader, c.fromUserId()) || answeredPublicly(c.id());
            case ANSWER -> is(reader, c.toUserId());
            // an announcement is always public; one that were not would be the jury's alone
            case ANNOUNCEMENT -> false;
        };
    }

    /** Every clarification the reader may see, oldest first. */
    public List<JsonObject> visibleTo(Viewer reader) {
        List<JsonObject> visible = new ArrayList<>();
        for (Clarification c : clarifications) {
            if (maySee(reader, c)) {
                visible.add(render(reader, c));
            }
        }
        return visible;
    }

    /** The clarification as the reader sees it; empty when it is not here or not theirs to see. */
    public Optional<JsonObject> view(Viewer reader, long id) {
        return find(id).filter(c -> maySee(reader, c)).map(c -> render(reader, c));
    }

    public Optional<Clarification> find(long id) {
        return clarifications.stream().filter(c -> c.id() == id).findFirst();
    }

    /** Whether the reader is the asker or addressee of anything here: only then may they see more than anyone. */
    public boolean involves(Viewer reader) {
        return reader.administrator() || clarifications.stream().anyMatch(c -> is(reader, c.fromUserId()) || is(reader, c.toUserId()));
    }

    private static boolean is(Viewer reader, Long userId) {
        return userId != null && reader.is(userId);
    }

    private boolean answeredPublicly(long questionId) {
        return answers.getOrDefault(questionId, List.of()).stream().anyMatch(Clarification::isPublic);
    }

    private JsonObject render(Viewer reader, Clarification c) {
        boolean question = c.isQuestion();
        String from = !question ? JURY : reader.administrator() || is(reader, c.fromUserId()) ? c.fromHandle() : null;
        JsonObject json = new JsonObject().put("id", c.id()).put("contest", c.contestId()).put("problem", c.problemId())
                .put("kind", c.kind().name().toLowerCase(java.util.Locale.ROOT))
                .put("from", from).put("from_jury", c.fromJury()).put("text", c.text()).put("reply_to", c.replyTo())
                .put("public", question ? answeredPublicly(c.id()) : c.isPublic())
                .put("created_at", c.createdAt().truncatedTo(ChronoUnit.MILLIS).toString());
        if (question) {
            JsonArray seen = new JsonArray();
            for (Clarification a : answers.getOrDefault(c.id(), List.of())) {
                if (maySee(reader, a)) {
                    seen.add(a.id());
                }
            }
            json.put("answered", !seen.isEmpty()).put("answers", seen);
        }
        return json;
    }
}
