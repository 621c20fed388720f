package thesiswatch.dashboard.http;

import io.javalin.http.sse.SseClient;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import thesiswatch.common.Json;

/**
 * The Server-Sent Events clients of {@code /api/stream} and what is broadcast to them: new
 * articles, count updates and alerts. A client that has gone away is dropped on its next send.
 */
public final class EventStream {

  private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();

  /** Registers a newly connected client and keeps its connection open. */
  void join(SseClient client) {
    client.keepAlive();
    client.onClose(() -> clients.remove(client));
    clients.add(client);
    send(client, "hello", Map.of("clients", clients.size()));
  }

  /** Sends {@code data} as JSON under event name {@code event} to every client. */
  public void broadcast(String event, Object data) {
    String json = Json.write(data);
    for (SseClient client : clients) {
      send(client, event, json);
    }
  }

  /** Clients connected now. */
  public int size() {
    return clients.size();
  }

  private void send(SseClient client, String event, Object data) {
    String json = data instanceof String text ? text : Json.write(data);
    // One writer at a time per connection: the consumer thread and Javalin's threads both send.
    synchronized (client) {
      if (client.terminated()) {
        clients.remove(client);
        return;
      }
      client.sendEvent(event, json);
    }
  }

  /** Ends every connection (at shutdown). */
  void closeAll() {
    for (SseClient client : clients) {
      synchronized (client) {
        client.close();
      }
    }
    clients.clear();
  }
}
