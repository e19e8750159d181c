package org.cpjudge.api.problem;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cpjudge.judge.problem.PackageArchive;
import org.cpjudge.judge.problem.ProblemPackageException;

/** Unpacks an uploaded or stored package zip into a directory of its own. */
final class ZipPackages {

    private ZipPackages() {
    }

    /**
     * Unpacks {@code zip} below {@code dir} (created) and answers the package's root: {@code dir/tree}, or the one
     * top folder inside it when the zip holds the package in a folder.
     */
    static Path unpack(byte[] zip, Path dir) throws java.io.IOException, ProblemPackageException {
        Files.createDirectories(dir);
        Path zipFile = dir.resolve("package.zip");
        Files.write(zipFile, zip);
        try {
            return PackageArchive.extract(zipFile, dir.resolve("tree"));
        } finally {
            Files.deleteIfExists(zipFile);
        }
    }
}
