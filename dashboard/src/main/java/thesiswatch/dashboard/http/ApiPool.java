package thesiswatch.dashboard.http;

import io.javalin.http.Handler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import thesiswatch.common.DaemonThreads;

/**
 * The threads that do the API's work, apart from the HTTP server's: a handler run {@link
 * #offloaded} is handed over by the server thread, which is free again at once for {@code /health},
 * {@code /ready} and {@code /metrics}. At most {@link #QUEUE_PER_THREAD} requests per thread wait;
 * one more is refused with {@link BusyException} (a 503), not queued without bound.
 */
final class ApiPool implements AutoCloseable {

  /** Requests that may wait for an API thread, per thread, before the API answers 503. */
  static final int QUEUE_PER_THREAD = 16;

  private final ThreadPoolExecutor executor;

  /** A pool of {@code threads}, its gauges in {@code registry}. */
  ApiPool(int threads, MeterRegistry registry) {
    executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(threads * QUEUE_PER_THREAD),
            DaemonThreads.numbered("dashboard-api"));
    Gauge.builder("thesiswatch.dashboard.api.active", executor, ThreadPoolExecutor::getActiveCount)
        .description("API requests being worked on")
        .register(registry);
    Gauge.builder("thesiswatch.dashboard.api.queued", executor, e -> e.getQueue().size())
        .description("API requests waiting for a thread (beyond the queue: 503)")
        .register(registry);
  }

  /** The pool and its queue are full. */
  static final class BusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /**
   * {@code handler} run on this pool; what it throws goes to the server's exception mappers as if
   * it had run on the server thread.
   *
   * @throws BusyException (from the returned handler) when the queue is full
   */
  Handler offloaded(Handler handler) {
    return ctx -> {
      CompletableFuture<Void> done = new CompletableFuture<>();
      try {
        executor.execute(
            () -> {
              try {
                handler.handle(ctx);
                done.complete(null);
              } catch (Exception e) {
                done.completeExceptionally(e);
              } catch (Error e) {
                done.completeExceptionally(e);
                throw e;
              }
            });
      } catch (RejectedExecutionException e) {
        throw new BusyException();
      }
      ctx.future(() -> done);
    };
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
