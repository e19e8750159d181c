package org.cpjudge.api.contest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Contest settings travel as lower-case words ({@code "icpc"}, {@code "private"}) in the API and in the
 * schema's CHECKs; in Java they are enums. This is the one translation between the two.
 */
public final class WireEnum {

    private WireEnum() {
    }

    public static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String text) {
        if (text == null) {
            return Optional.empty();
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> wire(e).equals(text)).findFirst();
    }

    /** The accepted words, for error messages: "icpc", "ioi" or "codeforces". */
    public static String choices(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(e -> "\"" + wire(e) + "\"")
                .collect(Collectors.joining(", "));
    }
}
