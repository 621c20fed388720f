package thesiswatch.ingest.parse;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns feed bytes into text, choosing the encoding as: byte-order mark, then the XML prolog, then
 * the HTTP charset, then UTF-8. Unlike RFC 3023 (and ROME's {@code XmlReader}), a {@code text/xml}
 * without charset does not mean US-ASCII: that rule garbles Chinese feeds.
 */
final class Decoding {

  private static final Pattern PROLOG_ENCODING =
      Pattern.compile("^\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");
  private static final Pattern CONTENT_TYPE_CHARSET =
      Pattern.compile("charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]+)", Pattern.CASE_INSENSITIVE);

  private Decoding() {}

  /** The text of {@code bytes}; {@code contentType} may be null. Malformed bytes become U+FFFD. */
  static String decode(byte[] bytes, String contentType) {
    if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
      return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    }
    if (startsWith(bytes, 0xFE, 0xFF)) {
      return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
    }
    if (startsWith(bytes, 0xFF, 0xFE)) {
      return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
    }
    if (startsWith(bytes, 0x00, 0x3C)) {
      return new String(bytes, StandardCharsets.UTF_16BE);
    }
    if (startsWith(bytes, 0x3C, 0x00)) {
      return new String(bytes, StandardCharsets.UTF_16LE);
    }
    String head = new String(bytes, 0, Math.min(bytes.length, 512), StandardCharsets.ISO_8859_1);
    Charset charset = charsetOf(PROLOG_ENCODING.matcher(head));
    if (charset == null && contentType != null) {
      charset = charsetOf(CONTENT_TYPE_CHARSET.matcher(contentType));
    }
    return new String(bytes, charset == null ? StandardCharsets.UTF_8 : charset);
  }

  private static Charset charsetOf(Matcher matcher) {
    return matcher.find() ? charset(matcher.group(1)) : null;
  }

  /** The charset named {@code name}, widened to its common superset; null when unknown. */
  static Charset charset(String name) {
    String key = name.strip().toLowerCase(Locale.ROOT);
    String widened =
        switch (key) {
          // GB18030 decodes every GB2312 and GBK byte sequence; feeds mislabel these freely.
          case "gb2312", "gbk", "x-gbk", "cp936", "euc-cn", "gb_2312-80" -> "GB18030";
          // Big5-HKSCS adds the Hong Kong characters Big5 feeds use anyway.
          case "big5", "x-big5", "cp950" -> "Big5-HKSCS";
          // As browsers do: Latin-1 and ASCII labels are read as windows-1252.
          case "iso-8859-1", "latin1", "us-ascii", "ascii", "iso_8859-1" -> "windows-1252";
          // A 16-bit label on text that had no BOM and no 16-bit pattern is wrong: bytes are 8-bit.
          case "utf-16", "utf-16le", "utf-16be", "utf-32" -> "UTF-8";
          default -> key;
        };
    try {
      return Charset.isSupported(widened) ? Charset.forName(widened) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
