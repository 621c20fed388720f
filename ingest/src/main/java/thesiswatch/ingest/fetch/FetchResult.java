package thesiswatch.ingest.fetch;

/**
 * What a successful fetch returned: the decompressed body, or nothing when the server said it is
 * unchanged (HTTP 304).
 *
 * @param notModified true for HTTP 304; then {@code body} is empty
 * @param body the decompressed body, at most the cap
 * @param contentType the {@code Content-Type} header, or null
 * @param etag the new {@code ETag} validator, or null
 * @param lastModified the new {@code Last-Modified} validator, or null
 * @param finalUrl the URL after redirects (the base for relative links)
 * @param movedPermanently true when every redirect on the way was permanent (301 or 308), so {@code
 *     finalUrl} is where the feed now lives; false without redirects
 */
public record FetchResult(
    boolean notModified,
    byte[] body,
    String contentType,
    String etag,
    String lastModified,
    String finalUrl,
    boolean movedPermanently) {

  /** An unchanged feed. */
  public static FetchResult unchanged(
      String etag, String lastModified, String finalUrl, boolean movedPermanently) {
    return new FetchResult(true, new byte[0], null, etag, lastModified, finalUrl, movedPermanently);
  }
}
