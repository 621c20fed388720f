package thesiswatch.cli.ops;

import io.javalin.Javalin;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Javalin (Jetty) server of a small side endpoint, the ops endpoint or the demo's sample feeds:
 * a few daemon threads named {@code name}, GET requests only, no banner. Jetty reads requests
 * without tying a thread to a client, so no client can stall the others.
 */
public final class SmallServer {

  /** Enough for a scraper and a health check at once; Jetty's acceptor and selector use two. */
  private static final int THREADS = 6;

  private SmallServer() {}

  /** A server not yet started, its threads named {@code name}. */
  public static Javalin create(String name) {
    return Javalin.create(
        config -> {
          config.showJavalinBanner = false;
          QueuedThreadPool pool = new QueuedThreadPool(THREADS, 2, 60_000);
          pool.setName(name);
          pool.setDaemon(true);
          config.jetty.threadPool = pool;
          // GETs only: no body to read
          config.http.maxRequestSize = 1_024L;
        });
  }
}
