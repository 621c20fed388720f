package thesiswatch.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as lower-case hex: article ids, theme-set versions and feed body digests. */
public final class Hashes {

  private Hashes() {}

  /** The SHA-256 digest of {@code bytes} in lower-case hex (64 characters). */
  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }

  /** The first {@code length} hex characters of the SHA-256 digest of {@code text} in UTF-8. */
  public static String sha256Hex(String text, int length) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8)).substring(0, length);
  }
}
