package org.cpjudge.api.virtual;

import java.util.Objects;
import org.cpjudge.rating.Contestant;
import org.cpjudge.rating.Result;
import org.cpjudge.rating.Standing;

/**
 * One row of a finished contest's official final standings: a real participant (not a user here), their rating
 * before the contest, and their result (points and penalty, or the rank the contest gave them).
 */
public record ReferenceRow(String handle, int rating, Result result) {

    public ReferenceRow {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(result, "result");
    }

    /** The row as the rating module takes it: an established contestant at their rating. */
    public Standing standing() {
        return new Standing(Contestant.of(handle, rating), result);
    }

    public boolean byRank() {
        return result instanceof Result.GivenRank;
    }
}
