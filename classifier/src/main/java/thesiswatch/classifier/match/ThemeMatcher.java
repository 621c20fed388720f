package thesiswatch.classifier.match;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.monitor.HighlightsMatch;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.MultiMatchingQueries;
import thesiswatch.classifier.analysis.Analyzers;
import thesiswatch.classifier.analysis.ChineseNormalizer;
import thesiswatch.classifier.analysis.Fields;
import thesiswatch.classifier.analysis.Languages;
import thesiswatch.classifier.themes.QueryRole;
import thesiswatch.classifier.themes.ThemeDefinition;
import thesiswatch.classifier.themes.ThemeQuery;
import thesiswatch.classifier.themes.ThemeSet;
import thesiswatch.common.ThemeMatch;

/**
 * Tags headlines with the themes of one {@link ThemeSet}: a Lucene {@link Monitor} holds every
 * topic and stance query, and each batch of headlines is matched against all of them at once with
 * Monitor's highlighting matcher, which also says where each query matched.
 *
 * <p>A theme applies when one of its topic queries matches. Its score is the number of distinct
 * terms its topic queries found; its stance is {@code supports} or {@code challenges} when only
 * queries of that side matched, else {@code neutral}. Thread-safe; close it to stop Monitor's
 * cache-purge thread.
 */
public final class ThemeMatcher implements Closeable {

  /**
   * Indexed with offsets: a single document is matched in a {@code MemoryIndex} that keeps them
   * anyway, but a batch goes through an index whose field type decides, and without offsets the
   * highlights of a batch would have no positions in the text.
   */
  private static final FieldType TEXT;

  static {
    FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    type.freeze();
    TEXT = type;
  }

  private final ThemeSet themes;
  private final Monitor monitor;
  private final Map<String, ThemeQuery> queries;

  private ThemeMatcher(ThemeSet themes, Monitor monitor) {
    this.themes = themes;
    this.monitor = monitor;
    this.queries =
        themes.queries().stream().collect(Collectors.toMap(ThemeQuery::id, Function.identity()));
  }

  /** A matcher holding every query of {@code themes}. */
  public static ThemeMatcher of(ThemeSet themes) {
    try {
      Monitor monitor = new Monitor(Analyzers.perField());
      List<MonitorQuery> registered = new ArrayList<>();
      for (ThemeQuery query : themes.queries()) {
        registered.add(new MonitorQuery(query.id(), query.query(), query.text(), Map.of()));
      }
      monitor.register(registered);
      return new ThemeMatcher(themes, monitor);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the theme monitor", e);
    }
  }

  /** The version of the theme set this matcher tags with. */
  public String version() {
    return themes.version();
  }

  /** The theme set this matcher tags with. */
  public ThemeSet themes() {
    return themes;
  }

  /** Tags one headline. */
  public Classification classify(Headline headline) {
    return classifyAll(List.of(headline)).get(0);
  }

  /** Tags a batch of headlines in one pass through the monitor; results in input order. */
  public List<Classification> classifyAll(List<Headline> headlines) {
    if (headlines.isEmpty()) {
      return List.of();
    }
    ChineseNormalizer normalizer = ChineseNormalizer.standard();
    Document[] documents = new Document[headlines.size()];
    Languages.Detected[] detected = new Languages.Detected[headlines.size()];
    for (int i = 0; i < documents.length; i++) {
      String text = headlines.get(i).text();
      detected[i] = Languages.detect(text);
      documents[i] = document(normalizer.normalize(text), detected[i]);
    }
    MultiMatchingQueries<HighlightsMatch> matches;
    try {
      matches = monitor.match(documents, HighlightsMatch.MATCHER);
    } catch (IOException e) {
      throw new UncheckedIOException("theme matching failed", e);
    }
    if (!matches.getErrors().isEmpty()) {
      // Queries were parsed and checked on load; an error here is a bug, not bad input.
      throw new IllegalStateException("theme queries failed: " + matches.getErrors());
    }
    List<Classification> result = new ArrayList<>(documents.length);
    for (int i = 0; i < documents.length; i++) {
      result.add(classification(headlines.get(i), detected[i], matches.getMatches(i)));
    }
    return result;
  }

  @Override
  public void close() {
    try {
      monitor.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the theme monitor", e);
    }
  }

  /** Chinese text goes into both Chinese fields, Latin text into the English one; mixed into all. */
  private static Document document(String normalized, Languages.Detected detected) {
    Document document = new Document();
    if (detected.chinese()) {
      document.add(new Field(Fields.ZH, normalized, TEXT));
      document.add(new Field(Fields.ZH_BIGRAM, normalized, TEXT));
    }
    if (detected.english() || !detected.chinese()) {
      document.add(new Field(Fields.EN, normalized, TEXT));
    }
    return document;
  }

  private Classification classification(
      Headline headline, Languages.Detected detected, Collection<HighlightsMatch> found) {
    Map<String, List<HighlightsMatch>> byTheme = new LinkedHashMap<>();
    for (HighlightsMatch match : found) {
      byTheme.computeIfAbsent(queries.get(match.getQueryId()).themeId(), id -> new ArrayList<>()).add(match);
    }
    List<ThemeHit> hits = new ArrayList<>();
    for (ThemeDefinition theme : themes.themes()) {
      List<HighlightsMatch> matches = byTheme.get(theme.id());
      if (matches != null) {
        ThemeHit hit = hit(theme.id(), headline, matches);
        if (hit != null) {
          hits.add(hit);
        }
      }
    }
    // Strongest first; equal scores keep the file's order (the sort is stable).
    hits.sort(Comparator.comparingDouble((ThemeHit h) -> h.match().score()).reversed());
    return new Classification(detected.primary(), detected.mixed(), hits);
  }

  /** The theme's tag, or null when only stance queries matched (they refine, they do not tag). */
  private ThemeHit hit(String themeId, Headline headline, List<HighlightsMatch> matches) {
    String text = headline.text();
    List<Span> topicSpans = new ArrayList<>();
    List<ThemeHit.MatchedQuery> matchedQueries = new ArrayList<>();
    boolean supports = false;
    boolean challenges = false;
    for (QueryRole role : QueryRole.values()) {
      for (HighlightsMatch match : matches) {
        ThemeQuery query = queries.get(match.getQueryId());
        if (query.role() != role) {
          continue;
        }
        matchedQueries.add(new ThemeHit.MatchedQuery(role.field(), query.language(), query.text()));
        supports |= role == QueryRole.SUPPORTS;
        challenges |= role == QueryRole.CHALLENGES;
        if (role == QueryRole.TOPIC) {
          for (Set<HighlightsMatch.Hit> fieldHits : match.getHits().values()) {
            for (HighlightsMatch.Hit hit : fieldHits) {
              if (hit.startOffset >= 0 && hit.endOffset <= text.length() && hit.startOffset < hit.endOffset) {
                topicSpans.add(new Span(hit.startOffset, hit.endOffset));
              }
            }
          }
        }
      }
    }
    long topicQueries = matchedQueries.stream().filter(q -> q.role().equals(QueryRole.TOPIC.field())).count();
    if (topicQueries == 0) {
      return null;
    }
    topicSpans.sort(Comparator.comparingInt(Span::start).thenComparingInt(Span::end));
    Set<String> terms = new LinkedHashSet<>();
    for (Span span : topicSpans) {
      terms.add(text.substring(span.start(), span.end()));
    }
    String stance =
        supports == challenges
            ? ThemeMatch.NEUTRAL
            : supports ? ThemeMatch.SUPPORTS : ThemeMatch.CHALLENGES;
    double score = terms.isEmpty() ? topicQueries : terms.size();
    ThemeMatch match =
        new ThemeMatch(themeId, score, stance, List.copyOf(terms), Snippets.highlight(headline, topicSpans));
    return new ThemeHit(match, matchedQueries);
  }

  /** Characters {@code [start, end)} of a headline's text. */
  record Span(int start, int end) {}
}
