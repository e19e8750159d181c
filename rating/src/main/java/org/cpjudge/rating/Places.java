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
        Result[] results = new Result[n];
        for (int k = 0; k < n; k++) {
            results[k] = standings.get(k).result();
            if (results[k].getClass() != results[0].getClass()) {
                throw new IllegalArgumentException(
                        "standings mix scores and given ranks (" + standings.get(0).contestant().handle()
                                + " vs " + standings.get(k).contestant().handle() + ")");
            }
        }
        int[] order = IndexSort.sort(n, (a, b) -> compare(results[a], results[b]));
        int[] places = new int[n];
        int groupStart = 0;
        for (int k = 1; k <= n; k++) {
            if (k == n || compare(results[order[k]], results[order[groupStart]]) != 0) {
                for (int m = groupStart; m < k; m++) {
                    places[order[m]] = k;
                }
                groupStart = k;
            }
        }
        return places;
    }

    /** Negative when {@code a} is the better result. */
    static int compare(Result a, Result b) {
        if (a instanceof Result.Score sa && b instanceof Result.Score sb) {
            // == first so that 0.0 and -0.0 points tie
            int byPoints = sa.points() == sb.points() ? 0 : Double.compare(sb.points(), sa.points());
            return byPoints != 0 ? byPoints : Long.compare(sa.penalty(), sb.penalty());
        }
        if (a instanceof Result.GivenRank ra && b instanceof Result.GivenRank rb) {
            return Long.compare(ra.rank(), rb.rank());
        }
        throw new IllegalArgumentException("cannot compare a score with a given rank");
    }
}
