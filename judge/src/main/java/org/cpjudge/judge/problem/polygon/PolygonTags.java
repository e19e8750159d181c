package org.cpjudge.judge.problem.polygon;

import java.util.Optional;
import java.util.Set;
import org.cpjudge.judge.Verdict;

/**
 * What a Polygon solution's {@code tag} promises, in our verdicts. We have no presentation error: testlib's PE
 * (exit 2) is a wrong answer here, so {@code presentation-error} promises WA.
 */
public final class PolygonTags {

    private PolygonTags() {
    }

    /**
     * The verdicts a tag allows: empty for {@code rejected} and {@code failed}, which allow anything but AC,
     * and for tags we do not know; absent for {@code do-not-run}, whose solutions are not judged.
     */
    public static Optional<Set<Verdict>> allowed(String tag) {
        return switch (tag) {
            case "main", "accepted" -> Optional.of(Set.of(Verdict.AC));
            case "wrong-answer", "presentation-error" -> Optional.of(Set.of(Verdict.WA));
            case "time-limit-exceeded" -> Optional.of(Set.of(Verdict.TLE));
            case "memory-limit-exceeded" -> Optional.of(Set.of(Verdict.MLE));
            case "time-limit-exceeded-or-accepted" -> Optional.of(Set.of(Verdict.TLE, Verdict.AC));
            case "time-limit-exceeded-or-memory-limit-exceeded" -> Optional.of(Set.of(Verdict.TLE, Verdict.MLE));
            case "do-not-run" -> Optional.empty();
            default -> Optional.of(Set.of()); // rejected, failed, and any tag Polygon adds later
        };
    }

    /** Tags whose solutions must not be accepted: any other verdict will do. */
    public static boolean rejects(String tag) {
        return tag.equals("rejected") || tag.equals("failed");
    }
}
