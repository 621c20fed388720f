package thesiswatch.dashboard.http;

import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.handler.ErrorHandler;
import thesiswatch.common.Json;
import thesiswatch.dashboard.index.UserQueryParser;

/**
 * Jetty's answer to a request it refuses before any route sees it: a URL over its limit (414),
 * headers over theirs (431), a request line or path it cannot read, such as an encoded {@code /} or
 * {@code ..} (400). Jetty answered these with an HTML page; a client of the API gets the JSON error
 * every other refusal is, {@code {"error": kind, "detail": text}}.
 */
final class JettyRefusals extends ErrorHandler {

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
    fields.put("X-Content-Type-Options", "nosniff");
    return ByteBuffer.wrap(
        Json.bytes(Map.of("error", kind(status), "detail", detail(status, reason))));
  }

  private static String kind(int status) {
    return switch (status) {
      case 414 -> "uri_too_long";
      case 431 -> "headers_too_large";
      default -> "bad_request";
    };
  }

  private static String detail(int status, String reason) {
    return switch (status) {
      case 414 ->
          "the URL is longer than the server reads; a search takes at most "
              + UserQueryParser.MAX_LENGTH
              + " characters";
      case 431 -> "the request's headers are larger than the server reads";
      case 400 ->
          "the server cannot read this request ("
              + reason
              + "): a malformed request line or header, or a path holding an encoded / or \\, a"
              + " .. segment or a NUL";
      default -> "the server cannot read this request (" + reason + ")";
    };
  }
}
