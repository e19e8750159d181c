package org.cpjudge.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Codeforces Round 641 (Div. 1): the official rating changes, reproduced from the standings. */
class CodeforcesFixtureTest {

    @Test
    void reproducesEveryOfficialDelta() throws Exception {
        List<Fixture.Row> rows = Fixture.codeforces1349();
        assertEquals(1248, rows.size(), "fixture rows");

        List<RatingChange> changes = CodeforcesRating.compute(Fixture.standings(rows));

        List<String> wrong = new ArrayList<>();
        for (int k = 0; k < rows.size(); k++) {
            Fixture.Row row = rows.get(k);
            RatingChange c = changes.get(k);
            assertEquals(row.handle(), c.handle(), "input order");
            assertEquals(row.oldRating() + c.delta(), c.newRating());
            if (c.delta() != row.officialDelta()) {
                wrong.add(row.handle() + ": " + c.delta() + " instead of " + row.officialDelta());
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void naiveOracleAlsoReproducesTheFixture() throws Exception {
        List<Fixture.Row> rows = Fixture.codeforces1349();
        List<RatingChange> changes = NaiveRating.rate(Fixture.standings(rows));
        for (int k = 0; k < rows.size(); k++) {
            assertEquals(rows.get(k).officialDelta(), changes.get(k).delta(), rows.get(k).handle());
        }
    }

    @Test
    void tiedContestantsShareTheWorstPlaceOfTheirGroup() throws Exception {
        List<Fixture.Row> rows = Fixture.codeforces1349();
        List<RatingChange> changes = CodeforcesRating.compute(Fixture.standings(rows));
        // the fixture ends with contestants on 0 points and 0 penalty: all of them share the last place
        int zeroes = (int) rows.stream().filter(r -> r.points() == 0 && r.penalty() == 0).count();
        for (int k = 0; k < rows.size(); k++) {
            if (rows.get(k).points() == 0 && rows.get(k).penalty() == 0) {
                assertEquals(rows.size(), changes.get(k).rank(), rows.get(k).handle());
            }
        }
        assertEquals(true, zeroes > 1, "the fixture has a tie group at the bottom");
    }
}
