package thesiswatch.ingest.parse;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import thesiswatch.ingest.fault.FaultKind;
import thesiswatch.ingest.fault.FeedFault;

/**
 * Repairs decoded feed text before the XML parser sees it, in CommaFeed's order: junk before the
 * first {@code <} dropped, characters XML forbids dropped, a DOCTYPE that only names an external
 * DTD (old Netscape RSS 0.91 feeds) dropped. A DOCTYPE with an internal subset (where entity
 * attacks live) is dropped with its plain-text entities expanded, or refused when it holds more
 * ({@link InternalSubset}). An XML declaration after a comment is dropped (the text is decoded
 * already). The lossy repairs ({@link XmlRepairs}) run only when the strict parse failed.
 */
final class XmlCleaner {

  /** The start of a DOCTYPE declaration. */
  private static final Pattern DOCTYPE = Pattern.compile("<!DOCTYPE\\s", Pattern.CASE_INSENSITIVE);

  private static final Pattern HTML_DOCTYPE =
      Pattern.compile("<!DOCTYPE\\s+html[\\s>]", Pattern.CASE_INSENSITIVE);

  /** Local names (lower case) of the root elements of the formats read. */
  private static final Set<String> FEED_ROOTS = Set.of("rss", "feed", "rdf", "channel", "entry");

  /** An XML declaration ({@code <?xml-stylesheet ...?>} and other instructions are not one). */
  private static final Pattern XML_DECLARATION = Pattern.compile("<\\?xml\\s[^>]*\\?>");

  private XmlCleaner() {}

  /**
   * The text with leading junk, forbidden characters and a harmless DOCTYPE removed.
   *
   * @throws FeedFault {@code empty} for a blank document, {@code not_a_feed} for an HTML page,
   *     {@code doctype_refused} for a DOCTYPE whose internal subset holds more than plain-text
   *     entities
   */
  static String clean(String text) throws FeedFault {
    int start = text.indexOf('<');
    if (text.isBlank() || start < 0) {
      throw new FeedFault(FaultKind.EMPTY, "parse: the document is empty");
    }
    String xml = stripInvalidChars(text.substring(start));
    if (!xml.startsWith("<?xml")) {
      // A declaration after a comment is an error to XML parsers; the text is decoded already,
      // so the declaration has nothing left to say.
      Matcher declaration = XML_DECLARATION.matcher(xml);
      if (declaration.find() && declaration.start() < rootStart(xml)) {
        xml = xml.substring(0, declaration.start()) + xml.substring(declaration.end());
      }
    }
    if (isHtmlPage(xml)) {
      throw new FeedFault(FaultKind.NOT_A_FEED, "parse: an HTML page, not a feed");
    }
    Matcher doctype = DOCTYPE.matcher(xml);
    // Only a DOCTYPE in the prolog is one; "<!DOCTYPE" inside CDATA text is just text.
    if (doctype.find() && doctype.start() < rootStart(xml)) {
      int end = xml.indexOf('>', doctype.end());
      int subset = xml.indexOf('[', doctype.end());
      if (end < 0) {
        throw new FeedFault(FaultKind.DOCTYPE_REFUSED, "parse: a DOCTYPE never closes");
      }
      if (subset >= 0 && subset < end) {
        return InternalSubset.expand(xml, doctype.start(), subset);
      }
      xml = xml.substring(0, doctype.start()) + xml.substring(end + 1);
    }
    return xml;
  }

  /**
   * Where the root element starts (after the prolog, comments and DOCTYPE), or the text's length.
   */
  static int rootStart(String xml) {
    int i = 0;
    while (i < xml.length()) {
      int lt = xml.indexOf('<', i);
      if (lt < 0 || lt + 1 >= xml.length()) {
        return xml.length();
      }
      if (xml.startsWith("<!--", lt)) {
        int end = xml.indexOf("-->", lt);
        i = end < 0 ? xml.length() : end + 3;
      } else if (xml.startsWith("<!DOCTYPE", lt) || xml.startsWith("<!doctype", lt)) {
        int subset = xml.indexOf('[', lt);
        int close = xml.indexOf('>', lt);
        if (subset >= 0 && close >= 0 && subset < close) {
          int end = xml.indexOf("]>", subset);
          close = end < 0 ? xml.length() : end + 1;
        }
        i = close < 0 ? xml.length() : close + 1;
      } else if (xml.charAt(lt + 1) == '?' || xml.charAt(lt + 1) == '!') {
        int close = xml.indexOf('>', lt);
        i = close < 0 ? xml.length() : close + 1;
      } else {
        return lt;
      }
    }
    return xml.length();
  }

  /**
   * True when the root element is {@code <html>}, or the DOCTYPE is HTML's and the root is not a
   * feed's: an RSS document behind an XHTML DOCTYPE is a feed with a wrong declaration.
   */
  static boolean isHtmlPage(String xml) {
    int root = rootStart(xml);
    String name = rootName(xml, root);
    if (name.equals("html")) {
      return true;
    }
    return !FEED_ROOTS.contains(name) && HTML_DOCTYPE.matcher(xml.substring(0, root)).find();
  }

  /** The lower-case local name of the element starting at {@code root}, or "". */
  private static String rootName(String xml, int root) {
    int end = root + 1;
    while (end < xml.length()
        && !Character.isWhitespace(xml.charAt(end))
        && xml.charAt(end) != '>'
        && xml.charAt(end) != '/') {
      end++;
    }
    String name = root < xml.length() ? xml.substring(root + 1, Math.min(end, xml.length())) : "";
    return name.substring(name.indexOf(':') + 1).toLowerCase(Locale.ROOT);
  }

  /**
   * Drops code points XML 1.0 forbids (C0 controls other than tab/LF/CR, lone surrogates,
   * U+FFFE/F).
   */
  static String stripInvalidChars(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int width = Character.charCount(cp);
      boolean valid =
          cp == 0x9
              || cp == 0xA
              || cp == 0xD
              || (cp >= 0x20 && cp <= 0xD7FF)
              || (cp >= 0xE000 && cp <= 0xFFFD)
              || (cp >= 0x10000 && cp <= 0x10FFFF);
      if (!valid && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
      } else if (valid && out != null) {
        out.appendCodePoint(cp);
      }
      i += width;
    }
    return out == null ? text : out.toString();
  }
}
