package org.cpjudge.api.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which callback URLs are well formed, which addresses they may reach, and how deliveries are signed and retried. */
class CallbackRulesTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void privateLoopbackLinkLocalUnspecifiedAndMulticastAddressesAreForbidden() throws Exception {
        for (String a : List.of("127.0.0.1", "127.255.0.9", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                "100.64.0.1", "169.254.169.254", "0.0.0.0", "0.1.2.3", "224.0.0.1", "239.255.255.250",
                "255.255.255.255", "::", "::1", "fc00::1", "fd12:3456::1", "fe80::1", "febf::1", "ff02::1",
                // IPv6 spellings of forbidden IPv4 addresses
                "::ffff:127.0.0.1", "::ffff:a9fe:a9fe", "::10.0.0.1", "64:ff9b::7f00:1", "2002:c0a8:0101::1")) {
            assertTrue(AddressRules.forbidden(ip(a)).isPresent(), a + " must be forbidden");
        }
        assertEquals(Optional.of("loopback"), AddressRules.forbidden(ip("127.0.0.1")));
        assertEquals(Optional.of("link-local"), AddressRules.forbidden(ip("169.254.169.254")));
        assertEquals(Optional.of("link-local"), AddressRules.forbidden(ip("fe80::1")));
        assertEquals(Optional.of("multicast"), AddressRules.forbidden(ip("ff02::1")));
    }

    @Test
    void publicAddressesAreAllowed() throws Exception {
        for (String a : List.of("8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "192.169.0.1", "100.128.0.1",
                "169.255.0.1", "223.255.255.255", "2001:4860:4860::8888", "2606:4700::1111", "64:ff9b::808:808",
                "2002:0808:0808::1")) {
            assertFalse(AddressRules.forbidden(ip(a)).isPresent(), a + " is public");
        }
    }

    @Test
    void callbackUrlsAreAbsoluteHttpOrHttpsWithAHostAndNoCredentials() {
        CallbackUrl u = CallbackUrl.parse("https://Hooks.Example.org/judge/done?run=7#frag");
        assertTrue(u.https());
        assertEquals("hooks.example.org", u.host());
        assertEquals(443, u.port());
        assertEquals("/judge/done?run=7", u.target());
        CallbackUrl v6 = CallbackUrl.parse("http://[fd00::1]:8080");
        assertEquals("fd00::1", v6.host());
        assertEquals(8080, v6.port());
        assertEquals("/", v6.target());
        for (String bad : List.of("ftp://example.org/", "file:///etc/passwd", "gopher://x/", "/relative",
                "http://", "http://user:pw@example.org/", "not a url", "http://example.org:0/",
                "https://example.org/" + "a".repeat(2000))) {
            assertThrows(IllegalArgumentException.class, () -> CallbackUrl.parse(bad), bad);
        }
        assertEquals(2000, CallbackUrl.parse("http://example.org/" + "a".repeat(2000 - 19)).text().length());
    }

    @Test
    void theAllowListAdmitsNamedHostPortsAndCidrBlocks() throws Exception {
        CallbackAllowList allow = CallbackAllowList.parse(" 127.0.0.1:8081, hooks.internal:9000,10.1.0.0/16 ,[::1]:7000,fd00::/8");
        assertEquals("127.0.0.1:8081,hooks.internal:9000,[::1]:7000,10.1.0.0/16,fd00:0:0:0:0:0:0:0/8", allow.toString());
        assertTrue(allow.admits(CallbackUrl.parse("http://127.0.0.1:8081/x")));
        assertFalse(allow.admits(CallbackUrl.parse("http://127.0.0.1:8082/x")), "another port");
        assertFalse(allow.admits(CallbackUrl.parse("http://localhost:8081/x")), "the entry names the literal address");
        assertTrue(allow.admits(CallbackUrl.parse("http://HOOKS.internal.:9000/")));
        assertTrue(allow.admits(CallbackUrl.parse("http://[0:0:0:0:0:0:0:1]:7000/")), "IPv6 compared as addresses");
        assertTrue(allow.admits(ip("10.1.200.3")));
        assertFalse(allow.admits(ip("10.2.0.1")));
        assertTrue(allow.admits(ip("fd99::5")));
        assertTrue(CallbackAllowList.parse("").isEmpty());
        assertTrue(CallbackAllowList.parse(null).isEmpty());
        for (String bad : List.of("127.0.0.1", "host", "host:", "host:99999", "::1:80", "10.0.0.0/33", "10.0.0/8",
                "example.org/8", "fd00::/129")) {
            assertThrows(IllegalArgumentException.class, () -> CallbackAllowList.parse(bad), bad);
        }
    }

    @Test
    void thePolicyChecksEveryAddressAHostResolvesTo() throws Exception {
        List<List<InetAddress>> answers = new ArrayList<>();
        CallbackPolicy.Resolver dns = host -> answers.remove(0);
        CallbackPolicy open = new CallbackPolicy(CallbackAllowList.NONE, dns);
        CallbackUrl url = CallbackUrl.parse("https://hooks.example.org/done");

        answers.add(List.of(ip("93.184.216.34")));
        assertEquals(List.of(ip("93.184.216.34")), open.addresses(url));
        // one private address among public ones refuses the name
        answers.add(List.of(ip("93.184.216.34"), ip("10.0.0.5")));
        CallbackNotAllowed mixed = assertThrows(CallbackNotAllowed.class, () -> open.addresses(url));
        assertFalse(mixed.unresolvable());
        assertTrue(mixed.getMessage().contains("10.0.0.5, a private address"), mixed.getMessage());
        // the same name answering differently later (rebinding) is refused at that later check
        answers.add(List.of(ip("127.0.0.1")));
        assertThrows(CallbackNotAllowed.class, () -> open.addresses(url));
        answers.add(List.of());
        assertTrue(assertThrows(CallbackNotAllowed.class, () -> open.addresses(url)).unresolvable());

        CallbackPolicy lab = new CallbackPolicy(CallbackAllowList.parse("10.0.0.0/8"), dns);
        answers.add(List.of(ip("10.0.0.5")));
        assertEquals(List.of(ip("10.0.0.5")), lab.addresses(url));
        // literals are never looked up
        assertThrows(CallbackNotAllowed.class, () -> open.addresses(CallbackUrl.parse("http://169.254.169.254/latest")));
        assertThrows(CallbackNotAllowed.class, () -> open.addresses(CallbackUrl.parse("http://[::ffff:127.0.0.1]:80/")));
        assertTrue(answers.isEmpty());
    }

    @Test
    void theSignatureIsTheHmacSha256OfTheBodyInLowerCaseHex() {
        // RFC 4231, test case 2
        assertEquals("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                Signature.of("what do ya want for nothing?".getBytes(), "Jefe"));
    }

    @Test
    void retriesDoubleFromFiveSecondsUpToAnHourThenGiveUp() {
        RetrySchedule s = RetrySchedule.DEFAULT;
        assertEquals(Optional.of(Duration.ofSeconds(5)), s.after(1));
        assertEquals(Optional.of(Duration.ofSeconds(10)), s.after(2));
        assertEquals(Optional.of(Duration.ofSeconds(20)), s.after(3));
        assertEquals(Optional.of(Duration.ofSeconds(2560)), s.after(10));
        assertEquals(Optional.of(Duration.ofHours(1)), s.after(11));
        assertEquals(Optional.empty(), s.after(12));
        Duration total = Duration.ZERO;
        for (int made = 1; s.after(made).isPresent(); made++) {
            total = total.plus(s.after(made).get());
        }
        assertEquals(Duration.ofSeconds(8715), total, "about 2.4 hours of retries");
    }
}
