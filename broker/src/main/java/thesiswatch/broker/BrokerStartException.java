package thesiswatch.broker;

/** The embedded broker did not start; what Kafka said is the cause or in the log above. */
public final class BrokerStartException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  BrokerStartException(String message) {
    super(message);
  }

  BrokerStartException(Throwable cause) {
    super("Kafka did not start: " + cause.getMessage(), cause);
  }
}
