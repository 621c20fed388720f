package thesiswatch.common;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one rule for which addresses thesiswatch connects to on the say-so of data from outside — a
 * feed URL, a redirect, a backfill source, a webhook: public unicast addresses only, unless the
 * host (or {@code host:port}) is exempt by the service's setting. It resolves a host once and
 * checks every address; the HTTP client then connects to exactly those addresses ({@link
 * GuardedHttpClient} makes it the client's resolver), so a DNS server that answers a public address
 * to the check and a private one to the connection (rebinding) gets nowhere.
 *
 * <p>Refused: every block of the IANA IPv4 and IPv6 Special-Purpose Address Registries
 * (iana-ipv4-special-registry, iana-ipv6-special-registry, as of 2025), IPv4 and IPv6 multicast,
 * the deprecated IPv6 site-local block; and an IPv6 address that carries an IPv4 address
 * (IPv4-mapped {@code ::ffff:0:0/96}, IPv4-compatible {@code ::/96}, NAT64 {@code 64:ff9b::/96},
 * 6to4 {@code 2002::/16}) when the IPv4 address it carries is refused. Teredo ({@code 2001::/32})
 * is inside the refused {@code 2001::/23}.
 */
public final class AddressGuard {

  /** Looks up a host's addresses: the system's DNS, or a stand-in in tests. */
  @FunctionalInterface
  public interface Resolver {
    /** Every address of {@code host}. */
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /** The system's resolver. */
  public static final Resolver SYSTEM_DNS = InetAddress::getAllByName;

  /** A host refused because an address it resolves to is not public. */
  public static final class RefusedAddressException extends UnknownHostException {
    private static final long serialVersionUID = 1L;

    RefusedAddressException(String message) {
      super(message);
    }
  }

  /** One block of addresses, with its name and the document that reserves it. */
  private record Block(byte[] prefix, int bits, String name) {
    static Block of(String cidr, String name) {
      String[] parts = cidr.split("/");
      try {
        byte[] prefix = InetAddress.getByName(parts[0]).getAddress();
        if (parts[0].contains(":") && prefix.length == 4) {
          // The JDK reads ::ffff:a.b.c.d literals as IPv4 addresses; the block is IPv6.
          byte[] mapped = new byte[16];
          mapped[10] = (byte) 0xff;
          mapped[11] = (byte) 0xff;
          System.arraycopy(prefix, 0, mapped, 12, 4);
          prefix = mapped;
        }
        return new Block(prefix, Integer.parseInt(parts[1]), name);
      } catch (UnknownHostException e) {
        throw new IllegalStateException("not an address literal: " + cidr, e);
      }
    }

    boolean contains(byte[] address) {
      if (address.length != prefix.length) {
        return false;
      }
      int full = bits / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != prefix[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (prefix[full] & mask);
    }
  }

  /** IANA IPv4 Special-Purpose Address Registry, every entry, plus multicast. */
  private static final List<Block> IPV4 =
      List.of(
          Block.of("0.0.0.0/8", "\"this network\", RFC 791"),
          Block.of("10.0.0.0/8", "private use, RFC 1918"),
          Block.of("100.64.0.0/10", "shared address space (carrier-grade NAT), RFC 6598"),
          Block.of("127.0.0.0/8", "loopback, RFC 1122"),
          Block.of("169.254.0.0/16", "link local (cloud metadata), RFC 3927"),
          Block.of("172.16.0.0/12", "private use, RFC 1918"),
          Block.of("192.0.0.0/24", "IETF protocol assignments, RFC 6890"),
          Block.of("192.0.2.0/24", "documentation (TEST-NET-1), RFC 5737"),
          Block.of("192.31.196.0/24", "AS112-v4, RFC 7535"),
          Block.of("192.52.193.0/24", "AMT, RFC 7450"),
          Block.of("192.88.99.0/24", "deprecated 6to4 relay anycast, RFC 7526"),
          Block.of("192.168.0.0/16", "private use, RFC 1918"),
          Block.of("192.175.48.0/24", "direct delegation AS112 service, RFC 7534"),
          Block.of("198.18.0.0/15", "benchmarking, RFC 2544"),
          Block.of("198.51.100.0/24", "documentation (TEST-NET-2), RFC 5737"),
          Block.of("203.0.113.0/24", "documentation (TEST-NET-3), RFC 5737"),
          Block.of("224.0.0.0/4", "multicast, RFC 5771"),
          Block.of("240.0.0.0/4", "reserved, RFC 1112"),
          Block.of("255.255.255.255/32", "limited broadcast, RFC 919"));

  /** IANA IPv6 Special-Purpose Address Registry, every entry, plus multicast and site-local. */
  private static final List<Block> IPV6 =
      List.of(
          Block.of("::1/128", "loopback, RFC 4291"),
          Block.of("::/128", "unspecified, RFC 4291"),
          Block.of("64:ff9b:1::/48", "IPv4-IPv6 local-use translation, RFC 8215"),
          Block.of("100::/64", "discard-only, RFC 6666"),
          Block.of("100:0:0:1::/64", "dummy IPv6 prefix, RFC 9780"),
          Block.of("2001::/23", "IETF protocol assignments (Teredo, benchmarking, ...), RFC 2928"),
          Block.of("2001:db8::/32", "documentation, RFC 3849"),
          Block.of("2620:4f:8000::/48", "direct delegation AS112 service, RFC 7534"),
          Block.of("3fff::/20", "documentation, RFC 9637"),
          Block.of("5f00::/16", "segment routing (SRv6) SIDs, RFC 9602"),
          Block.of("fc00::/7", "unique local, RFC 4193"),
          Block.of("fe80::/10", "link-local unicast, RFC 4291"),
          Block.of("fec0::/10", "deprecated site-local, RFC 3879"),
          Block.of("ff00::/8", "multicast, RFC 4291"));

  /** An IPv6 block whose addresses carry an IPv4 address, starting at byte {@code at}. */
  private record Carrier(Block block, int at) {}

  private static final List<Carrier> CARRIES_IPV4 =
      List.of(
          new Carrier(Block.of("::ffff:0:0/96", "IPv4-mapped, RFC 4291"), 12),
          new Carrier(Block.of("::/96", "IPv4-compatible (deprecated), RFC 4291"), 12),
          new Carrier(Block.of("64:ff9b::/96", "NAT64 well-known prefix, RFC 6052"), 12),
          new Carrier(Block.of("2002::/16", "6to4, RFC 3056"), 2));

  private final Set<String> exempt;
  private final String exemptionSetting;
  private final Resolver dns;

  /**
   * A guard over the system's DNS exempting {@code exempt} entries ({@code host}, {@code
   * host:port}, {@code [v6]:port}; case-insensitive), whose messages name {@code exemptionSetting},
   * the setting that exempts a host.
   */
  public AddressGuard(Collection<String> exempt, String exemptionSetting) {
    this(exempt, exemptionSetting, SYSTEM_DNS);
  }

  /** A guard as above, looking hosts up with {@code dns}. */
  public AddressGuard(Collection<String> exempt, String exemptionSetting, Resolver dns) {
    this.exempt =
        exempt.stream()
            .map(entry -> entry.strip().toLowerCase(Locale.ROOT))
            .filter(entry -> !entry.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    this.exemptionSetting = exemptionSetting;
    this.dns = dns;
  }

  /** Whether {@code host} (on {@code port}, -1 when unknown) is exempt from the check. */
  public boolean exempt(String host, int port) {
    String bare = bare(host);
    return exempt.contains(bare)
        || exempt.contains("[" + bare + "]")
        || port >= 0
            && (exempt.contains(bare + ":" + port) || exempt.contains("[" + bare + "]:" + port));
  }

  /**
   * The addresses to connect to for {@code host} on {@code port} (-1 when unknown): every address
   * it resolves to, looked up once, each one public unless the host is exempt.
   *
   * @throws RefusedAddressException naming the host, the address, its block and the setting that
   *     would exempt it
   * @throws UnknownHostException when the host does not resolve
   */
  public InetAddress[] resolve(String host, int port) throws UnknownHostException {
    String bare = bare(host);
    InetAddress[] addresses = dns.resolve(bare);
    if (exempt(bare, port)) {
      return addresses;
    }
    for (InetAddress address : addresses) {
      String block = specialPurpose(address);
      if (block != null) {
        throw new RefusedAddressException(
            bare
                + " resolves to non-public address "
                + address.getHostAddress()
                + " ("
                + block
                + "; allow it with "
                + exemptionSetting
                + ")");
      }
    }
    return addresses;
  }

  /**
   * The special-purpose block {@code address} lies in, e.g. {@code loopback, RFC 1122}; null when
   * it is a public unicast address.
   */
  public static String specialPurpose(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      return find(IPV4, bytes);
    }
    if (address instanceof Inet6Address) {
      String block = find(IPV6, bytes);
      if (block != null) {
        return block;
      }
      for (Carrier carrier : CARRIES_IPV4) {
        if (carrier.block().contains(bytes)) {
          int at = carrier.at();
          byte[] v4 = {bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]};
          String inner = find(IPV4, v4);
          return inner == null ? null : carrier.block().name() + ", carrying " + inner;
        }
      }
    }
    return null;
  }

  private static String find(List<Block> blocks, byte[] bytes) {
    for (Block block : blocks) {
      if (block.contains(bytes)) {
        return block.name();
      }
    }
    return null;
  }

  private static String bare(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    return lower.startsWith("[") && lower.endsWith("]")
        ? lower.substring(1, lower.length() - 1)
        : lower;
  }
}
