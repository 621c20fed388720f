package thesiswatch.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each block of the IANA special-purpose registries, pinned; public addresses pass. */
class AddressGuardTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0.1.2.3 | \"this network\", RFC 791",
        "10.20.30.40 | private use, RFC 1918",
        "100.64.0.1 | shared address space (carrier-grade NAT), RFC 6598",
        "100.127.255.254 | shared address space (carrier-grade NAT), RFC 6598",
        "127.0.0.1 | loopback, RFC 1122",
        "127.255.0.9 | loopback, RFC 1122",
        "169.254.169.254 | link local (cloud metadata), RFC 3927",
        "172.16.0.1 | private use, RFC 1918",
        "172.31.255.255 | private use, RFC 1918",
        "192.0.0.9 | IETF protocol assignments, RFC 6890",
        "192.0.2.1 | documentation (TEST-NET-1), RFC 5737",
        "192.31.196.1 | AS112-v4, RFC 7535",
        "192.52.193.1 | AMT, RFC 7450",
        "192.88.99.1 | deprecated 6to4 relay anycast, RFC 7526",
        "192.168.1.1 | private use, RFC 1918",
        "192.175.48.1 | direct delegation AS112 service, RFC 7534",
        "198.18.0.1 | benchmarking, RFC 2544",
        "198.19.255.255 | benchmarking, RFC 2544",
        "198.51.100.7 | documentation (TEST-NET-2), RFC 5737",
        "203.0.113.7 | documentation (TEST-NET-3), RFC 5737",
        "224.0.0.251 | multicast, RFC 5771",
        "239.255.255.250 | multicast, RFC 5771",
        "240.0.0.1 | reserved, RFC 1112",
        "255.255.255.255 | reserved, RFC 1112",
        "::1 | loopback, RFC 4291",
        ":: | unspecified, RFC 4291",
        "64:ff9b:1::1 | IPv4-IPv6 local-use translation, RFC 8215",
        "100::1 | discard-only, RFC 6666",
        "100:0:0:1::1 | dummy IPv6 prefix, RFC 9780",
        "2001:0:4136:e378:8000:63bf:3fff:fdd2 | IETF protocol assignments (Teredo, benchmarking,"
            + " ...), RFC 2928",
        "2001:2::1 | IETF protocol assignments (Teredo, benchmarking, ...), RFC 2928",
        "2001:db8::1 | documentation, RFC 3849",
        "2620:4f:8000::1 | direct delegation AS112 service, RFC 7534",
        "3fff::1 | documentation, RFC 9637",
        "5f00::1 | segment routing (SRv6) SIDs, RFC 9602",
        "fd00::1 | unique local, RFC 4193",
        "fc00::1 | unique local, RFC 4193",
        "fe80::1 | link-local unicast, RFC 4291",
        "fec0::1 | deprecated site-local, RFC 3879",
        "ff02::1 | multicast, RFC 4291",
        "64:ff9b::7f00:1 | NAT64 well-known prefix, RFC 6052, carrying loopback, RFC 1122",
        "64:ff9b::a9fe:a9fe | NAT64 well-known prefix, RFC 6052, carrying link local (cloud"
            + " metadata), RFC 3927",
        "2002:c0a8:101::1 | 6to4, RFC 3056, carrying private use, RFC 1918",
        "2002:7f00:1::1 | 6to4, RFC 3056, carrying loopback, RFC 1122",
        "::7f00:1 | IPv4-compatible (deprecated), RFC 4291, carrying loopback, RFC 1122",
      })
  void everySpecialPurposeBlockIsRefused(String literal, String block) throws Exception {
    assertThat(AddressGuard.specialPurpose(InetAddress.getByName(literal))).isEqualTo(block);
  }

  @Test
  void anIpv4MappedAddressIsCheckedAsTheIpv4AddressItCarries() throws Exception {
    // The JDK turns ::ffff:a.b.c.d literals into IPv4 addresses; a resolver may not.
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    mapped[12] = 127;
    mapped[15] = 1;
    assertThat(AddressGuard.specialPurpose(Inet6Address.getByAddress(null, mapped, -1)))
        .isEqualTo("IPv4-mapped, RFC 4291, carrying loopback, RFC 1122");
    mapped[12] = 8;
    mapped[15] = 8;
    assertThat(AddressGuard.specialPurpose(Inet6Address.getByAddress(null, mapped, -1))).isNull();
  }

  @ParameterizedTest
  @CsvSource({
    "8.8.8.8",
    "1.1.1.1",
    "93.184.215.14",
    "100.63.255.255",
    "100.128.0.0",
    "172.15.255.255",
    "172.32.0.0",
    "192.0.1.1",
    "198.17.255.255",
    "198.20.0.0",
    "223.255.255.255",
    "2606:4700:4700::1111",
    "2a00:1450:4001:80b::200e",
    "64:ff9b::808:808",
    "2002:808:808::1",
  })
  void publicAddressesPass(String literal) throws Exception {
    assertThat(AddressGuard.specialPurpose(InetAddress.getByName(literal))).isNull();
  }

  @Test
  void everyAddressAHostResolvesToIsCheckedAndExemptionsAreByHostOrHostAndPort() throws Exception {
    AddressGuard.Resolver dns =
        host ->
            new InetAddress[] {InetAddress.getByName("8.8.8.8"), InetAddress.getByName("10.0.0.5")};
    AddressGuard guard = new AddressGuard(List.of(), "SOME_SETTING", dns);
    assertThatThrownBy(() -> guard.resolve("mixed.example", 80))
        .isInstanceOf(AddressGuard.RefusedAddressException.class)
        .hasMessage(
            "mixed.example resolves to non-public address 10.0.0.5 (private use, RFC 1918; allow"
                + " it with SOME_SETTING)");
    AddressGuard exempting =
        new AddressGuard(Set.of("mixed.example:8080", "Other.Example", "[::1]:9"), "S", dns);
    assertThat(exempting.resolve("mixed.example", 8080)).hasSize(2);
    assertThatThrownBy(() -> exempting.resolve("mixed.example", 80))
        .isInstanceOf(AddressGuard.RefusedAddressException.class);
    assertThat(exempting.exempt("other.example", 443)).isTrue();
    assertThat(exempting.exempt("[::1]", 9)).isTrue();
    assertThat(exempting.exempt("::1", 9)).isTrue();
    assertThat(exempting.exempt("::1", 10)).isFalse();
  }
}
