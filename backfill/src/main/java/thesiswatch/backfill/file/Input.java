package thesiswatch.backfill.file;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import thesiswatch.ingest.FeedReader;
import thesiswatch.ingest.fault.FeedFault;

/**
 * A file a backfill reads: a local path, or a URL fetched once through ingest's fetcher (its
 * address guard, body cap and deadline). Its fingerprint — size and a digest of its first MiB —
 * tells a resumed run whether the file at that name is still the one it had read.
 */
public final class Input {

  private static final int FINGERPRINT_BYTES = 1 << 20;

  private final String name;
  private final Path path;
  private final byte[] bytes;

  private Input(String name, Path path, byte[] bytes) {
    this.name = name;
    this.path = path;
    this.bytes = bytes;
  }

  /**
   * {@code fileOrUrl}: an {@code http(s)} URL is fetched with {@code reader} (when one is given),
   * anything else is a local path.
   *
   * @throws FeedFault when the URL cannot be fetched
   */
  public static Input of(String fileOrUrl, FeedReader reader) throws FeedFault {
    if (reader != null && fileOrUrl.matches("(?i)^https?://.*")) {
      return new Input(fileOrUrl, null, reader.fetch(fileOrUrl).body());
    }
    Path path = Path.of(fileOrUrl).toAbsolutePath().normalize();
    return new Input(path.toString(), path, null);
  }

  /** The name in state keys and article origins: the absolute path, or the URL as given. */
  public String name() {
    return name;
  }

  /** The bytes from the start. */
  public InputStream open() throws IOException {
    return path != null ? Files.newInputStream(path) : new ByteArrayInputStream(bytes);
  }

  /** Size and SHA-256 of the first MiB, e.g. {@code 1234:9f86d0…}. */
  public String fingerprint() throws IOException {
    long size = path != null ? Files.size(path) : bytes.length;
    try (InputStream in = open()) {
      byte[] head = in.readNBytes(FINGERPRINT_BYTES);
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return size + ":" + HexFormat.of().formatHex(sha.digest(head));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
