package org.cpjudge.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.cpjudge.api.access.AccessPolicy;
import org.cpjudge.api.access.ProblemAccess;
import org.cpjudge.api.access.SubmissionAccess;
import org.cpjudge.api.access.Viewer;
import org.cpjudge.api.callback.CallbackNotAllowed;
import org.cpjudge.api.callback.CallbackPolicy;
import org.cpjudge.api.callback.CallbackUrl;
import org.cpjudge.api.contest.Contest;
import org.cpjudge.api.observe.SubmissionLog;
import org.cpjudge.api.queue.JobPriority;
import org.cpjudge.api.store.ContestStore;
import org.cpjudge.api.store.JudgedTest;
import org.cpjudge.api.store.NewSubmission;
import org.cpjudge.api.store.PastJudgement;
import org.cpjudge.api.store.ProblemStore;
import org.cpjudge.api.store.SubmissionStore;
import org.cpjudge.api.store.SubmissionView;
import org.cpjudge.api.store.User;
import org.cpjudge.api.virtual.VirtualPolicy;
import org.cpjudge.api.virtual.VirtualRun;
import org.cpjudge.api.virtual.VirtualRunStore;
import org.cpjudge.judge.SubmissionStatus;

/** Submitting solutions, one or a batch, and reading their verdicts. */
public final class SubmissionRoutes {

    /** The whole submission's source, all files together. */
    static final int MAX_SOURCE_BYTES = 256 * 1024;
    /** JSON escaping can double the size of a source; leave room for it beyond the source limit. */
    private static final long MAX_BODY_BYTES = 4L * MAX_SOURCE_BYTES;
    /** Submissions in one batch. */
    static final int MAX_BATCH = 100;
    private static final int MAX_FILES = 64;
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]{0,99}");

    private final Endpoints endpoints;
    private final Authenticator auth;
    private final ProblemStore problems;
    private final SubmissionStore submissions;
    private final LanguageCatalog languages;
    private final ContestStore contests;
    private final AccessPolicy access;
    private final VirtualRunStore virtualRuns;
    private final CallbackPolicy callbacks;

    public SubmissionRoutes(Endpoints endpoints, Authenticator auth, ProblemStore problems,
                            SubmissionStore submissions, LanguageCatalog languages, ContestStore contests,
                            AccessPolicy access, VirtualRunStore virtualRuns, CallbackPolicy callbacks) {
        this.access = access;
        this.virtualRuns = virtualRuns;
        this.callbacks = callbacks;
        this.endpoints = endpoints;
        this.auth = auth;
        this.problems = problems;
        this.submissions = submissions;
        this.languages = languages;
        this.contests = contests;
    }

    public void mount(Router router) {
        router.post("/api/v1/submissions").handler(RequestBodies.upTo(MAX_BODY_BYTES))
                .handler(endpoints.blocking(this::submit));
        // a batch of the largest submissions, with room for the array around them: buffered for a known user only
        router.post("/api/v1/submissions/batch").handler(RequestBodies.callerFirst(
                        MAX_BATCH * MAX_BODY_BYTES + 64 * 1024, auth::user))
                .handler(endpoints.blocking(this::submitBatch));
        router.get("/api/v1/submissions/:id").handler(endpoints.blocking(this::show));
    }

    private Reply submit(RoutingContext ctx) throws Exception {
        User user = auth.user(ctx);
        UUID id = submissions.create(admit(JsonBodies.object(ctx), user));
        SubmissionLog.tag(ctx, id);
        return Reply.accepted(new JsonObject().put("id", id.toString()));
    }

    /**
     * Up to {@value #MAX_BATCH} submissions, each admitted exactly as {@link #submit} admits one, stored in one
     * transaction: all of them, or (when one is refused) none, with a 400 that names the refused item's index.
     */
    private Reply submitBatch(RoutingContext ctx) throws Exception {
        User user = auth.user(ctx);
        JsonArray items = JsonBodies.optionalArray(JsonBodies.object(ctx), "submissions");
        if (items == null || items.isEmpty()) {
            throw ApiException.badRequest("missing_field", "'submissions' must hold 1 to " + MAX_BATCH + " submissions");
        }
        if (items.size() > MAX_BATCH) {
            throw ApiException.badRequest("batch_too_large",
                    "a batch holds at most " + MAX_BATCH + " submissions; this one has " + items.size());
        }
        List<SubmissionStore.Queued> batch = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            try {
                if (!(items.getValue(i) instanceof JsonObject item)) {
                    throw ApiException.badRequest("invalid_field", "must be a submission object");
                }
                batch.add(admit(item, user));
            } catch (ApiException e) {
                // the whole batch is a bad request, whatever the item's own status would have been alone
                throw ApiException.badRequest(e.code(), "submissions[" + i + "]: " + e.getMessage());
            }
        }
        JsonArray ids = new JsonArray();
        submissions.createAll(batch).forEach(id -> ids.add(id.toString()));
        return Reply.accepted(new JsonObject().put("ids", ids));
    }

    /**
     * Validates one submission body from {@code user}, as POST /api/v1/submissions and each item of a batch
     * take it: the submission to store and its job's class, or an {@link ApiException} saying what is wrong.
     */
    private SubmissionStore.Queued admit(JsonObject body, User user) throws Exception {
        String problemId = JsonBodies.requiredString(body, "problem");
        JsonArray files = files(body);
        List<String> names = new ArrayList<>();
        files.forEach(f -> names.add(((JsonObject) f).getString("name")));
        String language = languages.resolve(JsonBodies.optionalString(body, "language"), names);
        String contest = JsonBodies.optionalString(body, "contest");
        JsonObject attempt = AttemptField.validated(body);
        ProblemAccess allowed = access.session(new Viewer(user), Instant.now()).problem(problemId);
        if (!problems.exists(problemId) || !allowed.visible()) {
            throw ApiException.notFound("problem_not_found", "no problem has the id '" + problemId + "'");
        }
        ContestEntry entry = null;
        if (contest != null) {
            entry = checkContestEntry(contest, problemId, user);
        } else if (allowed != ProblemAccess.PRACTISE) {
            throw new ApiException(409, "not_a_practice_problem", "problem '" + problemId
                    + "' belongs to a contest and is not open for practice: submit with \"contest\" while it runs");
        }
        VirtualRun run = entry == null ? null : entry.run();
        Integer declared = declaredMinute(body, run);
        // a paced run's schedule comes from the problem's place in the contest
        Integer minute = run != null && run.policy() == VirtualPolicy.PACED
                ? Integer.valueOf(run.pacedMinute(entry.contest().problemIds().indexOf(problemId))) : declared;
        NewSubmission submission = new NewSubmission(user.id(), problemId, language, files.encode(), contest,
                attempt == null ? null : attempt.encode(), callbackUrl(body));
        if (run != null) {
            // a virtual run's try: nobody watches it live, so it waits behind live contests and practice; the try
            // is recorded with the submission, unless the run ended meanwhile (then nothing is stored)
            Instant now = Instant.now();
            return new SubmissionStore.Queued(submission, JobPriority.BATCH, (c, id) -> {
                if (!virtualRuns.recordTry(c, submission, id, minute, now)) {
                    throw virtualRunOver(contest);
                }
            });
        }
        // a contest submission got past checkContestEntry without a virtual run: its contest is running, so it is
        // judged as live
        return new SubmissionStore.Queued(submission, JobPriority.ofSubmission(contest != null, attempt != null), null);
    }

    /** The optional "callback_url": a well-formed http(s) URL whose host the {@link CallbackPolicy} lets us call. */
    private String callbackUrl(JsonObject body) {
        String text = JsonBodies.optionalString(body, "callback_url");
        if (text == null) {
            return null;
        }
        try {
            callbacks.addresses(CallbackUrl.parse(text));
            return text;
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_callback_url", "'callback_url' " + e.getMessage());
        } catch (CallbackNotAllowed e) {
            throw ApiException.badRequest(e.unresolvable() ? "invalid_callback_url" : "callback_not_allowed",
                    "'callback_url' cannot be called: " + e.getMessage());
        }
    }

    private static JsonArray files(JsonObject body) {
        JsonArray files = JsonBodies.optionalArray(body, "files");
        if (files == null || files.isEmpty()) {
            throw ApiException.badRequest("missing_field", "'files' must hold at least one {\"name\", \"content\"}");
        }
        if (files.size() > MAX_FILES) {
            throw ApiException.badRequest("too_many_files", "a submission has at most " + MAX_FILES + " files");
        }
        JsonArray clean = new JsonArray();
        Set<String> seen = new HashSet<>();
        long bytes = 0;
        for (Object o : files) {
            if (!(o instanceof JsonObject f)) {
                throw ApiException.badRequest("invalid_field", "each of 'files' must be {\"name\", \"content\"}");
            }
            String name = JsonBodies.requiredString(f, "name");
            Object content = f.getValue("content");
            if (!(content instanceof String text)) {
                throw ApiException.badRequest("invalid_field", "file '" + name + "' needs a string 'content'");
            }
            if (!FILE_NAME.matcher(name).matches()) {
                throw ApiException.badRequest("invalid_file_name", "file name '" + name
                        + "' must be a plain name of letters, digits, '_', '.', '+', '-' (no directories)");
            }
            if (!seen.add(name)) {
                throw ApiException.badRequest("duplicate_file", "file '" + name + "' is given twice");
            }
            bytes += text.getBytes(StandardCharsets.UTF_8).length;
            clean.add(new JsonObject().put("name", name).put("content", text));
        }
        if (bytes > MAX_SOURCE_BYTES) {
            throw new ApiException(413, "source_too_large",
                    "the files hold " + bytes + " bytes; a submission may hold at most " + MAX_SOURCE_BYTES);
        }
        return clean;
    }

    /**
     * {@code "minute"}: the minute of the contest a try of a {@code declared} virtual run counts at, from 0 up to
     * (not including) the contest's duration, as a try in the contest's last minute is the last that counts.
     * Refused everywhere else, where the clock decides.
     */
    private static Integer declaredMinute(JsonObject body, VirtualRun run) {
        boolean declared = run != null && run.policy() == VirtualPolicy.DECLARED;
        if (!body.containsKey("minute")) {
            if (declared) {
                throw ApiException.badRequest("missing_field", "this virtual run declares its schedule: each"
                        + " submission carries \"minute\", the minute of the contest it counts at");
            }
            return null;
        }
        if (!declared) {
            throw ApiException.badRequest("minute_not_declared", "\"minute\" is taken only by a virtual run with the"
                    + " policy \"declared\"; here the " + (run == null ? "contest's clock" : "run's policy") + " decides");
        }
        Object v = body.getValue("minute");
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < 0
                || n.doubleValue() >= run.durationMinutes()) {
            throw ApiException.badRequest("invalid_field", "\"minute\" must be a whole number from 0 to "
                    + (run.durationMinutes() - 1) + " (the contest lasts " + run.durationMinutes() + " minutes)");
        }
        return n.intValue();
    }

    private static ApiException virtualRunOver(String contestId) {
        return new ApiException(409, "virtual_run_over", "your virtual run of contest '" + contestId
                + "' is over; it takes no more submissions");
    }

    /** The contest a submission counts in, and the caller's active virtual run of it (null while it runs). */
    private record ContestEntry(Contest contest, VirtualRun run) {
    }

    /**
     * A submission naming a contest counts in it; one that could not count is refused, never silently kept aside.
     * After the contest it counts in the caller's virtual run, if they have one that is active.
     */
    private ContestEntry checkContestEntry(String contestId, String problemId, User user) throws Exception {
        Contest contest = contests.find(contestId)
                .orElseThrow(() -> ApiException.notFound("contest_not_found", "no contest has the id '" + contestId + "'"));
        if (!contest.includes(problemId)) {
            throw ApiException.badRequest("problem_not_in_contest",
                    "problem '" + problemId + "' is not part of contest '" + contestId + "'");
        }
        if (!contest.runningAt(Instant.now())) {
            if (contest.overAt(Instant.now())) {
                VirtualRun run = virtualRuns.find(contestId, user.id()).orElse(null);
                if (run != null && run.activeAt(Instant.now())) {
                    return new ContestEntry(contest, run);
                }
                if (run != null) {
                    throw virtualRunOver(contestId);
                }
            }
            throw new ApiException(409, "contest_not_running", "contest '" + contestId + "' is "
                    + contest.phaseAt(Instant.now()) + "; submissions count only while it runs"
                    + (contest.overAt(Instant.now()) ? " or in a virtual run (POST /api/v1/contests/" + contestId
                    + "/virtual)" : ""));
        }
        if (!contests.isRegistered(contestId, user.id())) {
            throw new ApiException(403, "not_registered",
                    "register for contest '" + contestId + "' first (POST /api/v1/contests/" + contestId + "/register)");
        }
        return new ContestEntry(contest, null);
    }

    private Reply show(RoutingContext ctx) throws Exception {
        String raw = ctx.pathParam("id");
        UUID id;
        try {
            id = UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("submission_not_found", "no submission has the id '" + raw + "'");
        }
        SubmissionLog.tag(ctx, id);
        Optional<SubmissionView> found = submissions.find(id);
        SubmissionAccess allowed = found.isEmpty() ? SubmissionAccess.HIDDEN
                : access.session(auth.viewer(ctx), Instant.now()).submission(found.get().facts());
        if (!allowed.visible()) {
            throw ApiException.notFound("submission_not_found", "no submission has the id '" + raw + "'");
        }
        return Reply.ok(toJson(found.get(), allowed));
    }

    /**
     * A completion callback's body: the submission as GET /api/v1/submissions/{id} shows it to its author, minus
     * the source files (the author has them; echoing up to 256 KiB back on every callback helps nobody). Empty
     * when it is not judged now (a rejudge reset it since: that judgement's own callback follows).
     */
    public static Optional<String> callbackBody(SubmissionStore store, UUID id) throws java.sql.SQLException {
        return store.find(id).filter(s -> s.status() == SubmissionStatus.DONE).map(s -> toJson(s).encode());
    }

    /** The submission as {@code access} allows: with its source files only at {@link SubmissionAccess#SOURCE}. */
    public static JsonObject toJson(SubmissionView s, SubmissionAccess access) {
        JsonObject json = toJson(s);
        if (access == SubmissionAccess.SOURCE) {
            json.put("files", new JsonArray(s.filesJson()));
        }
        return json;
    }

    /** The submission without its source. */
    public static JsonObject toJson(SubmissionView s) {
        JsonArray tests = new JsonArray();
        for (JudgedTest t : s.testcases()) {
            tests.add(new JsonObject().put("name", t.name()).put("verdict", t.verdict().name()).put("time_ms", t.timeMs())
                    .put("memory_kb", t.memoryKb()).put("score", t.score()));
        }
        JsonArray history = new JsonArray();
        for (PastJudgement h : s.history()) {
            history.add(new JsonObject().put("verdict", h.verdict().name()).put("judged_at", h.judgedAt().toString())
                    .put("rejudge", h.rejudge()));
        }
        return new JsonObject().put("id", s.id()).put("handle", s.handle()).put("problem", s.problem())
                .put("language", s.language()).put("contest", s.contest()).put("status", s.status().wire())
                .put("verdict", s.verdict() == null ? null : s.verdict().name()).put("score", s.score()).put("time_ms", s.timeMs())
                .put("memory_kb", s.memoryKb()).put("testcases", tests)
                .put("compile_output", s.compileOutput() == null ? "" : s.compileOutput())
                .put("created_at", s.createdAt().toString()).put("history", history);
    }
}
