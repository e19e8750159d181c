package org.cpjudge.api.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final ClientAddress behindProxies = ClientAddress.trusting("10.0.0.0/8, 127.0.0.1/32");

    @Test
    void withoutTrustedProxiesThePeerIsTheClientWhateverTheHeaderSays() {
        assertEquals("127.0.0.1", ClientAddress.PEER_ONLY.of("127.0.0.1", List.of("203.0.113.7")));
        assertEquals("127.0.0.1", ClientAddress.trusting("  ").of("127.0.0.1", List.of("203.0.113.7")));
    }

    @Test
    void anUntrustedPeerCannotClaimAnotherAddress() {
        assertEquals("198.51.100.9", behindProxies.of("198.51.100.9", List.of("203.0.113.7")));
    }

    @Test
    void behindATrustedProxyTheClientIsTheNearestUntrustedHop() {
        assertEquals("203.0.113.7", behindProxies.of("127.0.0.1", List.of("203.0.113.7")));
        // the client wrote "1.2.3.4" itself; our proxies appended what they saw: the client, then a proxy
        assertEquals("203.0.113.7", behindProxies.of("127.0.0.1", List.of("1.2.3.4, 203.0.113.7, 10.1.2.3")));
        // several header lines read as one list, the last line nearest
        assertEquals("203.0.113.7", behindProxies.of("10.0.0.5", List.of("1.2.3.4", "203.0.113.7, 10.9.9.9")));
        assertEquals("2001:db8:0:0:0:0:0:1", behindProxies.of("127.0.0.1", List.of("[2001:db8::1]")));
    }

    @Test
    void garbageOrOnlyProxiesStopAtTheLastAddressRead() {
        assertEquals("127.0.0.1", behindProxies.of("127.0.0.1", List.of()));
        assertEquals("127.0.0.1", behindProxies.of("127.0.0.1", List.of("not-an-address")));
        assertEquals("10.2.2.2", behindProxies.of("127.0.0.1", List.of("evil.example, 10.2.2.2")));
        assertEquals("10.1.1.1", behindProxies.of("127.0.0.1", List.of("10.1.1.1, 10.2.2.2")));
    }

    @Test
    void aBadBlockIsRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> ClientAddress.trusting("10.0.0.0"));
        assertThrows(IllegalArgumentException.class, () -> ClientAddress.trusting("proxy.example/8"));
    }
}
