package org.cpjudge.api.contest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.cpjudge.api.store.RatingStore;
import org.cpjudge.api.store.User;
import org.cpjudge.api.store.UserStore;
import org.cpjudge.rating.RatingDistribution;
import org.cpjudge.rating.Title;

/** Public profiles and the leaderboard as JSON, for the API and the web pages alike. */
public final class RatingService {

    private final UserStore users;
    private final RatingStore ratings;

    public RatingService(UserStore users, RatingStore ratings) {
        this.users = users;
        this.ratings = ratings;
    }

    public Optional<JsonObject> profile(String handle) throws SQLException {
        Optional<User> found = users.byHandle(handle);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        User u = found.get();
        JsonArray history = new JsonArray();
        for (RatingStore.HistoryEntry h : ratings.history(u.id())) {
            history.add(new JsonObject().put("contest", h.contest()).put("contest_name", h.contestName())
                    .put("rank", h.rank()).put("old_rating", h.oldRating()).put("new_rating", h.newRating())
                    .put("delta", h.delta()).put("at", h.appliedAt().toString()));
        }
        return Optional.of(new JsonObject().put("handle", u.handle()).put("kind", u.kind()).put("name", u.name())
                .put("model", u.model()).put("provider", u.provider()).put("model_version", u.modelVersion())
                .put("rating", u.rating()).put("max_rating", u.maxRating())
                .put("title", u.rating() == null ? null : Title.of(u.rating()).displayName())
                .put("history", history));
    }

    /**
     * Rated users of a kind ("human", "ai", or null for everyone), by rating; equal ratings share a rank. The
     * percentile places each rating among all rated users, humans and AI alike: the share rated strictly lower.
     */
    public JsonObject leaderboard(String kind) throws SQLException {
        List<RatingStore.RatedUser> everyone = ratings.rated(null);
        if (everyone.isEmpty()) {
            return new JsonObject().put("kind", kind == null ? "all" : kind).put("rows", new JsonArray());
        }
        RatingDistribution distribution = new RatingDistribution(
                everyone.stream().mapToInt(RatingStore.RatedUser::rating).toArray());
        List<RatingStore.RatedUser> shown = kind == null ? everyone
                : everyone.stream().filter(u -> u.kind().equals(kind)).toList();
        JsonArray rows = new JsonArray();
        for (int i = 0; i < shown.size(); i++) {
            RatingStore.RatedUser u = shown.get(i);
            int rank = i > 0 && shown.get(i - 1).rating() == u.rating() ? rows.getJsonObject(i - 1).getInteger("rank") : i + 1;
            rows.add(new JsonObject().put("rank", rank).put("handle", u.handle()).put("kind", u.kind())
                    .put("rating", u.rating()).put("title", Title.of(u.rating()).displayName())
                    .put("percentile", distribution.percentile(u.rating())));
        }
        return new JsonObject().put("kind", kind == null ? "all" : kind).put("rows", rows);
    }
}
