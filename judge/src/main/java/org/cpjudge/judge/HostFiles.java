package org.cpjudge.judge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * File work on the host around boxes. Whatever a box wrote may be a symlink planted to make the judge read or
 * overwrite a host file, so reads and copies out of a box take regular files only and never follow links.
 */
public final class HostFiles {

    private HostFiles() {
    }

    /** Up to {@code maxBytes} of a regular file (not a link); empty when it is missing or not regular. */
    public static byte[] readRegular(Path file, int maxBytes) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return new byte[0];
        }
        if (!attrs.isRegularFile()) {
            return new byte[0];
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return in.readNBytes(maxBytes);
        }
    }

    public static String readText(Path file, int maxBytes) throws IOException {
        return new String(readRegular(file, maxBytes), StandardCharsets.UTF_8);
    }

    /** Copies the regular files and folders of {@code from} into {@code to}, skipping links and devices. */
    public static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(from) && attrs.isSymbolicLink()) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING,
                            LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Copies a trusted file (test data, package files), following links the package loader already vetted. */
    public static void copyFile(Path from, Path to) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Removes a folder tree without following links out of it. A folder a box left read-only is made writable
     * first, only then: making every entry writable up front cost a metadata write per file on every test case.
     */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (java.nio.file.AccessDeniedException denied) {
                    try {
                        if (p.getParent() != null) {
                            p.getParent().toFile().setWritable(true);
                        }
                        p.toFile().setWritable(true);
                        Files.deleteIfExists(p);
                    } catch (IOException ignored) {
                        // best effort, as below
                    }
                } catch (IOException ignored) {
                    // best effort: a leftover folder under workRoot is harmless
                }
            });
        } catch (IOException ignored) {
            // same
        }
    }
}
