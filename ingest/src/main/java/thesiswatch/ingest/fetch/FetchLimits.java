package thesiswatch.ingest.fetch;

import java.time.Duration;
import java.util.Objects;

/**
 * How far one fetch may go.
 *
 * @param connectTimeout to establish a connection
 * @param timeout for the whole fetch: every redirect hop, headers and body
 * @param maxBodyBytes largest body accepted, counted after decompression
 * @param maxRedirects redirect hops followed before {@code too_many_redirects}
 * @param userAgent the {@code User-Agent} sent, so publishers can see who polls them
 */
public record FetchLimits(
    Duration connectTimeout,
    Duration timeout,
    long maxBodyBytes,
    int maxRedirects,
    String userAgent) {

  public FetchLimits {
    Objects.requireNonNull(connectTimeout, "connect timeout must not be null");
    Objects.requireNonNull(timeout, "fetch timeout must not be null");
    Objects.requireNonNull(userAgent, "user agent must not be null");
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("max body bytes must be positive: " + maxBodyBytes);
    }
    if (maxRedirects < 0) {
      throw new IllegalArgumentException("max redirects must not be negative: " + maxRedirects);
    }
  }
}
