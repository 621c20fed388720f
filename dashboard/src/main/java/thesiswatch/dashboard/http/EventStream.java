package thesiswatch.dashboard.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Request;
import thesiswatch.common.DaemonThreads;
import thesiswatch.common.Json;

/**
 * The Server-Sent Events clients of {@code /api/stream} and what is broadcast to them: new
 * articles, count updates and alerts.
 *
 * <p>Nothing here ever waits for a client. A broadcast (from the indexing thread, say) only queues
 * the event's bytes for each client; one writer thread writes them with the servlet container's
 * non-blocking output, as far as each client reads. A client whose queue passes {@link
 * #CLIENT_BUFFER_BYTES} does not read: it is dropped and its connection aborted. A heartbeat
 * comment goes to every client every heartbeat interval, so a client that went away is found by the
 * failed write and its connection released (without it, closed streams stayed in CLOSE-WAIT until
 * the process ran out of file descriptors). At most {@code maxClients} streams are open; one more
 * is refused ({@link #join} returns false).
 *
 * <p>Thread-safe.
 */
public final class EventStream implements AutoCloseable {

  /** Bytes of events a client may have waiting before it is dropped as not reading. */
  public static final int CLIENT_BUFFER_BYTES = 1 << 20;

  /** Seconds a client is asked to wait when every stream is taken. */
  static final int RETRY_AFTER_SECONDS = 30;

  /** An SSE comment: ignored by browsers, it tests the connection. */
  private static final byte[] HEARTBEAT = ":\n\n".getBytes(StandardCharsets.UTF_8);

  private final int maxClients;
  private final Set<Client> clients = ConcurrentHashMap.newKeySet();
  private final AtomicInteger open = new AtomicInteger();
  private final ScheduledExecutorService writer;
  private final Counter dropped;
  private final Counter refused;

  /**
   * A stream of at most {@code maxClients} clients, each sent a heartbeat every {@code heartbeat};
   * its gauges and counters go to {@code registry}.
   */
  public EventStream(int maxClients, Duration heartbeat, MeterRegistry registry) {
    this.maxClients = maxClients;
    this.writer =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("dashboard-stream"));
    long period = heartbeat.toMillis();
    writer.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
    Gauge.builder("thesiswatch.dashboard.stream.clients", open, AtomicInteger::get)
        .description("open Server-Sent Events streams")
        .register(registry);
    this.dropped =
        Counter.builder("thesiswatch.dashboard.stream.dropped")
            .description("streams dropped because their client did not read")
            .register(registry);
    this.refused =
        Counter.builder("thesiswatch.dashboard.stream.refused")
            .description("streams refused because the most allowed were open")
            .register(registry);
  }

  /**
   * Opens a stream on {@code ctx} and keeps it open; false (nothing written) when {@code
   * maxClients} streams are open already.
   */
  boolean join(Context ctx) {
    if (open.incrementAndGet() > maxClients) {
      open.decrementAndGet();
      refused.increment();
      return false;
    }
    ctx.status(200);
    ctx.contentType("text/event-stream");
    ctx.res().setCharacterEncoding("UTF-8");
    ctx.header("Cache-Control", "no-cache");
    // Proxies (nginx) must pass events on at once, not buffer them.
    ctx.header("X-Accel-Buffering", "no");
    Client client = new Client(ctx);
    ctx.future(client::start);
    return true;
  }

  /** Sends {@code data} as JSON under event name {@code event} to every client; never blocks. */
  public void broadcast(String event, Object data) {
    byte[] frame = frame(event, Json.write(data));
    for (Client client : clients) {
      client.send(frame);
    }
  }

  /** Clients connected now. */
  public int size() {
    return open.get();
  }

  /** Ends every connection (at shutdown). Idempotent. */
  @Override
  public void close() {
    for (Client client : clients) {
      client.end();
    }
    writer.shutdownNow();
  }

  /** Ends every connection (at shutdown). */
  void closeAll() {
    close();
  }

  private void beat() {
    for (Client client : clients) {
      client.send(HEARTBEAT);
    }
  }

  private static byte[] frame(String event, String json) {
    return ("event: " + event + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
  }

  /** One open stream: its queue and its non-blocking output. */
  private final class Client implements WriteListener, AsyncListener {
    private final Context ctx;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private final AtomicBoolean released = new AtomicBoolean();
    private ServletOutputStream out;
    private boolean listening;
    private boolean scheduled;
    private boolean unflushed;
    private long queuedBytes;

    Client(Context ctx) {
      this.ctx = ctx;
    }

    /** Called once the request is asynchronous: switches to non-blocking output and says hello. */
    CompletableFuture<Void> start() {
      try {
        AsyncContext async = ctx.req().getAsyncContext();
        async.setTimeout(0);
        async.addListener(this);
        ServletOutputStream stream = ctx.res().getOutputStream();
        synchronized (this) {
          out = stream;
          clients.add(this);
          queue.add(frame("hello", Json.write(Map.of("clients", open.get()))));
          queuedBytes = queue.peek().length;
          stream.setWriteListener(this);
          listening = true;
        }
      } catch (IOException | RuntimeException e) {
        release();
      }
      return done;
    }

    /** Queues {@code frame}; drops the client when it has too much waiting. Never blocks. */
    void send(byte[] frame) {
      synchronized (this) {
        if (released.get()) {
          return;
        }
        if (queuedBytes + frame.length > CLIENT_BUFFER_BYTES) {
          dropped.increment();
          abort();
          return;
        }
        queue.add(frame);
        queuedBytes += frame.length;
        if (!listening || scheduled) {
          return;
        }
        scheduled = true;
      }
      try {
        writer.execute(this::drain);
      } catch (RejectedExecutionException e) {
        end(); // shutting down
      }
    }

    /** Writes what is queued as far as the connection takes it without waiting. */
    private synchronized void drain() {
      scheduled = false;
      if (released.get() || !listening) {
        return;
      }
      try {
        while (out.isReady()) {
          byte[] next = queue.poll();
          if (next == null) {
            if (!unflushed) {
              return;
            }
            unflushed = false;
            out.flush();
            continue;
          }
          queuedBytes -= next.length;
          out.write(next);
          unflushed = true;
        }
        // Not ready: the container calls onWritePossible once the pending write is done.
      } catch (IOException | RuntimeException e) {
        release();
        done.complete(null);
      }
    }

    @Override
    public void onWritePossible() {
      drain();
    }

    @Override
    public void onError(Throwable failure) {
      release();
      done.complete(null);
    }

    @Override
    public void onComplete(AsyncEvent event) {
      release();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      release();
      done.complete(null);
    }

    @Override
    public void onError(AsyncEvent event) {
      release();
      done.complete(null);
    }

    @Override
    public void onStartAsync(AsyncEvent event) {}

    /** Ends the stream normally (shutdown). */
    void end() {
      release();
      done.complete(null);
    }

    /** Closes the connection at once, whatever is pending on it (a client that does not read). */
    private void abort() {
      release();
      Request jetty = Request.getBaseRequest(ctx.req());
      if (jetty != null) {
        jetty.getHttpChannel().abort(new IOException("event stream client does not read"));
      }
      done.complete(null);
    }

    private void release() {
      if (released.compareAndSet(false, true)) {
        clients.remove(this);
        open.decrementAndGet();
        synchronized (this) {
          queue.clear();
          queuedBytes = 0;
        }
      }
    }
  }
}
