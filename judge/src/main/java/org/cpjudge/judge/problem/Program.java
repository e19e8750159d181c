package org.cpjudge.judge.problem;

import java.nio.file.Path;

/**
 * A program shipped in a package (a validator or a reference submission): one source file or a folder.
 *
 * @param name  its name in the package, such as {@code output_validators/checker} or {@code accepted/sol.cpp}
 * @param path  the file or folder
 */
public record Program(String name, Path path) {
}
