package thesiswatch.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files a service reads whole (its themes file, its feed list), read no further than a bound: a
 * large file given as one by mistake is refused with its name before it can fill the heap.
 */
public final class BoundedFiles {

  private BoundedFiles() {}

  /**
   * The content of {@code path}, the {@code what} of the caller (e.g. {@code themes file}).
   *
   * @throws IOException when it cannot be read
   * @throws IllegalArgumentException when it holds more than {@code maxBytes}, naming it
   */
  public static byte[] read(Path path, int maxBytes, String what) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      byte[] bytes = in.readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw new IllegalArgumentException(
            what + " " + path + " is larger than " + (maxBytes >> 20) + " MiB");
      }
      return bytes;
    }
  }
}
