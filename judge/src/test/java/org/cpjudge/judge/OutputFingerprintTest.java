package org.cpjudge.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs that differ only in whitespace share a fingerprint; anything else tells them apart. */
class OutputFingerprintTest {

    @TempDir
    Path tmp;

    private static String of(String text) {
        return OutputFingerprint.of(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void whitespaceOnlySeparatesTokens() {
        assertEquals(of("1 2\n"), of("1  2"));
        assertEquals(of("1 2\n"), of("\r\n1\t2\r\n\n"));
        assertEquals(of(""), of(" \n\n "));
    }

    @Test
    void tokensTheirBoundariesAndCaseCount() {
        assertNotEquals(of("12"), of("1 2"));
        assertNotEquals(of("yes"), of("YES"));
        assertNotEquals(of("1"), of("1.0"));
        assertNotEquals(of(""), of("0"));
    }

    @Test
    void isTheSha256OfTheTokensEachEndedByANewline() {
        assertEquals(sha256("3\n4\n"), of("  3\n\n4"));
        assertEquals(sha256(""), of(""));
    }

    @Test
    void aFileIsStreamedAcrossBufferBoundariesAsInMemory() throws Exception {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            big.append(i).append(i % 7 == 0 ? "\n" : "  ");
        }
        Path file = tmp.resolve("output");
        Files.writeString(file, big);
        assertEquals(of(big.toString()), OutputFingerprint.of(file));
    }

    @Test
    void aMissingFileOrALinkReadsAsEmpty() throws Exception {
        assertEquals(of(""), OutputFingerprint.of(tmp.resolve("missing")));
        Path target = Files.writeString(tmp.resolve("secret"), "42\n");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), target);
        assertEquals(of(""), OutputFingerprint.of(link));
    }

    private static String sha256(String s) {
        try {
            var md = java.security.MessageDigest.getInstance("SHA-256");
            return java.util.HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
