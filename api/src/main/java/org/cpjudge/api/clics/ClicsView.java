package org.cpjudge.api.clics;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.cpjudge.api.contest.Contest;
import org.cpjudge.api.contest.Participant;
import org.cpjudge.api.contest.Scoreboard;
import org.cpjudge.judge.SubmissionStatus;

/**
 * One contest as one caller sees it at one moment, in the specification's objects. Every reference an object
 * makes (a submission's team, a judgement's submission, a run's judgement, a clarification's problem) resolves
 * among the objects this same view shows.
 */
public final class ClicsView {

    static final String PARTICIPANTS = "participants";
    static final String AI = "ai";

    private final ContestData data;
    private final Contest contest;
    private final Audience audience;
    private final Instant now;
    private final Map<Long, ContestData.Team> teamsByUser = new LinkedHashMap<>();
    private final Map<Long, String> teamIds = new HashMap<>();
    private final List<ContestData.Submission> counted = new ArrayList<>();
    private final Map<UUID, List<ContestData.Run>> runsBySubmission = new HashMap<>();

    public ClicsView(ContestData data, Audience audience, Instant now) {
        this.data = data;
        this.contest = data.contest();
        this.audience = audience;
        this.now = now;
        Set<String> handles = new HashSet<>();
        data.teams().forEach(t -> handles.add(t.participant().handle()));
        Set<String> taken = new HashSet<>();
        for (ContestData.Team t : data.teams()) {
            teamsByUser.put(t.userId(), t);
            String id = ClicsIds.of(t.participant().handle());
            // a derived id that collides with another contestant's handle (or derived id) falls back to the user id
            if ((!id.equals(t.participant().handle()) && handles.contains(id)) || !taken.add(id)) {
                id = "user-" + t.userId();
                taken.add(id);
            }
            teamIds.put(t.userId(), id);
        }
        for (ContestData.Submission s : data.submissions()) {
            if (teamsByUser.containsKey(s.userId()) && contest.within(s.createdAt()) && contest.includes(s.problemId())) {
                counted.add(s);
            }
        }
        for (ContestData.Run r : data.runs()) {
            runsBySubmission.computeIfAbsent(r.submissionId(), k -> new ArrayList<>()).add(r);
        }
    }

    public Contest contest() {
        return contest;
    }

    public Audience audience() {
        return audience;
    }

    Instant now() {
        return now;
    }

    ContestData data() {
        return data;
    }

    List<ContestData.Submission> countedSubmissions() {
        return counted;
    }

    String teamId(long userId) {
        return teamIds.get(userId);
    }

    String teamId(Participant p) {
        return teamIds.get(p.userId());
    }

    static String teamName(Participant p) {
        return p.displayName() != null ? p.displayName() : p.handle();
    }

    // ---- the contest and its state

    public JsonObject contestJson() {
        return contestJson(contest);
    }

    /** A contest as the specification describes it; the same for every caller. */
    public static JsonObject contestJson(Contest contest) {
        return new JsonObject().put("id", ClicsIds.of(contest.id())).put("name", contest.name())
                .put("formal_name", contest.name())
                .put("start_time", ClicsTime.absolute(contest.startsAt()))
                .put("countdown_pause_time", null)
                .put("duration", ClicsTime.minutes(contest.durationMinutes()))
                .put("scoreboard_freeze_duration", ClicsTime.minutes(contest.freezeMinutes()))
                .put("scoreboard_thaw_time", ClicsTime.absolute(contest.unfrozenAt()))
                .put("scoreboard_type", ClicsScoreboard.type(contest))
                .put("penalty_time", contest.rules().penaltyMinutes());
    }

    public JsonObject state() {
        return stateAt(now);
    }

    /**
     * The state as it was at {@code t}. The specification orders started &lt; frozen &lt; ended &lt; thawed and
     * ended &lt; finalized: so a freeze lifted before the end reads as thawed at the end, and finalizing (which
     * reveals everything) thaws a board that was still frozen.
     */
    JsonObject stateAt(Instant t) {
        Instant started = reached(contest.startsAt(), t);
        Instant ended = started == null ? null : reached(contest.end(), t);
        Instant frozen = null;
        if (started != null && contest.freezeMinutes() > 0 && contest.freezeStart().isBefore(contest.end())) {
            frozen = reached(contest.freezeStart(), t);
        }
        Instant thawed = null;
        Instant lifted = contest.unfrozenAt() != null ? contest.unfrozenAt() : contest.finalizedAt();
        if (frozen != null && ended != null && lifted != null) {
            thawed = reached(lifted.isBefore(ended) ? ended : lifted, t);
        }
        Instant finalized = ended == null || contest.finalizedAt() == null ? null : reached(contest.finalizedAt(), t);
        return new JsonObject().put("started", ClicsTime.absolute(started)).put("frozen", ClicsTime.absolute(frozen))
                .put("ended", ClicsTime.absolute(ended)).put("thawed", ClicsTime.absolute(thawed))
                .put("finalized", ClicsTime.absolute(finalized))
                .put("end_of_updates", ClicsTime.absolute(finalized));
    }

    /** The moments the state changed so far, in order, each with the state from then on. */
    TreeMap<Instant, JsonObject> stateChanges() {
        TreeMap<Instant, JsonObject> changes = new TreeMap<>();
        List<Instant> moments = new ArrayList<>();
        moments.add(contest.startsAt());
        moments.add(contest.freezeStart());
        moments.add(contest.end());
        if (contest.unfrozenAt() != null) {
            moments.add(contest.unfrozenAt().isBefore(contest.end()) ? contest.end() : contest.unfrozenAt());
        }
        if (contest.finalizedAt() != null) {
            moments.add(contest.finalizedAt());
        }
        JsonObject before = stateAt(contest.startsAt().minusMillis(1));
        moments.stream().filter(m -> !m.isAfter(now)).sorted().forEach(m -> {
            JsonObject s = stateAt(m);
            if (!s.equals(changes.isEmpty() ? before : changes.lastEntry().getValue())) {
                changes.put(m, s);
            }
        });
        return changes;
    }

    private static Instant reached(Instant moment, Instant t) {
        return moment != null && !t.isBefore(moment) ? moment : null;
    }

    // ---- configuration

    JsonArray judgementTypes() {
        return JudgementTypes.all();
    }

    JsonArray languages() {
        JsonArray list = new JsonArray();
        for (ContestData.Language l : data.languages()) {
            String entryPoint = entryPointName(l.id());
            JsonObject json = new JsonObject().put("id", ClicsIds.of(l.id())).put("name", l.name())
                    .put("entry_point_required", entryPoint != null).put("extensions", new JsonArray(l.extensions()));
            if (entryPoint != null) {
                json.put("entry_point_name", entryPoint);
            }
            list.add(json);
        }
        return list;
    }

    /** The specification's known languages that need an entry point: the main class or the main file. */
    static String entryPointName(String language) {
        if (language.startsWith("java") && !language.startsWith("javascript") || language.startsWith("kotlin")
                || language.startsWith("scala")) {
            return "Main class";
        }
        if (language.startsWith("python") || language.startsWith("pypy") || language.startsWith("javascript")
                || language.startsWith("php")) {
            return "Main file";
        }
        return null;
    }

    boolean problemsVisible() {
        return audience.seesProblems(contest, now);
    }

    JsonArray problems() {
        JsonArray list = new JsonArray();
        if (!problemsVisible()) {
            return list;
        }
        boolean score = "score".equals(ClicsScoreboard.type(contest));
        int position = 1;
        for (ContestData.Problem p : data.problems()) {
            JsonObject json = new JsonObject().put("id", ClicsIds.of(p.problemId())).put("label", p.label())
                    .put("name", p.name()).put("ordinal", position++)
                    .put("time_limit", p.timeLimitMs() / 1000.0).put("test_data_count", p.testcases());
            if (score) {
                json.put("max_score", p.points() != null ? p.points().doubleValue() : 100.0);
            }
            list.add(json);
        }
        return list;
    }

    JsonArray groups() {
        return new JsonArray()
                .add(new JsonObject().put("id", PARTICIPANTS).put("name", "Participants"))
                .add(new JsonObject().put("id", AI).put("name", "AI contestants"));
    }

    static String group(Participant p) {
        return p.ai() ? AI : PARTICIPANTS;
    }

    JsonArray organizations() {
        Map<String, JsonObject> byId = new LinkedHashMap<>();
        for (ContestData.Team t : teamsByUser.values()) {
            String affiliation = t.participant().affiliation();
            if (affiliation != null) {
                byId.putIfAbsent(ClicsIds.organization(affiliation), new JsonObject()
                        .put("id", ClicsIds.organization(affiliation)).put("name", affiliation).put("formal_name", affiliation));
            }
        }
        return new JsonArray(new ArrayList<>(byId.values()));
    }

    JsonArray teams() {
        JsonArray list = new JsonArray();
        for (ContestData.Team t : teamsByUser.values()) {
            list.add(team(t));
        }
        return list;
    }

    JsonObject team(ContestData.Team t) {
        Participant p = t.participant();
        String id = teamIds.get(p.userId());
        return new JsonObject().put("id", id).put("label", id).put("name", teamName(p))
                .put("display_name", p.displayName())
                .put("organization_id", p.affiliation() == null ? null : ClicsIds.organization(p.affiliation()))
                .put("group_ids", new JsonArray().add(group(p))).put("hidden", false);
    }

    List<ContestData.Team> teamRows() {
        return List.copyOf(teamsByUser.values());
    }

    // ---- live data

    JsonArray submissions() {
        JsonArray list = new JsonArray();
        counted.forEach(s -> list.add(submission(s)));
        return list;
    }

    JsonObject submission(ContestData.Submission s) {
        JsonArray files = new JsonArray();
        if (audience.seesSources(contest, now)) {
            files.add(new JsonObject().put("href", "contests/" + ClicsIds.of(contest.id()) + "/submissions/"
                    + ClicsIds.submission(s.id()) + "/files").put("filename", "files.zip").put("mime", "application/zip"));
        }
        return new JsonObject().put("id", ClicsIds.submission(s.id())).put("language_id", ClicsIds.of(s.language()))
                .put("problem_id", ClicsIds.of(s.problemId())).put("team_id", teamIds.get(s.userId()))
                .put("time", ClicsTime.absolute(s.createdAt()))
                .put("contest_time", ClicsTime.contestTime(contest.startsAt(), s.createdAt()))
                .put("entry_point", entryPoint(s)).put("files", files);
    }

    /** Python runs its main file, Java and Kotlin its main class (the main file's name); C and C++ need none. */
    static String entryPoint(ContestData.Submission s) {
        String kind = entryPointName(s.language());
        if (kind == null || s.fileNames().isEmpty()) {
            return null;
        }
        String main = s.fileNames().get(0);
        if (kind.equals("Main class")) {
            int dot = main.lastIndexOf('.');
            return dot > 0 ? main.substring(0, dot) : main;
        }
        return main;
    }

    /** Whether the submission has a judgement this caller sees: judging has begun and the freeze does not hide it. */
    boolean judgementVisible(ContestData.Submission s) {
        return s.status() != SubmissionStatus.QUEUED && audience.seesVerdictOf(contest, s.createdAt(), now);
    }

    List<ContestData.Submission> judgedVisible() {
        return counted.stream().filter(this::judgementVisible).toList();
    }

    JsonArray judgements() {
        JsonArray list = new JsonArray();
        judgedVisible().forEach(s -> list.add(judgement(s)));
        return list;
    }

    JsonObject judgement(ContestData.Submission s) {
        JsonObject json = new JsonObject().put("id", ClicsIds.judgement(s.id()))
                .put("submission_id", ClicsIds.submission(s.id()))
                // we do not record when judging began; the judgement is taken to start when the submission arrived
                .put("start_time", ClicsTime.absolute(s.createdAt()))
                .put("start_contest_time", ClicsTime.contestTime(contest.startsAt(), s.createdAt()));
        if (s.judged()) {
            Instant end = judgedAt(s);
            json.put("judgement_type_id", JudgementTypes.id(s.verdict()))
                    .put("end_time", ClicsTime.absolute(end))
                    .put("end_contest_time", ClicsTime.contestTime(contest.startsAt(), end));
            if (s.timeMs() != null && !runsOf(s).isEmpty()) {
                json.put("max_run_time", s.timeMs() / 1000.0);
            }
            if ("score".equals(ClicsScoreboard.type(contest))) {
                json.put("score", judgementScore(s));
            }
        }
        return json;
    }

    static Instant judgedAt(ContestData.Submission s) {
        return s.judgedAt() != null ? s.judgedAt() : s.createdAt();
    }

    /**
     * IOI: the submission's score (100 for an accepted pass-fail problem, as our IOI rule counts it); a
     * Codeforces round: the problem's initial value for an accepted try (the board applies the decay).
     */
    private double judgementScore(ContestData.Submission s) {
        boolean accepted = s.verdict() == org.cpjudge.judge.Verdict.AC;
        if (contest.scoring() == org.cpjudge.api.contest.Scoring.IOI) {
            return Math.max(0, s.score() != null ? s.score() : (accepted ? 100 : 0));
        }
        Integer points = contest.problem(s.problemId()).map(p -> p.points()).orElse(null);
        return accepted ? (points != null ? points : 1) : 0;
    }

    boolean runsVisible(ContestData.Submission s) {
        return s.judged() && judgementVisible(s) && audience.seesRuns(contest, now);
    }

    List<ContestData.Run> runsOf(ContestData.Submission s) {
        return runsBySubmission.getOrDefault(s.id(), List.of());
    }

    JsonArray runs() {
        JsonArray list = new JsonArray();
        for (ContestData.Submission s : counted) {
            if (runsVisible(s)) {
                runsOf(s).forEach(r -> list.add(run(s, r)));
            }
        }
        return list;
    }

    /** We keep no per-test completion time: every run of a judgement is dated at the verdict. */
    JsonObject run(ContestData.Submission s, ContestData.Run r) {
        Instant at = judgedAt(s);
        return new JsonObject().put("id", ClicsIds.run(s.id(), r.ordinal() + 1))
                .put("judgement_id", ClicsIds.judgement(s.id())).put("ordinal", r.ordinal() + 1)
                .put("judgement_type_id", JudgementTypes.id(r.verdict()))
                .put("time", ClicsTime.absolute(at)).put("contest_time", ClicsTime.contestTime(contest.startsAt(), at))
                .put("run_time", r.timeMs() / 1000.0);
    }

    /** The clarifications this caller sees whose every reference resolves in this view. */
    List<ContestData.Clarification> visibleClarifications() {
        List<ContestData.Clarification> list = new ArrayList<>();
        for (ContestData.Clarification c : data.clarifications()) {
            boolean teamsResolve = (c.fromJury() || teamsByUser.containsKey(c.fromUserId()))
                    && (c.toUserId() == null || c.isPublic() || teamsByUser.containsKey(c.toUserId()));
            boolean problemResolves = c.problemId() == null || (problemsVisible() && contest.includes(c.problemId()));
            if (audience.seesClarification(c) && teamsResolve && problemResolves) {
                list.add(c);
            }
        }
        return list;
    }

    JsonArray clarifications() {
        List<ContestData.Clarification> visible = visibleClarifications();
        Set<Long> ids = new HashSet<>();
        visible.forEach(c -> ids.add(c.id()));
        JsonArray list = new JsonArray();
        visible.forEach(c -> list.add(clarification(c, ids)));
        return list;
    }

    JsonObject clarification(ContestData.Clarification c, Set<Long> visibleIds) {
        String to = c.fromJury() && !c.isPublic() && c.toUserId() != null ? teamIds.get(c.toUserId()) : null;
        return new JsonObject().put("id", ClicsIds.clarification(c.id()))
                .put("from_team_id", c.fromJury() ? null : teamIds.get(c.fromUserId()))
                .put("to_team_id", to)
                // an answer to all may reply to a question the caller does not see: then it replies to nothing here
                .put("reply_to_id", c.replyTo() != null && visibleIds.contains(c.replyTo())
                        ? ClicsIds.clarification(c.replyTo()) : null)
                .put("problem_id", c.problemId() == null ? null : ClicsIds.of(c.problemId()))
                .put("text", c.text()).put("time", ClicsTime.absolute(c.createdAt()))
                .put("contest_time", ClicsTime.contestTime(contest.startsAt(), c.createdAt()));
    }

    // ---- aggregates

    Scoreboard board() {
        return ClicsScoreboard.compute(data, audience, now, p -> true);
    }

    JsonObject scoreboard() {
        return scoreboard(board());
    }

    /** {@code ?group_id=}: the group's teams, ranked among themselves; empty for a group this view lacks. */
    Optional<JsonObject> groupScoreboard(String group) {
        boolean known = groups().stream().anyMatch(g -> group.equals(((JsonObject) g).getString("id")));
        return known ? Optional.of(scoreboard(ClicsScoreboard.compute(data, audience, now,
                p -> ClicsView.group(p).equals(group)))) : Optional.empty();
    }

    private JsonObject scoreboard(Scoreboard board) {
        return new JsonObject().put("time", ClicsTime.absolute(now))
                .put("contest_time", ClicsTime.contestTime(contest.startsAt(), now))
                .put("state", state())
                .put("rows", ClicsScoreboard.rows(board, this::teamId, ClicsView::teamName));
    }

    JsonArray awards() {
        return ClicsAwards.of(this, board());
    }

    /** Which endpoints and properties this caller sees; no capabilities (the API is read-only). */
    JsonObject access() {
        boolean score = "score".equals(ClicsScoreboard.type(contest));
        Map<String, List<String>> endpoints = new LinkedHashMap<>();
        endpoints.put("contest", List.of("id", "name", "formal_name", "start_time", "countdown_pause_time", "duration",
                "scoreboard_freeze_duration", "scoreboard_thaw_time", "scoreboard_type", "penalty_time"));
        endpoints.put("judgement-types", List.of("id", "name", "penalty", "solved"));
        endpoints.put("languages", List.of("id", "name", "entry_point_required", "entry_point_name", "extensions"));
        endpoints.put("problems", score
                ? List.of("id", "label", "name", "ordinal", "time_limit", "test_data_count", "max_score")
                : List.of("id", "label", "name", "ordinal", "time_limit", "test_data_count"));
        endpoints.put("groups", List.of("id", "name"));
        endpoints.put("organizations", List.of("id", "name", "formal_name"));
        endpoints.put("teams", List.of("id", "label", "name", "display_name", "organization_id", "group_ids", "hidden"));
        endpoints.put("state", List.of("started", "frozen", "ended", "thawed", "finalized", "end_of_updates"));
        endpoints.put("submissions", List.of("id", "language_id", "problem_id", "team_id", "time", "contest_time",
                "entry_point", "files"));
        List<String> judgement = new ArrayList<>(List.of("id", "submission_id", "judgement_type_id", "start_time",
                "start_contest_time", "end_time", "end_contest_time", "max_run_time"));
        if (score) {
            judgement.add("score");
        }
        endpoints.put("judgements", judgement);
        endpoints.put("runs", List.of("id", "judgement_id", "ordinal", "judgement_type_id", "time", "contest_time",
                "run_time"));
        endpoints.put("clarifications", List.of("id", "from_team_id", "to_team_id", "reply_to_id", "problem_id", "text",
                "time", "contest_time"));
        endpoints.put("awards", List.of("id", "citation", "team_ids"));
        endpoints.put("scoreboard", List.of("time", "contest_time", "state", "rows"));
        endpoints.put("event-feed", List.of("type", "id", "data", "token"));
        JsonArray list = new JsonArray();
        endpoints.forEach((type, properties) -> list.add(new JsonObject().put("type", type)
                .put("properties", new JsonArray(properties))));
        return new JsonObject().put("capabilities", new JsonArray()).put("endpoints", list);
    }

    // ---- by endpoint name

    /** The collection endpoints that also serve {@code /{endpoint}/{id}}. */
    static final List<String> COLLECTIONS = List.of("judgement-types", "languages", "problems", "groups",
            "organizations", "teams", "submissions", "judgements", "runs", "clarifications", "awards");

    /** An endpoint's whole answer, or empty when there is no such endpoint. */
    Optional<Object> endpoint(String name) {
        return Optional.ofNullable(switch (name) {
            case "state" -> state();
            case "access" -> access();
            case "scoreboard" -> scoreboard();
            case "judgement-types" -> judgementTypes();
            case "languages" -> languages();
            case "problems" -> problems();
            case "groups" -> groups();
            case "organizations" -> organizations();
            case "teams" -> teams();
            case "submissions" -> submissions();
            case "judgements" -> judgements();
            case "runs" -> runs();
            case "clarifications" -> clarifications();
            case "awards" -> awards();
            default -> null;
        });
    }

    /** One object of a collection by its id. */
    Optional<JsonObject> object(String collection, String id) {
        if (!COLLECTIONS.contains(collection)) {
            return Optional.empty();
        }
        JsonArray all = (JsonArray) endpoint(collection).orElseThrow();
        for (Object o : all) {
            if (id.equals(((JsonObject) o).getString("id"))) {
                return Optional.of((JsonObject) o);
            }
        }
        return Optional.empty();
    }
}
