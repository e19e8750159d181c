package org.cpjudge.api.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deleting directory trees, never following symbolic links out of them. */
public final class Trees {

    private Trees() {
    }

    /**
     * Renames a finished directory into place atomically. When {@code target} appeared meanwhile (another thread
     * or process finished the same work first), theirs stays and this returns normally: rename(2) onto a
     * non-empty directory fails with ENOTEMPTY, which Java reports as a plain FileSystemException.
     */
    public static void moveIntoPlace(Path finished, Path target) throws IOException {
        try {
            Files.move(finished, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.FileSystemException e) {
            if (!Files.isDirectory(target)) {
                throw e;
            }
        }
    }

    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
