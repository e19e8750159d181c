package org.cpjudge.api.contest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;
import org.cpjudge.rating.Title;

/**
 * A contestant's line on the scoreboard. Immutable; a new rank makes a new row that shares the rest of the
 * encoded line, so re-ranking thousands of rows does not re-encode them.
 */
public final class ScoreboardRow {

    private final int rank;
    private final Participant participant;
    private final int solved;
    private final long penalty;
    private final double score;
    private final List<ProblemResult> problems;
    private final int tries;
    private final long lastAcceptedMinute;
    private final boolean unofficial;
    private final Encoded encoded;

    /**
     * @param tries              how many tries they made in all, pending ones included
     * @param lastAcceptedMinute the latest minute among the first accepted tries (ICPC's last tie-break), or -1
     * @param unofficial         on the board without taking an official rank (AI contestants, when the contest says)
     */
    public ScoreboardRow(int rank, Participant participant, int solved, long penalty, double score,
                         List<ProblemResult> problems, int tries, long lastAcceptedMinute, boolean unofficial) {
        this(rank, participant, solved, penalty, score, List.copyOf(problems), tries, lastAcceptedMinute, unofficial,
                new Encoded());
    }

    public ScoreboardRow(int rank, Participant participant, int solved, long penalty, double score,
                         List<ProblemResult> problems, int tries) {
        this(rank, participant, solved, penalty, score, problems, tries, -1, false);
    }

    private ScoreboardRow(int rank, Participant participant, int solved, long penalty, double score,
                          List<ProblemResult> problems, int tries, long lastAcceptedMinute, boolean unofficial,
                          Encoded encoded) {
        this.rank = rank;
        this.participant = participant;
        this.solved = solved;
        this.penalty = penalty;
        this.score = score;
        this.problems = problems;
        this.tries = tries;
        this.lastAcceptedMinute = lastAcceptedMinute;
        this.unofficial = unofficial;
        this.encoded = encoded;
    }

    public int rank() { return rank; }
    public Participant participant() { return participant; }
    public int solved() { return solved; }
    public long penalty() { return penalty; }
    public double score() { return score; }
    public List<ProblemResult> problems() { return problems; }
    public int tries() { return tries; }
    public long lastAcceptedMinute() { return lastAcceptedMinute; }
    public boolean unofficial() { return unofficial; }

    public String handle() {
        return participant.handle();
    }

    ScoreboardRow withRank(int newRank) {
        return newRank == rank ? this : new ScoreboardRow(newRank, participant, solved, penalty, score, problems,
                tries, lastAcceptedMinute, unofficial, encoded);
    }

    ScoreboardRow withProblems(List<ProblemResult> cells) {
        return new ScoreboardRow(rank, participant, solved, penalty, score, List.copyOf(cells), tries,
                lastAcceptedMinute, unofficial, new Encoded());
    }

    /** Same line apart from the rank. */
    boolean sameContent(ScoreboardRow o) {
        return solved == o.solved && penalty == o.penalty && Double.compare(score, o.score) == 0 && tries == o.tries
                && lastAcceptedMinute == o.lastAcceptedMinute && unofficial == o.unofficial
                && problems.equals(o.problems) && participant.equals(o.participant);
    }

    /** The Codeforces title of the contestant's current rating, or null when unrated. */
    public String title() {
        return participant.rating() == null ? null : Title.of(participant.rating()).displayName();
    }

    public JsonObject toJson() {
        return body();
    }

    private JsonObject body() {
        JsonArray cells = new JsonArray();
        problems.forEach(p -> cells.add(p.toJson()));
        JsonObject json = new JsonObject().put("rank", rank).put("handle", participant.handle())
                .put("kind", participant.kind()).put("display_name", participant.displayName())
                .put("affiliation", participant.affiliation()).put("title", title())
                .put("solved", solved).put("penalty", penalty).put("score", score).put("problems", cells);
        if (unofficial) {
            json.put("unofficial", true);
        }
        return json;
    }

    /** The row as JSON text, rank first; everything after the rank is encoded once per content. */
    public String encode() {
        return "{\"rank\":" + rank + "," + new String(rest(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Appends the row's JSON (as {@link #encode}) to {@code out} without building it as text again. */
    public void appendTo(io.vertx.core.buffer.Buffer out) {
        out.appendString("{\"rank\":" + rank + ",").appendBytes(rest());
    }

    /** How many bytes {@link #appendTo} adds, near enough to size a buffer. */
    public int encodedSize() {
        return rest().length + 16;
    }

    /** The encoded row after {@code {"rank":N,}: shared, never to be changed. */
    byte[] encodedRest() {
        return rest();
    }

    private byte[] rest() {
        byte[] rest = encoded.rest;
        if (rest == null) {
            JsonObject json = body();
            json.remove("rank");
            String text = json.encode();
            rest = text.substring(1).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            encoded.rest = rest;
        }
        return rest;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScoreboardRow r && r.rank == rank && sameContent(r);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rank, participant.userId(), solved, penalty, score);
    }

    @Override
    public String toString() {
        return "ScoreboardRow[" + rank + " " + participant.handle() + " solved=" + solved + " penalty=" + penalty
                + " score=" + score + "]";
    }

    /** The encoded line after the rank, shared by the rows that differ only in rank. */
    private static final class Encoded {
        private volatile byte[] rest;
    }
}
