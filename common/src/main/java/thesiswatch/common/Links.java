package thesiswatch.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one set of rules for links: which text is a web link at all, its canonical form (what an
 * article id is made from, so the same story reached by two URLs is one story), how a relative link
 * is resolved, and which host a URL names.
 *
 * <p>A web link is an absolute {@code http} or {@code https} URI with a host; anything else ({@code
 * javascript:}, {@code data:}, relative paths, text that is no URI) is not one, and every method
 * here answers null for it.
 */
public final class Links {

  /** Query parameters that only say how a reader arrived, never which story it is. */
  private static final Set<String> TRACKING_PARAMETERS =
      Set.of(
          "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "spm",
          "ref_src", "cmpid", "ncid", "ocid");

  private Links() {}

  /**
   * The canonical form of a web link: scheme and host lower-cased, the default port dropped, an
   * empty path made {@code /}, the fragment and tracking parameters ({@code utm_*} and the ones
   * above) dropped, other parameters kept in their order; null when {@code link} is no web link.
   */
  public static String canonical(String link) {
    URI uri = webUri(link);
    if (uri == null) {
      return null;
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean defaultPort =
        port == -1
            || ("http".equals(scheme) && port == 80)
            || ("https".equals(scheme) && port == 443);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    StringBuilder out = new StringBuilder(scheme).append("://").append(host);
    if (!defaultPort) {
      out.append(':').append(port);
    }
    out.append(path);
    String query = keptQuery(uri.getRawQuery());
    if (!query.isEmpty()) {
      out.append('?').append(query);
    }
    return out.toString();
  }

  /**
   * {@code link} resolved against {@code base} (when it is relative and a base is given), then made
   * {@link #canonical}; null unless the result is a web link. Spaces, which feeds put in links more
   * often than they should, are read as {@code %20}.
   */
  public static String resolve(String link, String base) {
    if (link == null || link.isBlank()) {
      return null;
    }
    try {
      URI uri = new URI(link.strip().replace(" ", "%20"));
      if (!uri.isAbsolute() && base != null) {
        uri = new URI(base.strip().replace(" ", "%20")).resolve(uri);
      }
      return canonical(uri.toString());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * {@code link} stripped when it is a web link, else null: what a page may put in an {@code href}.
   */
  public static String web(String link) {
    URI uri = webUri(link);
    return uri == null ? null : uri.toString();
  }

  /** The lower-cased host {@code url} names, or null when it names none. */
  public static String host(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    try {
      String host = new URI(url.strip()).getHost();
      return host == null || host.isBlank() ? null : host.toLowerCase(Locale.ROOT);
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static URI webUri(String link) {
    if (link == null || link.isBlank()) {
      return null;
    }
    try {
      URI uri = new URI(link.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
          ? uri
          : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static String keptQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String> kept = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      String name = pair.split("=", 2)[0].toLowerCase(Locale.ROOT);
      if (!pair.isEmpty() && !name.startsWith("utm_") && !TRACKING_PARAMETERS.contains(name)) {
        kept.add(pair);
      }
    }
    return String.join("&", kept);
  }
}
