package org.cpjudge.api.callback;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A submission's {@code callback_url}, parsed: an absolute http or https URL with a host, no credentials, at most
 * {@value #MAX_LENGTH} characters. Whether its host may be reached is {@link CallbackPolicy}'s question.
 *
 * @param host the host as written, lower-case, an IPv6 literal without its brackets
 * @param port the explicit port, else 80 or 443
 * @param target the request target sent: path (at least "/") and query, without the fragment
 */
public record CallbackUrl(String text, boolean https, String host, int port, String target) {

    public static final int MAX_LENGTH = 2000;

    /** Parses {@code text}; an {@link IllegalArgumentException} says what is wrong with it. */
    public static CallbackUrl parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("is " + text.length() + " characters long; at most " + MAX_LENGTH);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("must be an http:// or https:// URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("names no host");
        }
        if (uri.getRawUserInfo() != null) {
            // user:password@host reads like another host to people; the signature is the receiver's proof
            throw new IllegalArgumentException("must not carry credentials (user@host)");
        }
        boolean https = scheme.equals("https");
        int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("has port " + port + ", outside 1 to 65535");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new CallbackUrl(text, https, bare(uri.getHost()), port, target);
    }

    /** A host name compared the way DNS does (case-insensitively, a trailing dot aside), IPv6 without brackets. */
    static String bare(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
