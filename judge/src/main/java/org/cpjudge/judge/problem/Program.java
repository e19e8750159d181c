package org.cpjudge.judge.problem;

import java.nio.file.Path;
import java.util.List;
import org.cpjudge.judge.problem.Problem.CheckerProtocol;

/**
 * A program shipped in a package (a validator or a reference submission): one source file or a folder.
 *
 * @param name        its name in the package, such as {@code output_validators/checker} or {@code accepted/sol.cpp}
 * @param path        the file or folder
 * @param companions  files compiled beside it though they live elsewhere in the package, such as a Polygon
 *                    package's {@code files/testlib.h} next to {@code check.cpp}
 * @param protocol    how it is called: an input validator in Kattis' protocol accepts with exit 42, one in
 *                    testlib's with exit 0 (an output validator's protocol is {@link Problem#checkerProtocol})
 */
public record Program(String name, Path path, List<Path> companions, CheckerProtocol protocol) {

    public Program {
        companions = List.copyOf(companions);
    }

    /** A Kattis program: nothing beside it. */
    public Program(String name, Path path) {
        this(name, path, List.of(), CheckerProtocol.KATTIS);
    }
}
