package org.cpjudge.judge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of what a run wrote, read as a stream of whitespace-separated tokens: two outputs that differ
 * only in spacing or line ends ("1 2\n" and "1  2\r\n") get the same fingerprint, as the default validator
 * would see them alike. Tokens are compared byte for byte (case and number spelling count).
 *
 * <p>Each token is hashed followed by one newline, a byte no token holds, so token boundaries are part of
 * the fingerprint ("ab" differs from "a b"). Empty output has the fingerprint of no bytes at all.
 *
 * <p>The file is streamed, never held whole; like every read out of a box, it must be a regular file, not a link.
 */
public final class OutputFingerprint {

    private static final int BUFFER = 64 * 1024;

    private OutputFingerprint() {
    }

    /** The fingerprint of a file as 64 lower-case hex digits; a missing or non-regular file reads as empty. */
    public static String of(Path file) throws IOException {
        MessageDigest sha = sha256();
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return HexFormat.of().formatHex(sha.digest());
        }
        if (attrs.isRegularFile()) {
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                digestTokens(in, sha);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The fingerprint of bytes already in memory. */
    public static String of(byte[] output) {
        MessageDigest sha = sha256();
        try {
            digestTokens(new java.io.ByteArrayInputStream(output), sha);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a byte array never fails to read
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void digestTokens(InputStream in, MessageDigest sha) throws IOException {
        byte[] buf = new byte[BUFFER];
        boolean inToken = false;
        int n;
        while ((n = in.read(buf)) > 0) {
            int start = 0; // where the part of the current token inside buf begins
            for (int i = 0; i < n; i++) {
                if (isSpace(buf[i])) {
                    if (inToken) {
                        sha.update(buf, start, i - start);
                        sha.update((byte) '\n');
                        inToken = false;
                    }
                } else if (!inToken) {
                    inToken = true;
                    start = i;
                }
            }
            if (inToken) {
                sha.update(buf, start, n - start); // the token goes on in the next buffer
            }
        }
        if (inToken) {
            sha.update((byte) '\n');
        }
    }

    /** The whitespace of the Kattis default validator. */
    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '\f' || b == 0x0b;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
