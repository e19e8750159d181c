package org.cpjudge.judge.problem;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.cpjudge.judge.Verdict;

/**
 * A solution under {@code submissions/<folder>/} (or, in a Polygon package, a solution with its {@code tag} as
 * the folder), with the verdicts it may get.
 *
 * @param allowed     the verdicts it may get: one for {@code accepted}, {@code wrong_answer} and the like, two for
 *                    Polygon's {@code time-limit-exceeded-or-accepted}; empty for folders such as
 *                    {@code rejected} or {@code brute_force} that promise no set of verdicts
 * @param languageId  the language the package names for it (Polygon's source {@code type}), when it names one
 *                    we have; otherwise its file names decide
 */
public record ReferenceSubmission(String folder, String name, Path path, Set<Verdict> allowed,
        Optional<String> languageId) {

    public ReferenceSubmission {
        allowed = Set.copyOf(allowed);
    }

    /** A Kattis submission: its folder names its verdict, its file names its language. */
    public ReferenceSubmission(String folder, String name, Path path) {
        this(folder, name, path, Verdict.forSubmissionFolder(folder).map(Set::of).orElse(Set.of()),
                Optional.empty());
    }

    /** The single verdict it promises, if it promises exactly one. */
    public Optional<Verdict> expected() {
        return allowed.size() == 1 ? allowed.stream().findFirst() : Optional.empty();
    }

    /** "accepted/hello.cpp". */
    public String displayName() {
        return folder + "/" + name;
    }
}
