package thesiswatch.dashboard.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import thesiswatch.common.Json;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemeMatch;
import thesiswatch.dashboard.index.IndexedArticle;
import thesiswatch.dashboard.index.SearchPage;
import thesiswatch.dashboard.index.Segment;

/**
 * An article as the API returns it: the article's {@link Fields}, then how this search matched it.
 * Text is plain text (the page inserts it as text); the link is null unless it is an absolute
 * {@code http}/{@code https} URL.
 *
 * <p>The article's fields are written once per indexed article and kept with it ({@link
 * IndexedArticle#rendered}), because writing them (three timestamps, the themes) was most of a
 * search page's JSON time and the same articles are shown again and again.
 *
 * @param article the article as indexed
 * @param titleHighlight the title split into segments, query matches flagged
 * @param summaryHighlight the best summary passage, query matches flagged
 * @param score relevance, or null when sorted by time
 */
@JsonSerialize(using = ArticleView.Writer.class)
record ArticleView(
    IndexedArticle article,
    List<Segment> titleHighlight,
    List<Segment> summaryHighlight,
    Float score) {

  static ArticleView of(SearchPage.Hit hit) {
    return new ArticleView(hit.article(), hit.title(), hit.summary(), hit.score());
  }

  /**
   * The article's own fields, in the order the API writes them.
   *
   * @param themes the themes with why each matched (score, stance, matched terms, the classifier's
   *     snippet)
   */
  record Fields(
      String id,
      String title,
      String link,
      String summary,
      Instant published,
      Instant fetched,
      Instant time,
      String lang,
      String source,
      String feedUrl,
      List<ThemeMatch> themes,
      String themeSetVersion) {

    static Fields of(IndexedArticle indexed) {
      TaggedArticle a = indexed.article();
      return new Fields(
          a.id(),
          a.title(),
          indexed.safeLink(),
          a.summary(),
          a.published(),
          a.fetched(),
          a.effectiveTime(),
          indexed.lang(),
          indexed.source(),
          a.feedUrl(),
          a.themes(),
          a.themeSetVersion());
    }
  }

  /**
   * An article's fields as JSON object members, each followed by a comma: {@code "id":"…",…,}. The
   * trailing comma lets the members written after them come out as if they were the first.
   */
  private static final Function<IndexedArticle, SerializableString> MEMBERS =
      indexed -> {
        String object = new String(Json.bytes(Fields.of(indexed)), StandardCharsets.UTF_8);
        return new SerializedString(object.substring(1, object.length() - 1) + ",");
      };

  /** Writes the kept members of the article, then this search's. */
  static final class Writer extends JsonSerializer<ArticleView> {
    @Override
    public void serialize(ArticleView view, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeStartObject();
      gen.writeRaw(view.article().rendered(MEMBERS));
      provider.defaultSerializeField("titleHighlight", view.titleHighlight(), gen);
      provider.defaultSerializeField("summaryHighlight", view.summaryHighlight(), gen);
      provider.defaultSerializeField("score", view.score(), gen);
      gen.writeEndObject();
    }
  }
}
