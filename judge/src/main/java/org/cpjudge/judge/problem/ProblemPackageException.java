package org.cpjudge.judge.problem;

import java.nio.file.Path;

/** A problem package that cannot be used; the message names the problem and the file at fault. */
public class ProblemPackageException extends Exception {

    public ProblemPackageException(String problem, Path file, String what) {
        super("problem " + problem + ": " + file + ": " + what);
    }

    public ProblemPackageException(String problem, Path file, String what, Throwable cause) {
        super("problem " + problem + ": " + file + ": " + what, cause);
    }
}
