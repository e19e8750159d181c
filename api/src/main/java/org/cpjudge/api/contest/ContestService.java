package org.cpjudge.api.contest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.store.ContestStore;

/** Contests and their public scoreboards as JSON, for the API and the web pages alike. */
public final class ContestService {

    private final Database db;
    private final ContestStore contests;

    public ContestService(Database db, ContestStore contests) {
        this.db = db;
        this.contests = contests;
    }

    /** @param forAdministrator show what only administrators see (problems before the start, invitation codes) */
    public JsonArray list(Instant now, boolean forAdministrator) throws SQLException {
        JsonArray list = new JsonArray();
        for (Contest c : contests.list()) {
            list.add(c.toJson(now, forAdministrator));
        }
        return list;
    }

    public Optional<JsonObject> contest(String id, Instant now, boolean forAdministrator) throws SQLException {
        return contests.find(id).map(c -> c.toJson(now, forAdministrator));
    }

    /** The scoreboard everyone sees: frozen results stay hidden until the contest is finalized. */
    public Optional<Scoreboard> publicScoreboard(String id, Instant now) throws SQLException {
        try (Connection c = db.connection()) {
            Optional<Contest> contest = contests.find(c, id, false);
            if (contest.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(Scoreboard.of(contest.get(), contests.participants(c, id), contests.submissions(c, id),
                    now, true));
        }
    }
}
