package thesiswatch.dashboard.alert;

import java.util.List;

/**
 * The alerts published so far, as the alerts topic holds them: what makes an alert go out once for
 * ever, whatever the index remembers. A dashboard whose index was rebuilt, or a second dashboard,
 * asks before it publishes and finds the alerts already out.
 */
@FunctionalInterface
public interface AlertLedger {

  /**
   * Every alert published so far, oldest first (duplicates possible, records that are not alerts
   * left out).
   *
   * @throws RuntimeException when the topic cannot be read now (ask again later)
   */
  List<Alert> published();

  /** No topic to ask (alerts are not published to Kafka): nothing was published. */
  AlertLedger NONE = List::of;
}
