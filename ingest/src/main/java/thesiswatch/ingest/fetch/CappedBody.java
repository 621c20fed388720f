package thesiswatch.ingest.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body subscriber that collects at most a cap of bytes and fails as soon as more arrive
 * (or the {@code Content-Length} announces more), so an endless or oversized body never fills the
 * heap. Bodies of non-2xx answers are not read at all.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

  /** The body went over the cap. */
  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException() {
      super("body too large");
    }
  }

  private final long cap;
  private final boolean skip;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  private CappedBody(long cap, boolean skip) {
    this.cap = cap;
    this.skip = skip;
  }

  /** The subscriber for one response: capped for 2xx, skipping for anything else. */
  static HttpResponse.BodySubscriber<byte[]> forResponse(HttpResponse.ResponseInfo info, long cap) {
    boolean success = info.statusCode() >= 200 && info.statusCode() < 300;
    long announced = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    boolean identity =
        info.headers()
            .firstValue("Content-Encoding")
            .map(v -> v.isBlank() || v.equalsIgnoreCase("identity"))
            .orElse(true);
    CappedBody body = new CappedBody(cap, !success);
    if (success && identity && announced > cap) {
      body.result.completeExceptionally(new TooLargeException());
    }
    return body;
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (skip) {
      subscription.cancel();
      result.complete(new byte[0]);
    } else if (result.isDone()) {
      subscription.cancel();
    } else {
      subscription.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer buffer : buffers) {
      byte[] chunk = new byte[buffer.remaining()];
      buffer.get(chunk);
      bytes.write(chunk, 0, chunk.length);
    }
    if (bytes.size() > cap) {
      subscription.cancel();
      result.completeExceptionally(new TooLargeException());
      return;
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable throwable) {
    result.completeExceptionally(throwable);
  }

  @Override
  public void onComplete() {
    result.complete(bytes.toByteArray());
  }
}
