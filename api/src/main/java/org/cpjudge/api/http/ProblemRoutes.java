package org.cpjudge.api.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Set;
import org.cpjudge.api.problem.ProblemImport;
import org.cpjudge.api.store.ProblemStore;
import org.cpjudge.api.store.StoredProblem;
import org.cpjudge.api.store.User;

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

    public ProblemRoutes(Endpoints endpoints, Authenticator auth, ProblemStore problems, ProblemImport importer) {
        this.endpoints = endpoints;
        this.auth = auth;
        this.problems = problems;
        this.importer = importer;
    }

    public void mount(Router router) {
        router.post("/api/v1/problems").handler(BodyHandler.create(false).setBodyLimit(MAX_PACKAGE_BYTES))
                .handler(endpoints.blocking(this::importPackage));
        router.get("/api/v1/problems/:id").handler(endpoints.blocking(this::show));
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
        StoredProblem p = importer.importZip(body.getBytes(), ctx.queryParams().get("id"), admin.id());
        return Reply.created(toJson(p));
    }

    private Reply show(RoutingContext ctx) throws Exception {
        String id = ctx.pathParam("id");
        StoredProblem p = problems.find(id)
                .orElseThrow(() -> ApiException.notFound("problem_not_found", "no problem has the id '" + id + "'"));
        return Reply.ok(toJson(p));
    }

    private static JsonObject toJson(StoredProblem p) {
        return new JsonObject().put("id", p.id()).put("name", p.name()).put("time_limit_ms", p.timeLimitMs())
                .put("memory_limit_mb", p.memoryLimitMb()).put("testcases", p.testcases());
    }
}
