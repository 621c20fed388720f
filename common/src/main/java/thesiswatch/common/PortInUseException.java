package thesiswatch.common;

/** A port the user asked for is taken by another process. */
public final class PortInUseException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int port;

  /** Port {@code port}, wanted for {@code what} (e.g. "Kafka"), is in use. */
  public PortInUseException(int port, String what) {
    super("port " + port + " for " + what + " is already in use");
    this.port = port;
  }

  /** The port that was taken. */
  public int port() {
    return port;
  }
}
