package thesiswatch.dashboard.alert;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes each alert to the log, one line. */
public final class LogAlertSink implements AlertSink {

  private static final Logger LOG = LoggerFactory.getLogger(LogAlertSink.class);

  @Override
  public void send(Alert alert) {
    LOG.info(
        "ALERT {}: {} articles per {} from {} (baseline {}, ratio {}, p={})",
        alert.theme(),
        alert.count(),
        alert.granularity(),
        alert.periodStart(),
        alert.baseline(),
        alert.ratio(),
        String.format(Locale.ROOT, "%.2g", alert.pValue()));
  }
}
