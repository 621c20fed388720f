package thesiswatch.ingest.parse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.jdom2.Content;
import org.jdom2.Element;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

/**
 * The plain text of one title, summary or content element, read from the element itself, the way
 * its format defines it:
 *
 * <ul>
 *   <li>RSS (every version): the text is HTML, escaped or in CDATA, so it is read as HTML;
 *   <li>Atom: by {@code type} — {@code text} (Atom 1.0's default) and {@code text/plain} (Atom
 *       0.3's) as written, {@code html} as HTML, {@code xhtml} from its markup, an image, audio or
 *       video type as no text at all, any other media type, and Atom 0.3's {@code mode="base64"},
 *       base64-decoded;
 *   <li>either: child elements (markup the feed did not escape, {@code <title>Test:
 *       <b>bold</b></title>}) are read as markup with the text around them, never dropped.
 * </ul>
 *
 * <p>Base64 is decoded only when it is base64 and decodes to UTF-8 text; anything else is read as
 * text: a feed that labels plain words with an odd media type keeps its words.
 */
final class TextConstructs {

  private TextConstructs() {}

  /**
   * The plain text of {@code element}, at most {@code max} characters; {@code atom} selects Atom's
   * rules for {@code type}, else RSS's.
   */
  static String plainText(Element element, boolean atom, int max) {
    String type = element.getAttributeValue("type", "").strip().toLowerCase(Locale.ROOT);
    String mode = element.getAttributeValue("mode", "");
    if (atom && isMediaType(type)) {
      return ""; // a picture, a sound or a film: no text to read, whatever it is encoded as
    }
    if (mode.equals("base64") || (atom && isBinaryType(type))) {
      String decoded = decodeBase64(element.getText());
      if (decoded != null) {
        return Text.fromHtml(decoded, max);
      }
    }
    boolean xhtml = atom && (type.equals("xhtml") || type.equals("application/xhtml+xml"));
    if (xhtml) {
      return Text.fromHtml(markup(element), max);
    }
    if (!element.getChildren().isEmpty()) {
      if (atom && isPlainType(type, mode)) {
        return Text.plain(element.getValue(), max);
      }
      return Text.fromHtml(htmlSource(element), max);
    }
    if (atom && isPlainType(type, mode)) {
      return Text.plain(element.getText(), max);
    }
    return Text.fromHtml(element.getText(), max);
  }

  /** The element's content as XML markup: its text and child elements, serialised. */
  static String markup(Element element) {
    return new XMLOutputter(Format.getRawFormat()).outputString(element.getContent());
  }

  /**
   * The HTML an element holds when its text is HTML source and the feed also left some markup
   * unescaped: the text as it is (it is HTML already: {@code &lt;p&gt;} in it is a paragraph), the
   * child elements as markup.
   */
  private static String htmlSource(Element element) {
    StringBuilder html = new StringBuilder();
    XMLOutputter outputter = new XMLOutputter(Format.getRawFormat());
    for (Content content : element.getContent()) {
      if (content instanceof org.jdom2.Text text) {
        html.append(text.getText()); // CDATA too: a CDATA section is a kind of text
      } else if (content instanceof Element child) {
        html.append(outputter.outputString(child));
      }
    }
    return html.toString();
  }

  /** Atom's text types, read as written; a missing type is Atom's default, text. */
  private static boolean isPlainType(String type, String mode) {
    return (type.isEmpty() && !mode.equals("escaped"))
        || type.equals("text")
        || type.equals("text/plain");
  }

  /** An image, audio or video type. */
  private static boolean isMediaType(String type) {
    return type.startsWith("image/") || type.startsWith("audio/") || type.startsWith("video/");
  }

  /** A media type Atom says is base64-encoded: neither text, nor XML, nor one of its own. */
  private static boolean isBinaryType(String type) {
    return type.indexOf('/') > 0 && !type.startsWith("text/") && !type.contains("xml");
  }

  /** The UTF-8 text {@code raw} encodes in base64, or null when it is not that. */
  static String decodeBase64(String raw) {
    String compact = raw.replaceAll("\\s+", "");
    if (!isBase64(compact)) {
      return null;
    }
    byte[] bytes = Base64.getDecoder().decode(compact);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Base64's alphabet in groups of four, with at most two {@code =} of padding at the end. */
  private static boolean isBase64(String text) {
    int length = text.length();
    if (length == 0 || length % 4 != 0) {
      return false;
    }
    int padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
    for (int i = 0; i < length - padding; i++) {
      char c = text.charAt(i);
      boolean alphabet =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/';
      if (!alphabet) {
        return false;
      }
    }
    return true;
  }
}
