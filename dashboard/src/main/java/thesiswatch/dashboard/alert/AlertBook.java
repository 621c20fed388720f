package thesiswatch.dashboard.alert;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import thesiswatch.common.Json;

/**
 * The alerts raised so far, newest last, bounded. Saved with the index (as commit user data) so
 * that what has fired survives a restart and a replay. Thread-safe.
 */
public final class AlertBook {

  /** Alerts kept; far more than the detector's look-back can produce. */
  public static final int MAX_ALERTS = 2000;

  private static final TypeReference<List<Alert>> LIST = new TypeReference<>() {};

  private final Map<String, Alert> alerts = new LinkedHashMap<>();

  /** An empty book. */
  public AlertBook() {}

  /** The book saved as {@code json} (see {@link #toJson()}). */
  public static AlertBook fromJson(String json) {
    AlertBook book = new AlertBook();
    try {
      for (Alert alert : Json.MAPPER.readValue(json, LIST)) {
        book.add(alert);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not a valid alert book: " + e.getMessage(), e);
    }
    return book;
  }

  /** The book as JSON. */
  public synchronized String toJson() {
    return Json.write(new ArrayList<>(alerts.values()));
  }

  /** Records {@code alert}; false when its id was already recorded. */
  public synchronized boolean add(Alert alert) {
    if (alerts.putIfAbsent(alert.id(), alert) != null) {
      return false;
    }
    while (alerts.size() > MAX_ALERTS) {
      alerts.remove(alerts.keySet().iterator().next());
    }
    return true;
  }

  /** The alert recorded under {@code id}, or null. */
  public synchronized Alert get(String id) {
    return alerts.get(id);
  }

  /** The period starts that alerted for {@code theme} at {@code granularity}. */
  public synchronized List<Instant> fired(String theme, String granularity) {
    return alerts.values().stream()
        .filter(a -> a.theme().equals(theme) && a.granularity().equals(granularity))
        .map(Alert::periodStart)
        .toList();
  }

  /** Up to {@code limit} alerts, the most recent period first. */
  public synchronized List<Alert> recent(int limit) {
    return alerts.values().stream()
        .sorted(Comparator.comparing(Alert::periodStart).thenComparing(Alert::id).reversed())
        .limit(limit)
        .toList();
  }

  /** How many alerts are recorded. */
  public synchronized int size() {
    return alerts.size();
  }
}
