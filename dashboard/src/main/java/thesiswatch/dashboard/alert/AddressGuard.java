package thesiswatch.dashboard.alert;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Refuses webhook targets on loopback, private, link-local, carrier-grade NAT, unique-local,
 * multicast and wildcard addresses (SSRF), unless the host is on an explicit allow-list (tests and
 * private deployments). Every address the host resolves to is checked.
 */
public final class AddressGuard {

  private final List<String> allowedHosts;

  /** A guard letting {@code allowedHosts} (lower-case host names or literal addresses) through. */
  public AddressGuard(List<String> allowedHosts) {
    this.allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
  }

  /**
   * Checks {@code uri}.
   *
   * @throws IllegalArgumentException naming the host and why it is refused
   */
  public void check(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("webhook " + uri + " is not http or https");
    }
    String host = uri.getHost();
    if (host == null) {
      throw new IllegalArgumentException("webhook " + uri + " has no host");
    }
    String bare = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|]$", "");
    if (allowedHosts.contains(bare)) {
      return;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(bare);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("webhook host " + host + " does not resolve", e);
    }
    for (InetAddress address : addresses) {
      if (isPrivate(address)) {
        throw new IllegalArgumentException(
            "webhook host "
                + host
                + " resolves to non-public address "
                + address.getHostAddress()
                + " (allow it with ALERT_WEBHOOK_ALLOW_HOSTS)");
      }
    }
  }

  /** Whether {@code address} is not a public unicast address. */
  static boolean isPrivate(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isSiteLocalAddress()
        || address.isLinkLocalAddress()
        || address.isAnyLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      // 100.64.0.0/10 carrier-grade NAT, 0.0.0.0/8 "this network".
      return (first == 100 && second >= 64 && second < 128) || first == 0;
    }
    if (address instanceof Inet6Address) {
      int first = b[0] & 0xff;
      // fc00::/7 unique local; 64:ff9b::/96 NAT64 (may reach private IPv4).
      boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
      return (first & 0xfe) == 0xfc || nat64;
    }
    return false;
  }
}
