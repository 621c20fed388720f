package thesiswatch.common;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread factories for the services' worker pools: daemon threads (a pool never keeps the JVM alive
 * past its service's stop), named so that a thread dump, and the benchmarks' CPU accounting by
 * thread name, say whose work each one does.
 */
public final class DaemonThreads {

  private DaemonThreads() {}

  /** Daemon threads named {@code prefix-1}, {@code prefix-2}, … */
  public static ThreadFactory numbered(String prefix) {
    AtomicInteger next = new AtomicInteger();
    return task -> daemon(task, prefix + "-" + next.incrementAndGet());
  }

  /** Daemon threads named {@code name}, for a pool of one. */
  public static ThreadFactory named(String name) {
    return task -> daemon(task, name);
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }
}
