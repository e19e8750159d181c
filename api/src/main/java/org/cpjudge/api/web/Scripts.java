package org.cpjudge.api.web;

/** Values placed inside the pages' small inline scripts. */
final class Scripts {

    private Scripts() {
    }

    /**
     * A JavaScript string literal that is also safe inside a {@code <script>} element: besides quotes and
     * backslashes, '<', '>' and '&' are escaped so that no "</script>" can end the element early.
     */
    static String string(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c == '\'' || c < 0x20
                    || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
