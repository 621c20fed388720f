package thesiswatch.dashboard.alert;

import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * The webhook's address guard: the one rule of {@link thesiswatch.common.AddressGuard} (the IANA
 * special-purpose registries), with the hosts of {@value #SETTING} exempt, plus the shape a webhook
 * URL must have. The webhook's HTTP client connects only through {@link #rule()}, so the address
 * checked is the address posted to.
 */
public final class AddressGuard {

  /** The setting that exempts webhook hosts. */
  public static final String SETTING = "ALERT_WEBHOOK_ALLOW_HOSTS";

  private final thesiswatch.common.AddressGuard rule;

  /** A guard letting {@code allowedHosts} (host names or literal addresses) through. */
  public AddressGuard(List<String> allowedHosts) {
    this.rule = new thesiswatch.common.AddressGuard(allowedHosts, SETTING);
  }

  /** The common rule, as the webhook client's resolver uses it. */
  thesiswatch.common.AddressGuard rule() {
    return rule;
  }

  /**
   * Checks {@code uri}: http or https, with a host that resolves to public addresses only (or is
   * exempt).
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
    int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    try {
      rule.resolve(host, port);
    } catch (thesiswatch.common.AddressGuard.RefusedAddressException e) {
      throw new IllegalArgumentException("webhook host " + e.getMessage(), e);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("webhook host " + host + " does not resolve", e);
    }
  }
}
