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
 * Entry names are taken as the zip format writes them, folders separated by {@code /} only.
 *
 * <p>Sizes are counted while inflating, not taken from the zip's headers, which an attacker writes.
 * Symlink entries are written as plain files (Java's zip reader does not create links), so nothing in the
 * archive can point outside it.
 */
public final class PackageArchive {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PackageArchive.class);

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
        try (ZipFile zip = new ZipFile(zipFile.toFile(), namesCharset(zipFile))) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (++count > maxEntries) {
                    throw new ProblemPackageException(problem, zipFile, "more than " + maxEntries + " entries");
                }
                Path target = target(dest, entry.getName(), problem, zipFile);
                if (target == null) {
                    log.warn("package {}: entry {} skipped: its name is not a file name here", problem,
                            entry.getName());
                    continue;
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
     * How the zip's entry names are written. The zip format says UTF-8 when an entry says so and IBM437
     * otherwise; most tools write UTF-8 either way, so UTF-8 is tried first, and a zip whose names are not
     * UTF-8 (made on Windows in a local code page) is read as IBM437, which takes any byte: odd names, but never
     * a refused package.
     */
    private static java.nio.charset.Charset namesCharset(Path zipFile) throws IOException {
        try (ZipFile zip = new ZipFile(zipFile.toFile(), java.nio.charset.StandardCharsets.UTF_8)) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                e.nextElement();
            }
            return java.nio.charset.StandardCharsets.UTF_8;
        } catch (IllegalArgumentException | java.util.zip.ZipException e) {
            // Java reports a name that is not UTF-8 either way ("invalid CEN header (bad entry name)")
            java.nio.charset.Charset ibm437 = java.nio.charset.Charset.forName("IBM437");
            try (ZipFile zip = new ZipFile(zipFile.toFile(), ibm437)) {
                return ibm437;
            } catch (java.util.zip.ZipException notAZip) {
                return java.nio.charset.StandardCharsets.UTF_8; // reported when the zip is read for real
            }
        }
    }

    /**
     * Where entry {@code name} goes under {@code dest}. Only {@code /} separates folders, as the zip format
     * says: a backslash is a character of the name ({@code my sol #1\x.py} is one file), harmless on this
     * system. Absolute names and names that climb out with {@code ..} are refused. Null when the name cannot be
     * a path here at all (characters the file system's encoding lacks) or names the folder itself: that one
     * entry is skipped.
     */
    static Path target(Path dest, String name, String problem, Path zipFile) throws ProblemPackageException {
        Path target;
        try {
            target = dest.resolve(name).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
        if (name.startsWith("/") || !target.startsWith(dest)) {
            throw new ProblemPackageException(problem, zipFile, "entry " + name + " would land outside the package");
        }
        return target.equals(dest) ? null : target; // "./" and the like name the package folder itself
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
