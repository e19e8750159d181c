package org.cpjudge.rating.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cpjudge.rating.CodeforcesRating;
import org.cpjudge.rating.Contestant;
import org.cpjudge.rating.NewcomerRule;
import org.cpjudge.rating.RatingChange;
import org.cpjudge.rating.Standing;

/**
 * Benchmark, not a test: time to rate random contests of 10k, 100k and 1M contestants.
 * Ratings are normal around 1500 (sd 450), scores have many ties, like a large open round.
 *
 * <p>Run with {@code bench/rating/run-bench.sh}. Prints, per size, the first (cold) run and the best of
 * the following warm runs, in milliseconds.
 */
public final class RatingBench {
    private RatingBench() {
    }

    public static void main(String[] args) {
        int[] sizes = args.length > 0 ? java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] {10_000, 100_000, 1_000_000};
        System.out.printf("cores=%d java=%s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        for (int n : sizes) {
            List<Standing> standings = contest(new Random(n), n);
            CodeforcesRating rating = new CodeforcesRating(NewcomerRule.CODEFORCES_2020);
            long cold = time(rating, standings);
            long best = Long.MAX_VALUE;
            int runs = n >= 1_000_000 ? 3 : 5;
            for (int k = 0; k < runs; k++) {
                best = Math.min(best, time(rating, standings));
            }
            System.out.printf("n=%,9d  cold %6d ms  warm best of %d %6d ms%n", n, cold / 1_000_000, runs,
                    best / 1_000_000);
        }
    }

    private static long sink;

    private static long time(CodeforcesRating rating, List<Standing> standings) {
        long start = System.nanoTime();
        List<RatingChange> changes = rating.rate(standings);
        long elapsed = System.nanoTime() - start;
        sink += changes.get(changes.size() / 2).delta();
        return elapsed;
    }

    static List<Standing> contest(Random random, int n) {
        List<Standing> standings = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            int rating = (int) Math.round(1500 + 450 * random.nextGaussian());
            standings.add(Standing.byScore(Contestant.of("user" + k, rating),
                    random.nextInt(Math.max(1, n / 10)), random.nextInt(200)));
        }
        return standings;
    }
}
