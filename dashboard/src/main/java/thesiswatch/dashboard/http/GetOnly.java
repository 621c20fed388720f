package thesiswatch.dashboard.http;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.List;

/**
 * The methods of a path that answers GET (and HEAD) only, as the dashboard's routes and the
 * headless services' ops endpoint do: OPTIONS is a 204 saying so in {@code Allow}, and another
 * method on the path a refusal with the same header, not the 404 "no such endpoint" a path that
 * exists was given.
 */
public final class GetOnly {

  /** The methods such a path answers, as {@code Allow} names them. */
  public static final String ALLOW = "GET";

  /** Everything but GET, HEAD and OPTIONS. */
  private static final List<HandlerType> OTHER_METHODS =
      List.of(
          HandlerType.POST,
          HandlerType.PUT,
          HandlerType.PATCH,
          HandlerType.DELETE,
          HandlerType.TRACE);

  private GetOnly() {}

  /**
   * Answers OPTIONS on {@code path} with a 204 and every other method but GET and HEAD with {@code
   * refusal} (which answers the 405), both with {@code Allow}.
   */
  public static void methods(Javalin app, String path, Handler refusal) {
    for (HandlerType method : OTHER_METHODS) {
      app.addHttpHandler(
          method,
          path,
          ctx -> {
            ctx.header("Allow", ALLOW);
            refusal.handle(ctx);
          });
    }
    app.options(path, ctx -> ctx.header("Allow", ALLOW).status(204));
  }
}
