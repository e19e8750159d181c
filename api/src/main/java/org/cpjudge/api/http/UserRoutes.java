package org.cpjudge.api.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.regex.Pattern;
import org.cpjudge.api.contest.RatingService;
import org.cpjudge.api.store.User;
import org.cpjudge.api.store.UserStore;

/**
 * Creating users (administrators only), rotating one's own webhook secret and API token, an administrator
 * rotating or revoking anyone's token, and reading public profiles.
 */
public final class UserRoutes {

    private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");
    /** Longest model, provider or model version name (the V12 checks say the same). */
    static final int MODEL_FIELD_MAX = 100;

    private final Endpoints endpoints;
    private final Authenticator auth;
    private final UserStore users;
    private final RatingService ratings;
    /** The new user's body is checked by the OpenAPI document's schema for it. */
    private final RequestSchemas requests;

    public UserRoutes(Endpoints endpoints, Authenticator auth, UserStore users, RatingService ratings,
                      RequestSchemas requests) {
        this.requests = requests;
        this.endpoints = endpoints;
        this.auth = auth;
        this.users = users;
        this.ratings = ratings;
    }

    public void mount(Router router) {
        router.post("/api/v1/users").handler(RequestBodies.upTo(64 * 1024))
                .handler(endpoints.blocking(this::create));
        router.post("/api/v1/users/me/webhook-secret").handler(endpoints.blocking(this::rotateWebhookSecret));
        // "me" first: it is the caller, whatever their handle
        router.get("/api/v1/users/me").handler(endpoints.blocking(this::me));
        router.post("/api/v1/users/me/token").handler(endpoints.blocking(this::rotateOwnToken));
        router.delete("/api/v1/users/me/token").handler(endpoints.blocking(this::revokeOwnToken));
        router.post("/api/v1/users/:handle/token").handler(endpoints.blocking(this::rotateToken));
        router.delete("/api/v1/users/:handle/token").handler(endpoints.blocking(this::revokeToken));
        router.get("/api/v1/users/:handle").handler(endpoints.blocking(this::profile));
    }

    private Reply create(RoutingContext ctx) throws Exception {
        auth.administrator(ctx);
        JsonObject body = JsonBodies.object(ctx);
        // types, the kind and role words, the model fields' lengths: the document's NewUser schema
        requests.check("post", "/api/v1/users", body);
        String handle = body.getString("handle");
        // again here: the schema's pattern lets a trailing newline through ($ matches before it in Java)
        if (!HANDLE.matcher(handle).matches()) {
            throw ApiException.badRequest("invalid_handle",
                    "a handle is 1 to 32 letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        String kind = Objects.requireNonNullElse(body.getString("kind"), "human");
        String role = Objects.requireNonNullElse(body.getString("role"), "contestant");
        String model = modelField(body, "model");
        String provider = modelField(body, "provider");
        String version = modelField(body, "model_version");
        if (!"ai".equals(kind) && (provider != null || version != null)) {
            throw ApiException.badRequest("invalid_field", "only AI users (\"kind\": \"ai\") name a provider"
                    + " and a model version");
        }
        var created = users.createNamed(handle, kind, role, body.getString("name"),
                        new UserStore.AiModel(model, provider, version))
                .orElseThrow(() -> new ApiException(409, "handle_taken", "the handle '" + handle + "' is taken"));
        User u = created.user();
        return Reply.created(new JsonObject().put("handle", u.handle()).put("kind", u.kind()).put("role", u.role())
                .put("name", u.name()).put("model", u.model()).put("provider", u.provider())
                .put("model_version", u.modelVersion()).put("token", created.token())
                .put("webhook_secret", created.webhookSecret()));
    }

    /** An optional model, provider or version name; the schema bounds its length, and it is not blank. */
    private static String modelField(JsonObject body, String field) {
        String value = body.getString(field);
        if (value != null && value.isBlank()) {
            throw ApiException.badRequest("invalid_field", "'" + field + "' is 1 to " + MODEL_FIELD_MAX
                    + " characters, not blank");
        }
        return value;
    }

    /** A new secret for the caller's callback signatures; the old one stops signing at once. */
    private Reply rotateWebhookSecret(RoutingContext ctx) throws Exception {
        User user = auth.user(ctx);
        return Reply.ok(new JsonObject().put("webhook_secret", users.rotateWebhookSecret(user.id())));
    }

    /** The caller's tokens are all revoked and one new one issued, shown this once. */
    private Reply rotateOwnToken(RoutingContext ctx) throws Exception {
        User user = auth.user(ctx);
        return Reply.ok(new JsonObject().put("handle", user.handle()).put("token", users.rotateToken(user.id())));
    }

    /** The caller signs out everywhere: every token of theirs stops working. */
    private Reply revokeOwnToken(RoutingContext ctx) throws Exception {
        User user = auth.user(ctx);
        return Reply.ok(new JsonObject().put("handle", user.handle()).put("revoked", users.revokeTokens(user.id())));
    }

    /** An administrator replaces anyone's tokens by a new one, shown this once (a leaked token, a lost one). */
    private Reply rotateToken(RoutingContext ctx) throws Exception {
        auth.administrator(ctx);
        User user = named(ctx);
        return Reply.ok(new JsonObject().put("handle", user.handle()).put("token", users.rotateToken(user.id())));
    }

    /** An administrator revokes every token of a user; the user can do nothing until given a new one. */
    private Reply revokeToken(RoutingContext ctx) throws Exception {
        auth.administrator(ctx);
        User user = named(ctx);
        return Reply.ok(new JsonObject().put("handle", user.handle()).put("revoked", users.revokeTokens(user.id())));
    }

    private User named(RoutingContext ctx) throws Exception {
        String handle = ctx.pathParam("handle");
        return users.byHandle(handle)
                .orElseThrow(() -> ApiException.notFound("user_not_found", "no user has the handle '" + handle + "'"));
    }

    private Reply profile(RoutingContext ctx) throws Exception {
        String handle = ctx.pathParam("handle");
        return Reply.ok(ratings.profile(handle)
                .orElseThrow(() -> ApiException.notFound("user_not_found", "no user has the handle '" + handle + "'")));
    }

    /** The caller's own profile and role: how the web pages check a pasted token and learn whose it is. */
    private Reply me(RoutingContext ctx) throws Exception {
        User caller = auth.user(ctx);
        JsonObject profile = ratings.profile(caller.handle())
                .orElseThrow(() -> ApiException.notFound("user_not_found", "the caller's profile is gone"));
        return Reply.ok(profile.put("role", caller.role()));
    }
}
