package org.cpjudge.judge.problem;

import java.nio.file.Path;
import java.util.Optional;
import org.cpjudge.judge.Verdict;

/**
 * A solution under {@code submissions/<folder>/}, with the verdict its folder promises (empty for folders
 * such as {@code rejected} or {@code brute_force} that promise no single verdict).
 */
public record ReferenceSubmission(String folder, String name, Path path) {

    public Optional<Verdict> expected() {
        return Verdict.forSubmissionFolder(folder);
    }

    /** "accepted/hello.cpp". */
    public String displayName() {
        return folder + "/" + name;
    }
}
