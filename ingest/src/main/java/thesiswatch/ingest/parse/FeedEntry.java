package thesiswatch.ingest.parse;

import java.time.Instant;
import java.util.List;
import thesiswatch.common.Article;

/**
 * One parsed entry, normalised: plain-text title and summary, an http(s) link resolved against the
 * feed's base, a sane published time. This is also the shape {@code thesiswatch parse} prints.
 *
 * @param id the stable article id (from the canonical link, else the GUID, else title and date;
 *     entries sharing a page that the feed tells apart by guid or fragment take those instead)
 * @param guid the entry's own id (RSS guid, Atom id, JSON Feed id), at most 2,048 characters (a
 *     longer one is {@code sha256:} and its digest), or null
 * @param title plain text of at most 1,000 characters; the summary's start when the entry has no
 *     title; empty when it has neither
 * @param link canonical absolute http(s) link of at most 2,048 characters, or null
 * @param summary plain text of at most 10,000 characters, possibly empty
 * @param published the published (else updated) time, or null when absent, impossible or absurd
 * @param lang primary language subtag ({@code zh}, {@code en}), or null
 */
public record FeedEntry(
    String id,
    String guid,
    String title,
    String link,
    String summary,
    Instant published,
    String lang) {

  public FeedEntry {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("entry id must not be blank");
    }
    title = title == null ? "" : title;
    summary = summary == null ? "" : summary;
  }

  /** True when the entry can become an {@link Article} (articles need a headline). */
  public boolean hasTitle() {
    return !title.isBlank();
  }

  /** This entry as an article fetched at {@code fetched} from {@code feedUrl}. */
  public Article toArticle(Instant fetched, String feedUrl, String feedTitle) {
    return new Article(
        Article.SCHEMA_VERSION,
        id,
        guid,
        title,
        link,
        summary,
        published,
        fetched,
        lang,
        feedUrl,
        feedTitle,
        List.of());
  }
}
