package org.cpjudge.api.callback;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** A block of IP addresses written {@code 10.0.0.0/8} or {@code fd00::/8}. */
public record Cidr(InetAddress network, int prefix) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** Parses "address/prefix"; the address must be a literal (a block is never looked up in DNS). */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR block (address/prefix)");
        }
        InetAddress address = literal(text.substring(0, slash))
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' does not start with an IP address"));
        int bits = address.getAddress().length * 8;
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no prefix length after '/'");
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0 to " + bits);
        }
        return new Cidr(address, prefix);
    }

    /**
     * The address a literal names (brackets around IPv6 allowed), or empty when {@code text} is not an IP literal
     * (then it is a host name, never looked up here).
     */
    public static java.util.Optional<InetAddress> literal(String text) {
        String t = CallbackUrl.bare(text);
        if (!IPV4.matcher(t).matches() && !t.contains(":")) {
            return java.util.Optional.empty();
        }
        try {
            // a literal: getByName parses it and asks no DNS server
            return java.util.Optional.of(InetAddress.getByName(t));
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((a[bit / 8] & mask) != (n[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefix;
    }
}
