package thesiswatch.dashboard.alert;

/** Where an alert goes: the alerts topic, a webhook, the log, the page. */
@FunctionalInterface
public interface AlertSink {
  /** Delivers {@code alert}; must not block the caller for long (slow sinks queue). */
  void send(Alert alert);
}
