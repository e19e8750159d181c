package org.cpjudge.api.callback;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The addresses a callback must never reach on its own: this machine, its private networks, link-local
 * neighbours (169.254.169.254 is the cloud's metadata service), the unspecified address (which connects to this
 * machine), multicast and the reserved block. A URL is a request the server makes on a user's behalf, and these
 * are where the server can go and the user cannot (Judge0's callback SSRF). IPv6 forms that carry an IPv4
 * address (compatible, NAT64, 6to4) are judged by the IPv4 address they carry; IPv4-mapped ones
 * ({@code ::ffff:127.0.0.1}) the JVM already turns into the IPv4 address itself.
 */
public final class AddressRules {

    private record Rule(Cidr block, String kind) {
    }

    private static final List<Rule> FORBIDDEN = List.of(
            rule("0.0.0.0/8", "unspecified"),
            rule("127.0.0.0/8", "loopback"),
            rule("10.0.0.0/8", "private"),
            rule("172.16.0.0/12", "private"),
            rule("192.168.0.0/16", "private"),
            rule("100.64.0.0/10", "private (shared, carrier-grade NAT)"),
            rule("169.254.0.0/16", "link-local"),
            rule("224.0.0.0/4", "multicast"),
            rule("240.0.0.0/4", "reserved (or broadcast)"),
            rule("::/128", "unspecified"),
            rule("::1/128", "loopback"),
            rule("fc00::/7", "private (unique local)"),
            rule("fec0::/10", "private (site-local)"),
            rule("fe80::/10", "link-local"),
            rule("ff00::/8", "multicast"));

    private static final Cidr COMPATIBLE = Cidr.parse("::/96");
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private AddressRules() {
    }

    private static Rule rule(String block, String kind) {
        return new Rule(Cidr.parse(block), kind);
    }

    /** What kind of forbidden address this is ("loopback", "private", ...), or empty for a public one. */
    public static Optional<String> forbidden(InetAddress address) {
        for (Rule r : FORBIDDEN) {
            if (r.block().contains(address)) {
                return Optional.of(r.kind());
            }
        }
        return embeddedIpv4(address).flatMap(AddressRules::forbidden);
    }

    /** The IPv4 address an IPv6 address carries, by the transition mechanisms that route to it. */
    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != 16) {
            return Optional.empty();
        }
        if (COMPATIBLE.contains(address) || NAT64.contains(address)) {
            return ipv4(Arrays.copyOfRange(a, 12, 16));
        }
        if (SIX_TO_FOUR.contains(address)) {
            return ipv4(Arrays.copyOfRange(a, 2, 6));
        }
        return Optional.empty();
    }

    private static Optional<InetAddress> ipv4(byte[] four) {
        try {
            return Optional.of(InetAddress.getByAddress(four));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
