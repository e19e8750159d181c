package org.cpjudge.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Set;
import org.cpjudge.api.access.AccessPolicy;
import org.cpjudge.api.problem.ProblemImport;
import org.cpjudge.api.problem.Statements;
import org.cpjudge.api.store.ProblemStore;
import org.cpjudge.api.store.StoredProblem;
import org.cpjudge.api.store.User;
import org.cpjudge.judge.problem.Problem;

/** Importing problem packages (administrators) and reading a problem's limits. */
public final class ProblemRoutes {

    /** Packages with big test data exist; beyond this, host the data elsewhere. */
    static final long MAX_PACKAGE_BYTES = 256L * 1024 * 1024;
    private static final Set<String> ZIP_TYPES = Set.of("application/zip", "application/x-zip-compressed",
            "application/octet-stream");

    private final Endpoints endpoints;
    private final Authenticator auth;
    private final ProblemStore problems;
    private final ProblemImport importer;
    private final Statements statements;
    private final AccessPolicy access;

    public ProblemRoutes(Endpoints endpoints, Authenticator auth, ProblemStore problems, ProblemImport importer,
                         Statements statements, AccessPolicy access) {
        this.access = access;
        this.endpoints = endpoints;
        this.auth = auth;
        this.problems = problems;
        this.importer = importer;
        this.statements = statements;
    }

    public void mount(Router router) {
        router.post("/api/v1/problems").handler(RequestBodies.callerFirst(MAX_PACKAGE_BYTES, auth::administrator))
                .handler(endpoints.blocking(this::importPackage));
        router.get("/api/v1/problems/:id").handler(endpoints.blocking(this::show));
        router.get("/api/v1/problems/:id/statement").handler(endpoints.blocking(this::statementFiles));
        router.get("/api/v1/problems/:id/statement/*").handler(endpoints.blocking(this::statementFile));
    }

    private Reply importPackage(RoutingContext ctx) throws Exception {
        User admin = auth.administrator(ctx);
        String type = ctx.request().getHeader("Content-Type");
        String mediaType = type == null ? "" : type.split(";")[0].trim().toLowerCase();
        if (!ZIP_TYPES.contains(mediaType)) {
            throw new ApiException(415, "unsupported_media_type",
                    "send the problem package as a zip with 'Content-Type: application/zip'");
        }
        var body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            throw ApiException.badRequest("empty_body", "the request body must be a problem package zip");
        }
        ProblemImport.Imported imported = importer.importZip(body.getBytes(), ctx.queryParams().get("id"), admin.id());
        return Reply.created(importJson(imported));
    }

    private Reply show(RoutingContext ctx) throws Exception {
        return Reply.ok(toJson(problem(ctx)));
    }

    /** The problem, if the caller may see it: one that belongs to a contest not started yet does not exist. */
    private StoredProblem problem(RoutingContext ctx) throws Exception {
        String id = ctx.pathParam("id");
        boolean visible = access.session(auth.viewer(ctx), Instant.now()).problem(id).visible();
        return problems.find(id).filter(p -> visible)
                .orElseThrow(() -> ApiException.notFound("problem_not_found", "no problem has the id '" + id + "'"));
    }

    private Reply statementFiles(RoutingContext ctx) throws Exception {
        StoredProblem p = problem(ctx);
        var files = statements.list(p).orElseThrow(() -> ApiException.notFound("statement_not_found",
                "the package of problem '" + p.id() + "' has no problem_statement/ or statement/ folder"));
        JsonArray list = new JsonArray();
        files.forEach(f -> list.add(new JsonObject().put("name", f.name()).put("size", f.size())
                .put("url", "/api/v1/problems/" + p.id() + "/statement/" + f.name())));
        return Reply.ok(new JsonObject().put("problem", p.id()).put("files", list));
    }

    /** The raw file. A statement's HTML runs sandboxed (no scripts, no same-origin access to the API). */
    private Reply statementFile(RoutingContext ctx) throws Exception {
        StoredProblem p = problem(ctx);
        String name = ctx.pathParam("*");
        byte[] bytes = statements.read(p, name).orElseThrow(() -> ApiException.notFound("statement_file_not_found",
                "problem '" + p.id() + "' has no statement file '" + name + "'"));
        ctx.response().putHeader("Content-Type", Statements.contentType(name))
                .putHeader("Content-Security-Policy", "sandbox")
                .putHeader("X-Content-Type-Options", "nosniff");
        return Reply.raw(bytes);
    }

    /**
     * The stored problem plus what only the import knows: the package's format edition and type, its credits
     * and source, and its warnings (submissions skipped, an expected-TLE submission within the margin, ...).
     */
    private static JsonObject importJson(ProblemImport.Imported imported) {
        Problem problem = imported.problem();
        JsonObject credits = new JsonObject();
        problem.credits().byRole().forEach((role, people) -> credits.put(role, new JsonArray(people)));
        if (!problem.credits().source().isEmpty()) {
            credits.put("source", new JsonArray(problem.credits().source()));
        }
        var type = new JsonArray().add(problem.scoring() ? "scoring" : "pass-fail");
        if (problem.interactive()) {
            type.add("interactive");
        }
        if (problem.multiPass()) {
            type.add("multi-pass");
        }
        return toJson(imported.stored()).put("format", problem.format().label()).put("type", type)
                .put("credits", credits).put("warnings", new JsonArray(problem.warnings()));
    }

    private static JsonObject toJson(StoredProblem p) {
        return new JsonObject().put("id", p.id()).put("name", p.name()).put("time_limit_ms", p.timeLimitMs())
                .put("memory_limit_mb", p.memoryLimitMb()).put("testcases", p.testcases());
    }
}
