package org.cpjudge.judge.problem;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks an uploaded problem package zip, refusing zip bombs and entries that would land outside the target.
 *
 * <p>Sizes are counted while inflating, not taken from the zip's headers, which an attacker writes.
 * Symlink entries are written as plain files (Java's zip reader does not create links), so nothing in the
 * archive can point outside it.
 */
public final class PackageArchive {

    public static final long MAX_TOTAL_BYTES = 2L << 30;
    public static final int MAX_ENTRIES = 100_000;

    private PackageArchive() {
    }

    /** Extracts {@code zipFile} into {@code destDir} and returns the package root inside it. */
    public static Path extract(Path zipFile, Path destDir) throws ProblemPackageException, IOException {
        return extract(zipFile, destDir, MAX_TOTAL_BYTES, MAX_ENTRIES);
    }

    public static Path extract(Path zipFile, Path destDir, long maxTotalBytes, int maxEntries)
            throws ProblemPackageException, IOException {
        String problem = zipFile.getFileName().toString().replaceFirst("\\.zip$", "");
        Files.createDirectories(destDir);
        Path dest = destDir.toRealPath();
        long total = 0;
        int count = 0;
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (++count > maxEntries) {
                    throw new ProblemPackageException(problem, zipFile, "more than " + maxEntries + " entries");
                }
                Path target = dest.resolve(entry.getName()).normalize();
                if (!target.startsWith(dest) || entry.getName().startsWith("/") || entry.getName().contains("\\")) {
                    throw new ProblemPackageException(problem, zipFile,
                            "entry " + entry.getName() + " would land outside the package");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(entry);
                        OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        total += n;
                        if (total > maxTotalBytes) {
                            throw new ProblemPackageException(problem, zipFile,
                                    "unpacks to more than " + maxTotalBytes + " bytes");
                        }
                        out.write(buffer, 0, n);
                    }
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    throw new ProblemPackageException(problem, zipFile, "entry " + entry.getName() + " appears twice");
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new ProblemPackageException(problem, zipFile, "not a valid zip: " + e.getMessage());
        }
        return packageRoot(dest);
    }

    /**
     * The folder holding problem.yaml (Kattis) or problem.xml (Polygon): the extraction folder itself or its
     * single top folder.
     */
    private static Path packageRoot(Path dest) throws IOException {
        if (Files.exists(dest.resolve("problem.yaml")) || Files.exists(dest.resolve("problem.xml"))) {
            return dest;
        }
        try (var list = Files.list(dest)) {
            var top = list.filter(p -> !p.getFileName().toString().startsWith("__MACOSX")).toList();
            if (top.size() == 1 && Files.isDirectory(top.get(0))) {
                return top.get(0);
            }
        }
        return dest; // ProblemPackage.load will say that problem.yaml is missing
    }
}
