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
    private final LiveScoreboards live;

    /** Computes each board when asked (tools and tests); a server passes its live boards instead. */
    public ContestService(Database db, ContestStore contests) {
        this(db, contests, null);
    }

    public ContestService(Database db, ContestStore contests, LiveScoreboards live) {
        this.db = db;
        this.contests = contests;
        this.live = live;
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

    /** The live board of a contest as {@code view} sees it, kept in memory; empty when there is no such contest. */
    public Optional<PublishedBoard> board(String id, LiveScoreboards.View view) throws Exception {
        if (live != null) {
            return live.board(id, view);
        }
        return computed(id, Instant.now(), view == LiveScoreboards.View.PUBLIC)
                .map(b -> new PublishedBoard(b, 0, view));
    }

    public Optional<LiveScoreboards> live() {
        return Optional.ofNullable(live);
    }

    /** The scoreboard everyone sees: frozen results stay hidden until unfrozen or finalized. */
    public Optional<Scoreboard> publicScoreboard(String id, Instant now) throws Exception {
        if (live != null) {
            return live.board(id, LiveScoreboards.View.PUBLIC).map(PublishedBoard::scoreboard);
        }
        return computed(id, now, true);
    }

    private Optional<Scoreboard> computed(String id, Instant now, boolean hideFrozen) throws SQLException {
        try (Connection c = db.connection()) {
            Optional<Contest> contest = contests.find(c, id, false);
            if (contest.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(Scoreboard.of(contest.get(), contests.participants(c, id), contests.submissions(c, id),
                    now, hideFrozen));
        }
    }
}
