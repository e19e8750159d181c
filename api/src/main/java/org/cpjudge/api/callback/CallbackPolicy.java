package org.cpjudge.api.callback;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Where callbacks may go: public addresses, and what the administrator's allow-list admits. Asked twice, at
 * submit (to refuse at once) and at each delivery, because DNS may answer differently by then; the delivery
 * connects to the very address checked here, so a name that resolves anew (DNS rebinding) cannot slip through.
 */
public final class CallbackPolicy {

    /** Looks up a host's addresses; the JVM's resolver in production. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    private final CallbackAllowList allowed;
    private final Resolver resolver;

    public CallbackPolicy(CallbackAllowList allowed) {
        this(allowed, host -> List.of(InetAddress.getAllByName(host)));
    }

    public CallbackPolicy(CallbackAllowList allowed, Resolver resolver) {
        this.allowed = allowed;
        this.resolver = resolver;
    }

    /**
     * Resolves the URL's host once and returns its addresses, every one of them allowed (a name with one
     * private address among public ones is refused as a whole); the caller connects to the first.
     */
    public List<InetAddress> addresses(CallbackUrl url) throws CallbackNotAllowed {
        List<InetAddress> addresses;
        try {
            Optional<InetAddress> literal = Cidr.literal(url.host());
            addresses = literal.isPresent() ? List.of(literal.get()) : resolver.resolve(url.host());
        } catch (UnknownHostException e) {
            throw new CallbackNotAllowed("its host '" + url.host() + "' does not resolve", true);
        }
        if (addresses.isEmpty()) {
            throw new CallbackNotAllowed("its host '" + url.host() + "' does not resolve", true);
        }
        if (allowed.admits(url)) {
            return addresses;
        }
        for (InetAddress a : addresses) {
            Optional<String> kind = AddressRules.forbidden(a);
            if (kind.isPresent() && !allowed.admits(a)) {
                throw new CallbackNotAllowed("its host '" + url.host() + "' resolves to " + a.getHostAddress()
                        + ", a " + kind.get() + " address, which the server's callback allow-list (--callback-allow)"
                        + " does not admit", false);
            }
        }
        return addresses;
    }
}
