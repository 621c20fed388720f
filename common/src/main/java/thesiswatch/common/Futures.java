package thesiswatch.common;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting on work handed to another thread as if it had run on this one. */
public final class Futures {

  private Futures() {}

  /**
   * The result of {@code future}; what it failed with is raised as it was, not wrapped in a {@link
   * CompletionException}, so callers see the same exceptions as when the work ran in line.
   */
  public static <T> T joinUnwrapped(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }
}
