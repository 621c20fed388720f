package thesiswatch.ingest.kafka;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import thesiswatch.ingest.schedule.Poll;

/**
 * The bounded queue between the fetch threads and the publisher. While Kafka is down the fetch
 * threads fill it, then wait; nothing is lost, because a feed's seen ids only advance when its poll
 * commits, and a feed is polled again only after that, so an outage holds at most one poll per
 * feed.
 */
public final class Outbox {

  private final BlockingQueue<Poll> polls;
  private volatile boolean abandoned;

  /** An outbox holding at most {@code capacity} polls. */
  public Outbox(int capacity) {
    this.polls = new ArrayBlockingQueue<>(capacity);
  }

  /**
   * Hands a finished poll to the publisher; blocks while the outbox is full, until there is room or
   * the publisher gave up at close (the poll is then dropped: it is fetched again next time).
   */
  public void put(Poll poll) {
    try {
      // Blocks politely while Kafka is behind: the bounded buffer is full.
      while (!polls.offer(poll, 200, TimeUnit.MILLISECONDS)) {
        if (abandoned) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The oldest poll, waiting at most {@code timeoutMillis}; null when none came. */
  Poll take(long timeoutMillis) throws InterruptedException {
    return polls.poll(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  /** Moves at most {@code max} waiting polls, oldest first, to {@code into}. */
  void drainTo(List<Poll> into, int max) {
    polls.drainTo(into, max);
  }

  boolean isEmpty() {
    return polls.isEmpty();
  }

  /** Nothing will take polls any more: {@link #put} stops waiting. */
  void abandon() {
    abandoned = true;
  }
}
