package thesiswatch.ingest;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import thesiswatch.ingest.fault.FaultKind;
import thesiswatch.ingest.fault.FeedFault;

/**
 * {@code thesiswatch parse FILE|URL...}: one input in, one {@link ParseLine} out, never an
 * exception.
 */
public final class ParseLines {

  private static final Pattern URL_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");

  /**
   * Readers by config: a run over many inputs shares one HTTP client instead of building one per
   * input.
   */
  private static final Map<IngestConfig, FeedReader> READERS = new ConcurrentHashMap<>();

  private ParseLines() {}

  /**
   * Fetches and parses {@code fileOrUrl} with the service's code path: a URL with a scheme as is,
   * anything else as a local file path.
   */
  public static ParseLine parse(String fileOrUrl, IngestConfig config) {
    try {
      FeedReader reader = READERS.computeIfAbsent(config, FeedReader::new);
      FeedReader.Result result = reader.read(toUrl(fileOrUrl), null, null, null, null);
      return new ParseLine(fileOrUrl, result.feed().feed(), result.feed().entries(), null);
    } catch (FeedFault fault) {
      return new ParseLine(
          fileOrUrl, null, null, new ParseLine.Error(fault.kind().key(), fault.getMessage()));
    } catch (Throwable e) {
      // A parser bug, or an Error deep inside a library (a StackOverflowError), must not end the
      // run: it is reported as this input's error, classified as ingest does, and the next input
      // goes on.
      FeedFault fault = FeedPoller.internal(e);
      return new ParseLine(
          fileOrUrl, null, null, new ParseLine.Error(fault.kind().key(), fault.getMessage()));
    }
  }

  private static String toUrl(String fileOrUrl) throws FeedFault {
    boolean windowsDrive = fileOrUrl.length() > 2 && fileOrUrl.charAt(1) == ':';
    if (URL_SCHEME.matcher(fileOrUrl).matches() && !windowsDrive) {
      return fileOrUrl;
    }
    try {
      return Path.of(fileOrUrl).toAbsolutePath().toUri().toString();
    } catch (InvalidPathException e) {
      throw new FeedFault(FaultKind.BAD_URL, "fetch: not a file path or URL: " + fileOrUrl, e);
    }
  }
}
