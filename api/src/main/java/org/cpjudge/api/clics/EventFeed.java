package org.cpjudge.api.clics;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cpjudge.api.contest.Contest;

/**
 * The event feed of one view: an event for every object the view shows, placed at the moment the caller could
 * first have seen it (a judgement hidden by the freeze is placed where the freeze was lifted, a run the public
 * sees only after the contest at its end, the problems the public sees only from the start at the start), and
 * state events at each change of the contest's state. Built from the current data on each read, so the latest
 * event of every object is its current state.
 *
 * <p>While updates may still come, events of the last {@link #SETTLE} are held back: a row written by a
 * transaction that started earlier may still appear with an earlier time, and a client that resumed after a
 * later token would never get it.
 */
final class EventFeed {

    static final Duration SETTLE = Duration.ofSeconds(3);

    private static final int CONTEST = 0;
    private static final int JUDGEMENT_TYPES = 1;
    private static final int LANGUAGES = 2;
    private static final int PROBLEMS = 3;
    private static final int GROUPS = 4;
    private static final int ORGANIZATIONS = 5;
    private static final int TEAMS = 6;
    private static final int STATE = 7;
    private static final int SUBMISSIONS = 8;
    private static final int JUDGEMENTS = 9;
    private static final int RUNS = 10;
    private static final int CLARIFICATIONS = 11;
    private static final int AWARDS = 12;
    private static final int END_OF_UPDATES = 13;

    /** One line of the feed. */
    record Event(FeedToken token, String type, String id, Object data) {
        String line() {
            return new JsonObject().put("type", type).put("id", id).put("data", data).put("token", token.encode())
                    .encode();
        }
    }

    private EventFeed() {
    }

    /** Whether nothing will change any more: the state has end_of_updates. */
    static boolean complete(ClicsView view) {
        return view.state().getString("end_of_updates") != null;
    }

    /** Every event after {@code since} (everything for null), in feed order. */
    static List<Event> after(ClicsView view, FeedToken since) {
        List<Event> events = new ArrayList<>();
        Contest contest = view.contest();
        Instant configured = view.data().configuredAt();
        events.add(event(configured, CONTEST, "contest", null, view.contestJson()));
        if (contest.unfrozenAt() != null && contest.unfrozenAt().isAfter(configured)) {
            events.add(event(contest.unfrozenAt(), CONTEST, "contest", null, view.contestJson()));
        }
        each(events, configured, JUDGEMENT_TYPES, "judgement-types", view.judgementTypes());
        each(events, configured, LANGUAGES, "languages", view.languages());
        if (view.problemsVisible()) {
            Instant shown = view.audience().administrator() ? configured : later(configured, contest.startsAt());
            each(events, shown, PROBLEMS, "problems", view.problems());
        }
        each(events, configured, GROUPS, "groups", view.groups());
        Map<String, Instant> organizationSince = new HashMap<>();
        for (ContestData.Team t : view.teamRows()) {
            String affiliation = t.participant().affiliation();
            if (affiliation != null) {
                organizationSince.merge(ClicsIds.organization(affiliation), t.registeredAt(), EventFeed::earlier);
            }
        }
        for (Object o : view.organizations()) {
            JsonObject org = (JsonObject) o;
            events.add(event(organizationSince.get(org.getString("id")), ORGANIZATIONS, "organizations",
                    org.getString("id"), org));
        }
        for (ContestData.Team t : view.teamRows()) {
            JsonObject team = view.team(t);
            events.add(event(t.registeredAt(), TEAMS, "teams", team.getString("id"), team));
        }
        for (ContestData.Submission s : view.countedSubmissions()) {
            JsonObject submission = view.submission(s);
            events.add(event(s.createdAt(), SUBMISSIONS, "submissions", submission.getString("id"), submission));
            if (!view.judgementVisible(s)) {
                continue;
            }
            Instant judged = s.judged() ? revealed(view, s, ClicsView.judgedAt(s)) : s.createdAt();
            JsonObject judgement = view.judgement(s);
            events.add(event(judged, JUDGEMENTS, "judgements", judgement.getString("id"), judgement));
            if (view.runsVisible(s)) {
                Instant runsShown = view.audience().administrator() ? judged : later(judged, contest.end());
                for (ContestData.Run r : view.runsOf(s)) {
                    JsonObject run = view.run(s, r);
                    events.add(event(runsShown, RUNS, "runs", run.getString("id"), run));
                }
            }
        }
        var clarifications = view.visibleClarifications();
        JsonArray clarificationJson = view.clarifications();
        for (int i = 0; i < clarifications.size(); i++) {
            JsonObject c = clarificationJson.getJsonObject(i);
            events.add(event(clarifications.get(i).createdAt(), CLARIFICATIONS, "clarifications", c.getString("id"), c));
        }
        events.replaceAll(e -> notBefore(configured, e));
        var changes = view.stateChanges();
        boolean complete = complete(view);
        // state changes before the contest's creation collapse onto it: the latest of them stands for them all
        Map<FeedToken, Event> states = new java.util.LinkedHashMap<>();
        changes.forEach((moment, state) -> {
            if (!(complete && moment.equals(changes.lastKey()))) {
                Event e = notBefore(configured, event(moment, STATE, "state", null, state));
                states.put(e.token(), e);
            }
        });
        events.addAll(states.values());
        if (!complete) {
            Instant settled = view.now().minus(SETTLE);
            events.removeIf(e -> e.token().instant().isAfter(settled));
        }
        // awards sit after the latest settled event; with none settled yet they wait too, or their token (at the
        // contest's creation, after every other type) would let a resuming client skip the held-back events
        Instant latest = events.stream().map(e -> e.token().instant()).max(Comparator.naturalOrder()).orElse(configured);
        if (!events.isEmpty()) {
            each(events, latest, AWARDS, "awards", view.awards());
        }
        if (complete) {
            events.add(event(later(latest, changes.lastKey()), END_OF_UPDATES, "state", null, view.state()));
        }
        events.sort(Comparator.comparing(Event::token));
        if (since != null) {
            events.removeIf(e -> e.token().compareTo(since) <= 0);
        }
        return events;
    }

    /**
     * When the caller could first see a verdict: for the public, a verdict the freeze hid shows from the moment
     * the board was unfrozen (or finalized).
     */
    private static Instant revealed(ClicsView view, ContestData.Submission s, Instant judged) {
        Contest c = view.contest();
        boolean inFreeze = c.freezeMinutes() > 0 && !s.createdAt().isBefore(c.freezeStart());
        if (view.audience().administrator() || !inFreeze) {
            return judged;
        }
        Instant lifted = c.unfrozenAt() != null ? c.unfrozenAt() : c.finalizedAt();
        return lifted == null ? judged : later(judged, lifted);
    }

    private static void each(List<Event> events, Instant at, int order, String type, JsonArray objects) {
        for (Object o : objects) {
            JsonObject object = (JsonObject) o;
            events.add(event(at, order, type, object.getString("id"), object));
        }
    }

    private static Event event(Instant at, int order, String type, String id, Object data) {
        return new Event(FeedToken.at(at, order, type, id), type, id, data);
    }

    /** Nothing is placed before the contest's own event (a contest created with a start in the past). */
    private static Event notBefore(Instant configured, Event e) {
        Instant at = e.token().instant();
        return at.isBefore(configured) ? event(configured, e.token().order(), e.type(), e.id(), e.data()) : e;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
