package thesiswatch.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Clients that send the start of a request line to a loopback server and then wait, holding their
 * connections until closed: what a slow or hostile client does to a server that reads each request
 * on a thread of its own.
 */
public final class HalfRequests implements AutoCloseable {

  private final List<Socket> sockets = new ArrayList<>();

  private HalfRequests() {}

  /** {@code clients} connections to {@code port}, each having sent {@code start} and no more. */
  public static HalfRequests hold(int port, int clients, String start) throws IOException {
    HalfRequests held = new HalfRequests();
    try {
      for (int i = 0; i < clients; i++) {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        held.sockets.add(socket);
        socket.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
      }
      return held;
    } catch (IOException e) {
      held.close();
      throw e;
    }
  }

  @Override
  public void close() {
    for (Socket socket : sockets) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing a loopback socket the test is done with: nothing to do
      }
    }
  }
}
