package org.cpjudge.api.limits;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.cpjudge.api.callback.Cidr;

/**
 * The address a request comes from, as the per-address limits count it. Behind a reverse proxy (a load
 * balancer, nginx) every request's peer is the proxy: when the peer is one of the configured trusted proxies,
 * the client is read from {@code X-Forwarded-For}, right to left, as the first address that is not itself a
 * trusted proxy (each proxy appends the peer it saw; what the client wrote itself stands further left and is
 * never believed). A peer that is not trusted is the client, whatever the header says, so nobody escapes a
 * limit by sending the header.
 */
public record ClientAddress(List<Cidr> trustedProxies) {

    public static final String FORWARDED_FOR = "X-Forwarded-For";
    public static final ClientAddress PEER_ONLY = new ClientAddress(List.of());

    public ClientAddress {
        trustedProxies = List.copyOf(trustedProxies);
    }

    /** Parses a comma-separated list of CIDR blocks ("10.0.0.0/8, ::1/128"); blank is none. */
    public static ClientAddress trusting(String cidrs) {
        if (cidrs == null || cidrs.isBlank()) {
            return PEER_ONLY;
        }
        return new ClientAddress(java.util.Arrays.stream(cidrs.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).map(Cidr::parse).toList());
    }

    public String of(RoutingContext ctx) {
        SocketAddress peer = ctx.request().remoteAddress();
        String host = peer == null ? null : peer.hostAddress();
        return host == null ? "unknown" : of(host, ctx.request().headers().getAll(FORWARDED_FOR));
    }

    /** The client behind {@code peer}, given the request's X-Forwarded-For lines in their order. */
    public String of(String peer, List<String> forwarded) {
        if (trustedProxies.isEmpty() || !trusted(peer)) {
            return peer;
        }
        String client = peer;
        // the last header line holds the hop nearest to us; within a line, the rightmost entry
        for (int line = forwarded.size() - 1; line >= 0; line--) {
            String[] hops = forwarded.get(line).split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                Optional<InetAddress> hop = Cidr.literal(hops[i].strip());
                if (hop.isEmpty()) {
                    return client; // garbage from here on is not a hop any proxy of ours wrote
                }
                client = hop.get().getHostAddress();
                if (!trusted(hop.get())) {
                    return client;
                }
            }
        }
        return client;
    }

    private boolean trusted(String host) {
        return Cidr.literal(host).map(this::trusted).orElse(false);
    }

    private boolean trusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(c -> c.contains(address));
    }
}
