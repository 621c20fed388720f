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
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;
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
 * topic query, and each headline is matched against all of them (its presearcher picks the
 * candidate queries from the headline's terms).
 *
 * <p>Two passes: the monitor, holding the topic queries, finds which of them match which headline
 * (its simple matcher, which stops at the first matching part of a query); then, only for a
 * headline that matched, a one-document {@link MemoryIndex} runs the matched topic queries through
 * Lucene's Matches API — what Monitor's {@code HighlightsMatch} uses — for the matched terms'
 * offsets, and the tagged themes' stance queries for the stance.
 * {@code HighlightsMatch} itself, on a batch, walks every document of the batch for every
 * candidate query, which measured 10× slower than the simple matcher on batches of 200.
 *
 * <p>A theme applies when one of its topic queries matches. Its score is the number of distinct
 * terms its topic queries found; its stance is {@code supports} or {@code challenges} when only
 * queries of that side matched, else {@code neutral}. Thread-safe; close it to stop Monitor's
 * cache-purge thread.
 */
public final class ThemeMatcher implements Closeable {

  private final ThemeSet themes;
  private final Monitor monitor;
  private final Analyzer analyzer = Analyzers.perField();
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
        // Stance queries only matter for a tagged headline: the second pass runs them.
        if (query.role() == QueryRole.TOPIC) {
          registered.add(new MonitorQuery(query.id(), query.query(), query.text(), Map.of()));
        }
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

  /** Tags a batch of headlines; results in input order. */
  public List<Classification> classifyAll(List<Headline> headlines) {
    if (headlines.isEmpty()) {
      return List.of();
    }
    ChineseNormalizer normalizer = ChineseNormalizer.standard();
    Document[] documents = new Document[headlines.size()];
    Languages.Detected[] detected = new Languages.Detected[headlines.size()];
    String[] normalized = new String[headlines.size()];
    for (int i = 0; i < documents.length; i++) {
      String text = headlines.get(i).text();
      detected[i] = Languages.detect(text);
      normalized[i] = normalizer.normalize(text);
      documents[i] = document(normalized[i], detected[i]);
    }
    List<Classification> result = new ArrayList<>(documents.length);
    for (int i = 0; i < documents.length; i++) {
      // One document at a time: a batch makes Monitor index the whole batch and run every candidate
      // query over all of it, which measured half as fast on headlines (docs/benchmarks.md).
      MatchingQueries<QueryMatch> matches;
      try {
        matches = monitor.match(documents[i], QueryMatch.SIMPLE_MATCHER);
      } catch (IOException e) {
        throw new UncheckedIOException("theme matching failed", e);
      }
      if (!matches.getErrors().isEmpty()) {
        // Queries were parsed and checked on load; an error here is a bug, not bad input.
        throw new IllegalStateException("theme queries failed: " + matches.getErrors());
      }
      result.add(classification(headlines.get(i), normalized[i], detected[i], matches.getMatches()));
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
  private static List<String> fields(Languages.Detected detected) {
    List<String> fields = new ArrayList<>(3);
    if (detected.chinese()) {
      fields.add(Fields.ZH);
      fields.add(Fields.ZH_BIGRAM);
    }
    if (detected.english() || !detected.chinese()) {
      fields.add(Fields.EN);
    }
    return fields;
  }

  private static Document document(String normalized, Languages.Detected detected) {
    Document document = new Document();
    for (String field : fields(detected)) {
      document.add(new TextField(field, normalized, Field.Store.NO));
    }
    return document;
  }

  private Classification classification(
      Headline headline, String normalized, Languages.Detected detected, Collection<QueryMatch> found) {
    Map<String, List<ThemeQuery>> byTheme = new LinkedHashMap<>();
    for (QueryMatch match : found) {
      ThemeQuery query = queries.get(match.getQueryId());
      byTheme.computeIfAbsent(query.themeId(), id -> new ArrayList<>()).add(query);
    }
    List<ThemeHit> hits = new ArrayList<>();
    IndexSearcher searcher = null;
    for (ThemeDefinition theme : themes.themes()) {
      List<ThemeQuery> matched = byTheme.get(theme.id());
      if (matched == null) {
        continue;
      }
      if (searcher == null) {
        searcher = oneDocument(normalized, detected);
      }
      List<ThemeQuery> all = new ArrayList<>(matched);
      for (QueryRole stance : List.of(QueryRole.SUPPORTS, QueryRole.CHALLENGES)) {
        for (ThemeQuery query : theme.queries(stance)) {
          if (matches(searcher, query)) {
            all.add(query);
          }
        }
      }
      hits.add(hit(theme.id(), headline, all, searcher));
    }
    // Strongest first; equal scores keep the file's order (the sort is stable).
    hits.sort(Comparator.comparingDouble((ThemeHit h) -> h.match().score()).reversed());
    return new Classification(detected.primary(), detected.mixed(), hits);
  }

  private ThemeHit hit(String themeId, Headline headline, List<ThemeQuery> matched, IndexSearcher searcher) {
    String text = headline.text();
    List<Span> topicSpans = new ArrayList<>();
    List<ThemeHit.MatchedQuery> matchedQueries = new ArrayList<>();
    boolean supports = false;
    boolean challenges = false;
    int topicQueries = 0;
    for (QueryRole role : QueryRole.values()) {
      for (ThemeQuery query : matched) {
        if (query.role() != role) {
          continue;
        }
        matchedQueries.add(new ThemeHit.MatchedQuery(role.field(), query.language(), query.text()));
        supports |= role == QueryRole.SUPPORTS;
        challenges |= role == QueryRole.CHALLENGES;
        if (role == QueryRole.TOPIC) {
          topicQueries++;
          topicSpans.addAll(spans(searcher, query, text.length()));
        }
      }
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

  /** The headline alone in a memory index with offsets, for the second pass. */
  private IndexSearcher oneDocument(String normalized, Languages.Detected detected) {
    MemoryIndex index = new MemoryIndex(true, false);
    for (String field : fields(detected)) {
      index.addField(field, normalized, analyzer);
    }
    return index.createSearcher();
  }

  private static boolean matches(IndexSearcher searcher, ThemeQuery query) {
    try {
      return searcher.count(query.query()) > 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run stance query " + query.id(), e);
    }
  }

  /** Where {@code query} matches the one document of {@code searcher}. */
  private static List<Span> spans(IndexSearcher searcher, ThemeQuery query, int textLength) {
    try {
      Weight weight = searcher.createWeight(searcher.rewrite(query.query()), ScoreMode.COMPLETE_NO_SCORES, 1f);
      LeafReaderContext leaf = searcher.getIndexReader().leaves().get(0);
      Matches matches = weight.matches(leaf, 0);
      List<Span> spans = new ArrayList<>();
      if (matches == null) {
        return spans;
      }
      for (String field : matches) {
        MatchesIterator iterator = matches.getMatches(field);
        while (iterator != null && iterator.next()) {
          int start = iterator.startOffset();
          int end = iterator.endOffset();
          if (start >= 0 && end <= textLength && start < end) {
            spans.add(new Span(start, end));
          }
        }
      }
      return spans;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot highlight query " + query.id(), e);
    }
  }

  /** Characters {@code [start, end)} of a headline's text. */
  record Span(int start, int end) {}
}
