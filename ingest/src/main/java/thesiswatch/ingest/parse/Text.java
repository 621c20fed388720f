package thesiswatch.ingest.parse;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jsoup.Jsoup;
import thesiswatch.common.ArticleIds;

/** Plain text, safe links and language tags from feed values. */
final class Text {

  private Text() {}

  /**
   * The plain text of an HTML fragment (jsoup: entities decoded once, tags, scripts and styles
   * dropped), whitespace collapsed, at most {@code max} characters.
   */
  static String fromHtml(String html, int max) {
    if (html == null || html.isBlank()) {
      return "";
    }
    return cap(Jsoup.parseBodyFragment(html).body().text(), max);
  }

  /** Plain text kept as written, whitespace collapsed, at most {@code max} characters. */
  static String plain(String text, int max) {
    if (text == null) {
      return "";
    }
    return cap(text.replaceAll("\\s+", " ").strip(), max);
  }

  private static String cap(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }

  /**
   * {@code link} resolved against {@code base} and canonicalised, or null unless it is an absolute
   * http(s) URL ({@code javascript:} and {@code data:} links are dropped here).
   */
  static String safeLink(String link, String base) {
    if (link == null || link.isBlank()) {
      return null;
    }
    String resolved = link.strip();
    try {
      URI uri = new URI(resolved.replace(" ", "%20"));
      if (!uri.isAbsolute() && base != null) {
        uri = new URI(base.replace(" ", "%20")).resolve(uri);
      }
      resolved = uri.toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
    return ArticleIds.canonicalLink(resolved);
  }

  /** The primary language subtag of {@code tag} ({@code zh-CN} → {@code zh}), or null. */
  static String language(String tag) {
    if (tag == null || tag.isBlank()) {
      return null;
    }
    String primary = tag.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
    return primary.matches("[a-z]{2,3}") ? primary : null;
  }

  /** {@code zh} when the text has Han characters; null otherwise (no guess for other scripts). */
  static String guessLanguage(String text) {
    return text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)
        ? "zh" : null;
  }
}
