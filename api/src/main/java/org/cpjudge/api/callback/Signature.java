package org.cpjudge.api.callback;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Signature} header of a callback: {@code sha256=} and the lower-case hex HMAC-SHA256 of the exact
 * body bytes, keyed with the UTF-8 bytes of the user's webhook secret. A receiver computes the same over the raw
 * body it read (before parsing it) and compares in constant time.
 */
public final class Signature {

    public static final String HEADER = "X-Signature";

    private Signature() {
    }

    public static String of(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
