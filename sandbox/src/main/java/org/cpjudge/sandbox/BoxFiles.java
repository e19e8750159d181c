package org.cpjudge.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * Reading back what a run left in its work directory, without trusting it.
 *
 * <p>Everything in the work directory was written by untrusted code: a file the judge expects may be a
 * symlink to {@code /etc/shadow}, a FIFO that blocks the reader forever, a hard link, a directory, or a
 * name with {@code ..} in it. Read it only through {@link #readRegularFile}: it refuses every path component
 * that is a symlink, anything but a regular file with a single link, names that leave the box, and files
 * larger than asked. Call it after {@link Sandbox#run} returned: by then every process of the box is dead,
 * so nothing can swap the file between the checks and the read (unless the judge runs another box in the
 * same work directory at the same time, which it must not).
 */
public final class BoxFiles {

    private BoxFiles() {
    }

    /**
     * @param workDir  the run's work directory (trusted: the judge made it)
     * @param name     relative name inside it, such as {@code "output.txt"} or {@code "sub/out"}
     * @param maxBytes largest size accepted
     * @return the file's bytes
     * @throws IOException when the name escapes the box, a component is a symlink, the file is not a regular
     *                     file with one link, or it is larger than maxBytes
     */
    public static byte[] readRegularFile(Path workDir, String name, long maxBytes) throws IOException {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new IOException("bad file name in the box: '" + name + "'");
        }
        Path rel = workDir.getFileSystem().getPath(name);
        if (rel.isAbsolute()) {
            throw new IOException("absolute path refused: " + name);
        }
        Path current = workDir;
        int n = rel.getNameCount();
        for (int i = 0; i < n; i++) {
            String part = rel.getName(i).toString();
            if (part.equals("..") || part.equals(".") || part.isEmpty()) {
                throw new IOException("path leaving the box refused: " + name);
            }
            current = current.resolve(part);
            BasicFileAttributes a = Files.readAttributes(current, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isSymbolicLink()) {
                throw new IOException("symlink in the box refused: " + name);
            }
            if (i < n - 1 && !a.isDirectory()) {
                throw new IOException("not a directory: " + rel.subpath(0, i + 1));
            }
            if (i == n - 1) {
                if (!a.isRegularFile()) {
                    throw new IOException("not a regular file: " + name);
                }
                Object links = Files.getAttribute(current, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
                if (links instanceof Integer l && l != 1) {
                    throw new IOException("hard-linked file refused: " + name);
                }
                if (a.size() > maxBytes) {
                    throw new IOException(name + " is " + a.size() + " bytes, more than " + maxBytes);
                }
            }
        }
        // O_NOFOLLOW on the last component as well, in case the checks above were raced
        try (SeekableByteChannel ch = Files.newByteChannel(current,
                Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
             InputStream in = Channels.newInputStream(ch)) {
            byte[] data = in.readNBytes((int) Math.min(maxBytes, Integer.MAX_VALUE - 8) + 1);
            if (data.length > maxBytes) {
                throw new IOException(name + " is larger than " + maxBytes + " bytes");
            }
            return data;
        }
    }
}
