package org.cpjudge.api.contest;

/**
 * Who reads a contest's clarifications: the jury (any administrator), a signed-in user, or someone anonymous.
 *
 * @param userId null when anonymous
 */
public record ClarificationReader(Long userId, boolean jury) {

    public static final ClarificationReader ANONYMOUS = new ClarificationReader(null, false);

    public static ClarificationReader jury(long userId) {
        return new ClarificationReader(userId, true);
    }

    public static ClarificationReader user(long userId) {
        return new ClarificationReader(userId, false);
    }

    public boolean is(Long otherUserId) {
        return userId != null && userId.equals(otherUserId);
    }
}
