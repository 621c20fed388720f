package thesiswatch.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Stable article ids, so that the same story fetched twice, or from two feeds, gets one id.
 *
 * <p>The id is a SHA-256 prefix of the canonical link (scheme and host lower-cased, default port,
 * fragment and tracking parameters dropped); without a usable link, of the feed's GUID; without
 * either, of the title and published date.
 */
public final class ArticleIds {

  /** Query parameters that only say how a reader arrived, never which story it is. */
  private static final Set<String> TRACKING_PARAMETERS =
      Set.of("fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid",
          "spm", "ref_src", "cmpid", "ncid", "ocid");

  /** Hex characters kept from the digest: 96 bits, collision-free for any realistic news volume. */
  private static final int ID_HEX_LENGTH = 24;

  private ArticleIds() {}

  /**
   * The id for an entry: from its canonical link when it has one, else from its GUID, else from
   * its title and published date (as text, possibly empty).
   */
  public static String idFor(String link, String guid, String title, String published) {
    String canonical = canonicalLink(link);
    if (canonical != null) {
      return hash("link:" + canonical);
    }
    if (guid != null && !guid.isBlank()) {
      return hash("guid:" + guid.strip());
    }
    return hash("title:" + (title == null ? "" : title.strip()) + "|" + (published == null ? "" : published));
  }

  /**
   * The canonical form of an http(s) link, or null when {@code link} is not an absolute http(s)
   * URL.
   */
  public static String canonicalLink(String link) {
    if (link == null || link.isBlank()) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(link.strip());
    } catch (URISyntaxException e) {
      return null;
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
      return null;
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
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

  private static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, ID_HEX_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }
}
