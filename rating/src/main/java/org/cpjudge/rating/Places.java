package org.cpjudge.rating;

import java.util.List;

/**
 * Places from final standings, the Codeforces way: best first by points (descending) then penalty
 * (ascending), or by given rank (ascending); contestants equal on those keys form a tie group and all
 * take the group's worst place, e.g. three contestants tied for first all get place 3.
 *
 * <p>Why the worst place: a tie is not a win over the others in the group, so nobody in it is credited
 * with beating them.
 */
public final class Places {
    private Places() {
    }

    /** The place of each standing, in input order. */
    public static int[] of(List<Standing> standings) {
        int n = standings.size();
        // Primitive keys rather than Result objects: sorting a million contestants touches each key
        // about twenty times, and chasing object pointers made this the slowest step of a rating.
        double[] points = new double[n];
        long[] tiebreak = new long[n]; // penalty, or the given rank
        boolean byRank = n > 0 && standings.get(0).result() instanceof Result.GivenRank;
        for (int k = 0; k < n; k++) {
            Result r = standings.get(k).result();
            if (r instanceof Result.Score s && !byRank) {
                points[k] = s.points() + 0.0; // + 0.0 turns -0.0 into 0.0, so that they tie
                tiebreak[k] = s.penalty();
            } else if (r instanceof Result.GivenRank g && byRank) {
                tiebreak[k] = g.rank();
            } else {
                throw new IllegalArgumentException(
                        "standings mix scores and given ranks (" + standings.get(0).contestant().handle()
                                + " vs " + standings.get(k).contestant().handle() + ")");
            }
        }
        int[] order = IndexSort.sort(n, (a, b) -> {
            int byPoints = Double.compare(points[b], points[a]);
            return byPoints != 0 ? byPoints : Long.compare(tiebreak[a], tiebreak[b]);
        });
        int[] places = new int[n];
        int groupStart = 0;
        for (int k = 1; k <= n; k++) {
            if (k == n || points[order[k]] != points[order[groupStart]]
                    || tiebreak[order[k]] != tiebreak[order[groupStart]]) {
                for (int m = groupStart; m < k; m++) {
                    places[order[m]] = k;
                }
                groupStart = k;
            }
        }
        return places;
    }
}
