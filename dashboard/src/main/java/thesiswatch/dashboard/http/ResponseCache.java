package thesiswatch.dashboard.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * Response bodies reused for the same request until what they were computed from changes, as
 * Elasticsearch's shard request cache does: every entry belongs to one generation, named by a
 * version (e.g. the index reader's version and the feed-coverage version), and a request that sees
 * a newer version starts a new, empty generation. So a body is never served once the index has been
 * refreshed past it; the counts inside it still come from the index.
 *
 * <p>Bounded in entries and bytes per generation: past either bound bodies are computed and not
 * kept. The gzip form of a body is made once, the first time a client accepts it.
 *
 * <p>Thread-safe; two requests that miss at once both compute (the same body), neither waits.
 * Counted as {@code thesiswatch_dashboard_responses_total{endpoint, outcome="cached"|"computed"}}.
 */
final class ResponseCache {

  /** One JSON body, with its gzip form once asked for. */
  static final class Body {
    private final byte[] json;
    private volatile byte[] gzip;

    Body(byte[] json) {
      this.json = json;
    }

    /** The JSON bytes. */
    byte[] json() {
      return json;
    }

    /** The gzip-compressed JSON bytes, compressed on first use. */
    byte[] gzip() {
      byte[] compressed = gzip;
      if (compressed == null) {
        compressed = compress(json);
        gzip = compressed;
      }
      return compressed;
    }

    /** Sends this body as JSON, gzip-compressed when the client accepts it. */
    void send(Context ctx) {
      ctx.contentType("application/json; charset=utf-8");
      ctx.header("Vary", "Accept-Encoding");
      if (acceptsGzip(ctx.header("Accept-Encoding"))) {
        // Javalin leaves a response that already has a Content-Encoding alone.
        ctx.header("Content-Encoding", "gzip");
        ctx.result(gzip());
      } else {
        ctx.result(json);
      }
    }
  }

  private record Generation(Object version, Map<Object, Body> bodies, AtomicLong bytes) {}

  private final int maxEntries;
  private final long maxBytes;
  private final AtomicReference<Generation> current;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  /**
   * A cache keeping at most {@code maxEntries} bodies and {@code maxBytes} of JSON per generation.
   */
  ResponseCache(int maxEntries, long maxBytes) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
    this.current =
        new AtomicReference<>(
            new Generation(new Object(), new ConcurrentHashMap<>(), new AtomicLong()));
  }

  /**
   * The body for {@code key} (equal keys, equal requests: a string or a record of the request's
   * parts) as of {@code version}, computed by {@code compute} when not kept. {@code version} must
   * be read before computing (so a body is never older than its version) and must change whenever a
   * body could (equal versions: equal inputs).
   */
  Body get(Object key, Object version, Supplier<byte[]> compute) {
    Generation generation = current.get();
    if (!generation.version().equals(version)) {
      Generation fresh = new Generation(version, new ConcurrentHashMap<>(), new AtomicLong());
      // A request holding an older version than the current one must not bring back old bodies:
      // versions are only compared for equality, so the one that swaps last wins; a request whose
      // version is no longer current computes its body and keeps nothing.
      if (!current.compareAndSet(generation, fresh)) {
        misses.incrementAndGet();
        return new Body(compute.get());
      }
      generation = fresh;
    }
    Body body = generation.bodies().get(key);
    if (body != null) {
      hits.incrementAndGet();
      return body;
    }
    misses.incrementAndGet();
    body = new Body(compute.get());
    if (generation.bodies().size() < maxEntries
        && generation.bytes().addAndGet(body.json().length) <= maxBytes
        && current.get() == generation) {
      Body raced = generation.bodies().putIfAbsent(key, body);
      return raced != null ? raced : body;
    }
    return body;
  }

  /** Counts this cache's answers in {@code registry}, as those of {@code endpoint}. */
  ResponseCache measuredIn(MeterRegistry registry, String endpoint) {
    FunctionCounter.builder("thesiswatch.dashboard.responses", hits, AtomicLong::get)
        .description("API responses of an endpoint with a response cache, by where they came from")
        .tags("endpoint", endpoint, "outcome", "cached")
        .register(registry);
    FunctionCounter.builder("thesiswatch.dashboard.responses", misses, AtomicLong::get)
        .description("API responses of an endpoint with a response cache, by where they came from")
        .tags("endpoint", endpoint, "outcome", "computed")
        .register(registry);
    return this;
  }

  /** Whether an {@code Accept-Encoding} header accepts gzip (and does not give it q=0). */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String part : acceptEncoding.split(",")) {
      String[] pieces = part.trim().split(";");
      if (pieces[0].trim().equalsIgnoreCase("gzip")) {
        for (int i = 1; i < pieces.length; i++) {
          String parameter = pieces[i].trim().replace(" ", "");
          if (parameter.matches("q=0(\\.0*)?")) {
            return false;
          }
        }
        return true;
      }
    }
    return false;
  }

  /** Requests answered from the cache so far. */
  long hits() {
    return hits.get();
  }

  /** Requests computed so far. */
  long misses() {
    return misses.get();
  }

  private static byte[] compress(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
