package thesiswatch.ingest.parse;

import java.nio.charset.Charset;
import org.jsoup.Jsoup;

/** Plain text, safe links and language tags from feed values. */
final class Text {

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

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

  private static String cap(String raw, int max) {
    String text = demoronize(raw);
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }

  /** The first of {@code values} that is not null, or null. */
  static String firstNonNull(String... values) {
    for (String value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /**
   * Replaces C1 control characters (U+0080–U+009F) with the windows-1252 characters they stand for:
   * feeds produced from Windows text often carry {@code U+0092} where they mean {@code ’}.
   */
  private static String demoronize(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80 && c <= 0x9F) {
        if (out == null) {
          out = new StringBuilder(text.length()).append(text, 0, i);
        }
        String mapped = new String(new byte[] {(byte) c}, WINDOWS_1252);
        out.append(mapped.charAt(0) == '\uFFFD' ? c : mapped.charAt(0));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }
}
