package org.cpjudge.api.clics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Our names turned into the specification's ID type: {@code [A-Za-z0-9_.-]}, at most 36 characters, not starting
 * with a dash or a dot and not ending with a dot. Names that already are IDs stay as they are, so the usual
 * handle, problem or contest id reads the same in both APIs; others (too long, or a handle ending in a dot) get a
 * readable stem and a hash of the whole name, which keeps them distinct.
 */
public final class ClicsIds {

    /** The specification's rule for an ID, as a whole-string match. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]{0,34}[A-Za-z0-9_-])?");
    private static final int STEM = 26;

    private ClicsIds() {
    }

    public static boolean valid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** {@code name} itself when it is a valid ID, else a stem of it and 9 hex digits of its SHA-256. */
    public static String of(String name) {
        if (valid(name)) {
            return name;
        }
        String stem = name.replaceAll("[^A-Za-z0-9_.-]", "_");
        stem = stem.substring(0, Math.min(STEM, stem.length())).replaceAll("^[.-]+", "");
        return (stem.isEmpty() ? "x" : stem) + "-" + hash(name).substring(0, 9);
    }

    /** An organization's id from its name (names are free text): {@code org-} and a hash. */
    public static String organization(String affiliation) {
        return "org-" + hash(affiliation).substring(0, 16);
    }

    /** A submission's UUID is already a valid ID (36 characters of hex digits and dashes). */
    public static String submission(UUID id) {
        return id.toString();
    }

    /** One judgement per submission (we keep no history of rejudgings yet), so it shares the submission's id. */
    public static String judgement(UUID submission) {
        return submission.toString();
    }

    /** A run: the submission's 32 hex digits, a dash and the 1-based test ordinal in base 36 (36 characters at most). */
    public static String run(UUID submission, int ordinal) {
        return submission.toString().replace("-", "") + "-" + Integer.toString(ordinal, 36);
    }

    public static String clarification(long id) {
        return Long.toString(id);
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
