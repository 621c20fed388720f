package thesiswatch.dashboard.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import thesiswatch.dashboard.index.BadQueryException;

/**
 * Checks an API request's raw query string before any parameter is read. The server's own decoding
 * is lenient: a broken escape ({@code theme=layoffs%ZZ}) dropped the parameter, so the request was
 * answered unfiltered, and a cut UTF-8 sequence became U+FFFD; a parameter given twice was read
 * once, the other value ignored; a parameter the route does not read ({@code offset=20}, a typo
 * such as {@code thme=layoffs}) was ignored, so the answer looked like the one asked for. Each of
 * these is a 400 naming the parameter instead.
 */
final class QueryString {

  private QueryString() {}

  /**
   * Refuses {@code raw} (null when the request has none) unless every name and value is valid
   * percent-encoded UTF-8, every name is one of {@code known} (the parameters {@code path} reads)
   * and no name occurs twice.
   *
   * @throws BadQueryException {@code bad_encoding}, {@code unknown_parameter} or {@code
   *     repeated_parameter}
   */
  static void check(String raw, String path, List<String> known) {
    if (raw == null || raw.isEmpty()) {
      return;
    }
    Set<String> names = new HashSet<>();
    for (String pair : raw.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals), pair);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      decode(value, name);
      if (!known.contains(name)) {
        throw new BadQueryException(
            "unknown_parameter",
            "'"
                + cut(name)
                + "' is not a parameter of "
                + path
                + (known.isEmpty() ? "; it takes none" : "; it takes " + String.join(", ", known)));
      }
      if (!names.add(name)) {
        throw new BadQueryException(
            "repeated_parameter", name + " is given more than once; give it once");
      }
    }
  }

  /** {@code text} decoded; a broken escape or a byte sequence that is not UTF-8 is refused. */
  private static String decode(String text, String parameter) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      int c = text.codePointAt(i);
      if (c == '%') {
        int high = i + 1 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
        int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
        if (high < 0 || low < 0) {
          throw badEncoding(parameter, "has a % not followed by two hex digits");
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else if (c == '+') {
        bytes.write(' ');
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        // Not escaped, as some clients send it: its own UTF-8 bytes.
        byte[] raw = Character.toString(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(raw, 0, raw.length);
        i += Character.charCount(c) - 1;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw badEncoding(parameter, "is not UTF-8 once its % escapes are decoded");
    }
  }

  private static BadQueryException badEncoding(String parameter, String problem) {
    return new BadQueryException("bad_encoding", "'" + cut(parameter) + "' " + problem);
  }

  private static String cut(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "…";
  }
}
