package thesiswatch.ingest.parse;

import java.nio.charset.Charset;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.parser.Parser;

/** Plain text from feed values: HTML read as a browser shows it, whitespace collapsed, capped. */
final class Text {

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  /**
   * HTML read from a feed is cut to this many times the output cap before jsoup sees it: a 10-MB
   * description costs no more than a long article, and markup rarely outweighs its text by more
   * than this.
   */
  private static final int HTML_INPUT_FACTOR = 32;

  /**
   * An element whose content HTML reads as raw text ({@code <iframe>}, {@code <script>}, …) written
   * self-closed in XHTML style. An HTML parser ignores the {@code />} and takes the rest of the
   * fragment for the element's content, so {@code safe<iframe src="x"/> words} would lose {@code
   * words}; closing it at once keeps the text after it.
   */
  private static final Pattern SELF_CLOSED_RAW_TEXT =
      Pattern.compile(
          "<(iframe|script|style|textarea|title|noembed|noframes|xmp|noscript)(\\s[^<>]*)?/>",
          Pattern.CASE_INSENSITIVE);

  private Text() {}

  /**
   * The plain text of an HTML fragment (jsoup: entities decoded once, tags, scripts and styles
   * dropped), whitespace collapsed, at most {@code max} characters. Text without markup or entities
   * skips the HTML parser: most titles are plain.
   */
  static String fromHtml(String html, int max) {
    if (html == null || html.isEmpty()) {
      return "";
    }
    String input =
        html.length() > (long) max * HTML_INPUT_FACTOR
            ? html.substring(0, max * HTML_INPUT_FACTOR)
            : html;
    String text;
    if (input.indexOf('<') < 0) {
      text = input.indexOf('&') < 0 ? input : Parser.unescapeEntities(input, false);
    } else {
      if (input.contains("/>")) {
        input = SELF_CLOSED_RAW_TEXT.matcher(input).replaceAll("<$1$2></$1>");
      }
      text = Jsoup.parseBodyFragment(input).body().text();
    }
    return cap(collapse(text), max);
  }

  /**
   * Plain text with its character references read once ({@code &amp;} is {@code &}), markup kept as
   * text, whitespace collapsed, at most {@code max} characters.
   */
  static String unescaped(String text, int max) {
    if (text == null) {
      return "";
    }
    return cap(collapse(text.indexOf('&') < 0 ? text : Parser.unescapeEntities(text, false)), max);
  }

  /** Plain text kept as written, whitespace collapsed, at most {@code max} characters. */
  static String plain(String text, int max) {
    if (text == null) {
      return "";
    }
    return cap(collapse(text), max);
  }

  /**
   * Runs of whitespace (any Unicode space: tabs, line breaks, no-break and ideographic spaces)
   * become one ASCII space; leading and trailing ones go.
   */
  static String collapse(String text) {
    if (!needsCollapse(text)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isSpace(c)) {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  /** False for the common case: words separated by single ASCII spaces, nothing at the ends. */
  private static boolean needsCollapse(String text) {
    int last = text.length() - 1;
    for (int i = 0; i <= last; i++) {
      char c = text.charAt(i);
      if (isSpace(c) && (c != ' ' || i == 0 || i == last || isSpace(text.charAt(i + 1)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSpace(char c) {
    return c == ' '
        || c == '\n'
        || c == '\t'
        || c == '\r'
        || (c > 0x7f && (Character.isWhitespace(c) || Character.isSpaceChar(c)));
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
