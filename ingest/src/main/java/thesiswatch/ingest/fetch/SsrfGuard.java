package thesiswatch.ingest.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import thesiswatch.ingest.fault.FaultKind;
import thesiswatch.ingest.fault.FeedFault;

/**
 * Refuses feed URLs (and every redirect hop) whose host resolves to an address a public feed has no
 * business on: loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16
 * with the cloud metadata service, fe80::/10), carrier-grade NAT (100.64/10), any-local, multicast,
 * and NAT64 forms of those. Entries of the allow-list ({@code host} or {@code host:port}) are
 * exempt, so the demo and tests can serve feeds on loopback.
 *
 * <p>Known limit: the check resolves the name before the HTTP client resolves it again, so a DNS
 * server that answers differently the second time (rebinding) is not stopped here.
 */
public final class SsrfGuard {

  private final Set<String> allowed;

  /**
   * A guard exempting {@code allowed} entries ({@code host} or {@code host:port},
   * case-insensitive).
   */
  public SsrfGuard(Set<String> allowed) {
    this.allowed =
        allowed.stream()
            .map(entry -> entry.strip().toLowerCase(Locale.ROOT))
            .filter(entry -> !entry.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * Passes when {@code uri}'s host is allow-listed or resolves only to public addresses.
   *
   * @throws FeedFault {@code blocked_address} for a refused address, {@code io_error} when the name
   *     does not resolve, {@code bad_url} without a host
   */
  public void check(URI uri) throws FeedFault {
    String host = uri.getHost();
    if (host == null) {
      throw new FeedFault(FaultKind.BAD_URL, "fetch: no host in " + uri);
    }
    host = host.toLowerCase(Locale.ROOT);
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    int port =
        uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    if (allowed.contains(host)
        || allowed.contains(bare)
        || allowed.contains(host + ":" + port)
        || allowed.contains(bare + ":" + port)) {
      return;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(bare);
    } catch (UnknownHostException e) {
      throw new FeedFault(FaultKind.IO_ERROR, "fetch: cannot resolve host " + bare, e);
    }
    for (InetAddress address : addresses) {
      if (isBlocked(address)) {
        throw new FeedFault(
            FaultKind.BLOCKED_ADDRESS,
            "fetch: "
                + bare
                + " resolves to non-public address "
                + address.getHostAddress()
                + " (allow it with INGEST_ALLOW_PRIVATE)");
      }
    }
  }

  /** True for addresses no public feed lives on. */
  static boolean isBlocked(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isAnyLocalAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = bytes[0] & 0xff;
      int second = bytes[1] & 0xff;
      return first == 0 // "this network", which Linux routes to the local host
          || first == 127
          || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
          || (first == 192 && second == 0 && (bytes[2] & 0xff) == 0) // IETF protocol assignments
          || (first == 198 && (second == 18 || second == 19)) // benchmarking
          || first >= 240; // reserved and broadcast
    }
    if (address instanceof Inet6Address) {
      if ((bytes[0] & 0xfe) == 0xfc) { // unique local fc00::/7
        return true;
      }
      if ((bytes[0] & 0xff) == 0xfe
          && (bytes[1] & 0xc0) == 0xc0) { // deprecated site-local fec0::/10
        return true;
      }
      if (isNat64(bytes) || isIpv4Compatible(bytes)) {
        try {
          byte[] v4 = {bytes[12], bytes[13], bytes[14], bytes[15]};
          return isBlocked(InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isNat64(byte[] bytes) {
    // 64:ff9b::/96
    if (bytes[0] != 0
        || bytes[1] != 0x64
        || (bytes[2] & 0xff) != 0xff
        || (bytes[3] & 0xff) != 0x9b) {
      return false;
    }
    for (int i = 4; i < 12; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIpv4Compatible(byte[] bytes) {
    for (int i = 0; i < 12; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
