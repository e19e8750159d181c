package org.cpjudge.api.callback;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The administrator's exceptions to {@link AddressRules} (setting {@code --callback-allow}): comma-separated
 * entries, each either {@code host:port} (a URL naming exactly that host, as written, and port may be called,
 * whatever it resolves to: the administrator vouches for the name) or a CIDR block ({@code 10.1.0.0/16},
 * {@code fd00::/8}: any address in it may be called, on any port). Empty by default: nothing private is reachable.
 */
public record CallbackAllowList(List<HostPort> hosts, List<Cidr> blocks) {

    public static final CallbackAllowList NONE = new CallbackAllowList(List.of(), List.of());

    /** One {@code host:port} entry; an IPv6 host is written in brackets, {@code [fd00::1]:8080}. */
    public record HostPort(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    public CallbackAllowList {
        hosts = List.copyOf(hosts);
        blocks = List.copyOf(blocks);
    }

    /** Parses the setting's value; an {@link IllegalArgumentException} names the entry it cannot read. */
    public static CallbackAllowList parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<HostPort> hosts = new ArrayList<>();
        List<Cidr> blocks = new ArrayList<>();
        for (String raw : text.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.contains("/")) {
                blocks.add(Cidr.parse(entry));
            } else {
                hosts.add(hostPort(entry));
            }
        }
        return new CallbackAllowList(hosts, blocks);
    }

    private static HostPort hostPort(String entry) {
        int colon = entry.lastIndexOf(':');
        String host = colon < 0 ? "" : entry.substring(0, colon);
        boolean bracketed = host.startsWith("[") && host.endsWith("]");
        if (colon <= 0 || (host.contains(":") && !bracketed)) {
            throw new IllegalArgumentException("'" + entry + "' is neither host:port nor a CIDR block"
                    + " (an IPv6 host goes in brackets, [fd00::1]:8080; a single address is address/32 or /128)");
        }
        int port;
        try {
            port = Integer.parseInt(entry.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("'" + entry + "' needs a port from 1 to 65535 after the last ':'");
        }
        return new HostPort(CallbackUrl.bare(host), port);
    }

    public boolean isEmpty() {
        return hosts.isEmpty() && blocks.isEmpty();
    }

    /** Whether a {@code host:port} entry names this URL's host and port (IP literals compared as addresses). */
    public boolean admits(CallbackUrl url) {
        Optional<InetAddress> literal = Cidr.literal(url.host());
        for (HostPort h : hosts) {
            if (h.port() != url.port()) {
                continue;
            }
            Optional<InetAddress> entry = Cidr.literal(h.host());
            if (literal.isPresent() ? literal.equals(entry) : h.host().equals(url.host())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a CIDR entry holds this address. */
    public boolean admits(InetAddress address) {
        return blocks.stream().anyMatch(b -> b.contains(address));
    }

    /** The setting's value, as it would be written. */
    @Override
    public String toString() {
        return Stream.concat(hosts.stream().map(HostPort::toString), blocks.stream().map(Cidr::toString))
                .collect(Collectors.joining(","));
    }
}
