package org.cpjudge.judge.checker;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The Kattis default output validator: compares output and answer token by token.
 *
 * <p>Case-insensitive (ASCII) unless {@code case_sensitive}; whitespace only separates tokens unless
 * {@code space_change_sensitive}; with {@code float_absolute_tolerance}, {@code float_relative_tolerance} or
 * {@code float_tolerance}, answer tokens that are numbers accept any number within either tolerance.
 */
public final class DefaultValidator {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");

    private final boolean caseSensitive;
    private final boolean spaceChangeSensitive;
    private final Double absoluteTolerance;
    private final Double relativeTolerance;

    public DefaultValidator(List<String> flags) {
        boolean cs = false;
        boolean scs = false;
        Double abs = null;
        Double rel = null;
        for (int i = 0; i < flags.size(); i++) {
            String flag = flags.get(i);
            switch (flag) {
                case "case_sensitive" -> cs = true;
                case "space_change_sensitive" -> scs = true;
                case "float_absolute_tolerance" -> abs = tolerance(flags, ++i);
                case "float_relative_tolerance" -> rel = tolerance(flags, ++i);
                case "float_tolerance" -> {
                    abs = tolerance(flags, ++i);
                    rel = abs;
                }
                default -> throw new IllegalArgumentException("unknown default validator flag: " + flag);
            }
        }
        this.caseSensitive = cs;
        this.spaceChangeSensitive = scs;
        this.absoluteTolerance = abs;
        this.relativeTolerance = rel;
    }

    private static double tolerance(List<String> flags, int i) {
        if (i >= flags.size()) {
            throw new IllegalArgumentException(flags.get(i - 1) + " needs a value");
        }
        return Double.parseDouble(flags.get(i));
    }

    /** Compares the whole output with the answer. Both are read as single-byte characters. */
    public CheckResult check(byte[] output, byte[] answer) {
        Tokens out = new Tokens(output);
        Tokens ans = new Tokens(answer);
        int index = 0;
        while (true) {
            if (spaceChangeSensitive) {
                String outSpace = out.space();
                String ansSpace = ans.space();
                if (!outSpace.equals(ansSpace)) {
                    return CheckResult.wrong("whitespace differs before token " + (index + 1));
                }
            }
            String a = ans.next();
            String o = out.next();
            if (a == null && o == null) {
                return CheckResult.accepted();
            }
            index++;
            if (a == null) {
                return CheckResult.wrong("more output than expected: token " + index + " is " + shorten(o));
            }
            if (o == null) {
                return CheckResult.wrong("output ended at token " + index + ", expected " + shorten(a));
            }
            if (!tokenMatches(o, a)) {
                return CheckResult.wrong("token " + index + ": expected " + shorten(a) + ", got " + shorten(o));
            }
        }
    }

    private boolean tokenMatches(String out, String ans) {
        if ((absoluteTolerance != null || relativeTolerance != null) && NUMBER.matcher(ans).matches()) {
            if (!NUMBER.matcher(out).matches()) {
                return false;
            }
            double a = Double.parseDouble(ans);
            double o = Double.parseDouble(out);
            double diff = Math.abs(o - a);
            return absoluteTolerance != null && diff <= absoluteTolerance
                    || relativeTolerance != null && diff <= relativeTolerance * Math.abs(a);
        }
        return caseSensitive ? out.equals(ans) : out.equalsIgnoreCase(ans);
    }

    private static String shorten(String token) {
        return "'" + (token.length() > 50 ? token.substring(0, 50) + "..." : token) + "'";
    }

    /** Alternating runs of whitespace and tokens over ISO-8859-1 text. */
    private static final class Tokens {
        private final String text;
        private int pos;

        Tokens(byte[] bytes) {
            this.text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        private static boolean isSpace(char c) {
            return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0x0b;
        }

        /** The whitespace run at the cursor (consumed). */
        String space() {
            int start = pos;
            while (pos < text.length() && isSpace(text.charAt(pos))) {
                pos++;
            }
            return text.substring(start, pos);
        }

        /** The next token, or null at the end. */
        String next() {
            space();
            int start = pos;
            while (pos < text.length() && !isSpace(text.charAt(pos))) {
                pos++;
            }
            return pos == start ? null : text.substring(start, pos);
        }
    }
}
