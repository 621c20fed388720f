package thesiswatch.classifier.match;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.monitor.MatcherFactory;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorConfiguration;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.MultiMatchingQueries;
import org.apache.lucene.monitor.TermFilteredPresearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.SingleInstanceLockFactory;
import thesiswatch.classifier.analysis.Analyzers;
import thesiswatch.classifier.analysis.Fields;
import thesiswatch.classifier.themes.QueryRole;
import thesiswatch.classifier.themes.ThemeDefinition;
import thesiswatch.classifier.themes.ThemeQuery;
import thesiswatch.classifier.themes.ThemeSet;
import thesiswatch.common.Languages;
import thesiswatch.common.ThemeMatch;

/**
 * Tags headlines with the themes of one {@link ThemeSet}: a Lucene {@link Monitor} holds every
 * query of the set, topic and stance alike, and each headline is matched against all of them in one
 * pass (its presearcher picks the candidate queries from the headline's terms).
 *
 * <p>The monitor's candidate matcher ({@link SpanMatcher}) runs each candidate query and, when it
 * matches, reads the matched terms' offsets through Lucene's Matches API, so no headline is
 * analysed twice.
 *
 * <p>A theme applies when one of its topic queries matches. Its score is the number of distinct
 * terms its topic queries found; its stance is {@link StanceRule}'s decision over the stance
 * queries that matched; stance queries alone never tag a headline. Thread-safe; close it to stop
 * Monitor's cache-purge thread.
 */
public final class ThemeMatcher implements Closeable {

  private final ThemeSet themes;
  private final Monitor monitor;
  private final Map<String, ThemeQuery> queries;
  private final Map<String, List<ThemeQuery>> queriesInRoleOrder;
  private final MatcherFactory<SpanMatch> matcherFactory;
  private final WordFieldGate wordField;

  private ThemeMatcher(ThemeSet themes, Monitor monitor, WordFieldGate wordField) {
    this.themes = themes;
    this.monitor = monitor;
    this.wordField = wordField;
    this.queries =
        themes.queries().stream().collect(Collectors.toMap(ThemeQuery::id, Function.identity()));
    // Sorted once: a hit lists its matched queries topic first, then by role, each in file order.
    this.queriesInRoleOrder =
        themes.themes().stream()
            .collect(
                Collectors.toMap(
                    ThemeDefinition::id,
                    theme ->
                        theme.queries().stream()
                            .sorted(Comparator.comparing(ThemeQuery::role))
                            .toList()));
    Set<String> topicQueries =
        themes.queries().stream()
            .filter(q -> q.role() == QueryRole.TOPIC)
            .map(ThemeQuery::id)
            .collect(Collectors.toSet());
    RewriteCache rewrites = new RewriteCache();
    this.matcherFactory = searcher -> new SpanMatcher(searcher, topicQueries, rewrites);
  }

  /** A matcher holding every query of {@code themes}. */
  public static ThemeMatcher of(ThemeSet themes) {
    return of(themes, WordFieldGate.of(queries(themes)));
  }

  /**
   * A matcher holding every query of {@code themes}, with SmartCN's words where {@code gate} says.
   */
  static ThemeMatcher of(ThemeSet themes, WordFieldGate gate) {
    List<Query> queries = queries(themes);
    try {
      Monitor monitor =
          new Monitor(
              Analyzers.perField(),
              new TermFilteredPresearcher(
                  RareTermWeightor.of(queries), List.of(RegexpTerms.of(queries)), Set.of()),
              queryIndexInOneBuffer());
      List<MonitorQuery> registered = new ArrayList<>();
      for (ThemeQuery query : themes.queries()) {
        registered.add(new MonitorQuery(query.id(), query.query(), query.text(), Map.of()));
      }
      monitor.register(registered);
      return new ThemeMatcher(themes, monitor, gate);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the theme monitor", e);
    }
  }

  /**
   * The monitor's own index of its queries, in memory as one buffer per file: with the default of
   * many buffers per file, every term and doc-values lookup of the query-index search slices lists
   * of buffers, which measured 6% slower per headline (docs/benchmarks.md). No query serializer:
   * the index lives and dies with the matcher, as the default one does.
   */
  private static MonitorConfiguration queryIndexInOneBuffer() {
    return new MonitorConfiguration()
        .setDirectoryProvider(
            () ->
                new ByteBuffersDirectory(
                    new SingleInstanceLockFactory(),
                    ByteBuffersDataOutput::new,
                    ByteBuffersDirectory.OUTPUT_AS_ONE_BUFFER),
            null);
  }

  private static List<Query> queries(ThemeSet themes) {
    return themes.queries().stream().map(ThemeQuery::query).toList();
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
    Document[] documents = new Document[headlines.size()];
    Languages.Detected[] detected = new Languages.Detected[headlines.size()];
    for (int i = 0; i < documents.length; i++) {
      String text = headlines.get(i).text();
      detected[i] = Languages.detect(text);
      documents[i] = document(text, detected[i], detected[i].chinese() && wordField.mayMatch(text));
    }
    List<Classification> result = new ArrayList<>(documents.length);
    for (int i = 0; i < documents.length; i++) {
      // One headline per monitor call: the monitor indexes a batch of several documents with an
      // IndexWriter and runs nearly every query over it, which measured no faster with the
      // shipped themes and 1.8x slower with ten times as many (docs/benchmarks.md).
      Collection<SpanMatch> matches = match(new Document[] {documents[i]}).getMatches(0);
      result.add(classification(headlines.get(i), detected[i], matches));
    }
    return result;
  }

  private MultiMatchingQueries<SpanMatch> match(Document[] documents) {
    MultiMatchingQueries<SpanMatch> matches;
    try {
      matches = monitor.match(documents, matcherFactory);
    } catch (IOException e) {
      throw new UncheckedIOException("theme matching failed", e);
    }
    if (!matches.getErrors().isEmpty()) {
      // Queries were parsed and checked on load; an error here is a bug, not bad input.
      throw new IllegalStateException("theme queries failed: " + matches.getErrors());
    }
    return matches;
  }

  @Override
  public void close() {
    try {
      monitor.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the theme monitor", e);
    }
  }

  /**
   * Chinese text goes into the bigram field, and into SmartCN's words when {@code words} (a query
   * on that field could match: {@link WordFieldGate}); Latin text into the English one; mixed text
   * into both languages' fields. The Chinese fields' analysis converts Traditional to Simplified
   * and keeps the offsets of {@code text}.
   */
  private static Document document(String text, Languages.Detected detected, boolean words) {
    Document document = new Document();
    if (detected.chinese()) {
      if (words) {
        document.add(new TextField(Fields.ZH, text, Field.Store.NO));
      }
      document.add(new TextField(Fields.ZH_BIGRAM, text, Field.Store.NO));
    }
    if (detected.english() || !detected.chinese()) {
      document.add(new TextField(Fields.EN, text, Field.Store.NO));
    }
    return document;
  }

  private Classification classification(
      Headline headline, Languages.Detected detected, Collection<SpanMatch> found) {
    Map<String, Map<String, SpanMatch>> byTheme = new HashMap<>();
    Set<String> topicMatched = new HashSet<>();
    for (SpanMatch match : found) {
      ThemeQuery query = queries.get(match.getQueryId());
      byTheme.computeIfAbsent(query.themeId(), id -> new HashMap<>()).put(query.id(), match);
      if (query.role() == QueryRole.TOPIC) {
        topicMatched.add(query.themeId());
      }
    }
    List<ThemeHit> hits = new ArrayList<>();
    for (ThemeDefinition theme : themes.themes()) {
      if (topicMatched.contains(theme.id())) {
        hits.add(hit(theme, headline, byTheme.get(theme.id())));
      }
    }
    // Strongest first; equal scores keep the file's order (the sort is stable).
    hits.sort(Comparator.comparingDouble((ThemeHit h) -> h.match().score()).reversed());
    return new Classification(detected.primary(), detected.mixed(), hits);
  }

  private ThemeHit hit(ThemeDefinition theme, Headline headline, Map<String, SpanMatch> matched) {
    String text = headline.text();
    List<Span> topicSpans = new ArrayList<>();
    List<ThemeHit.MatchedQuery> matchedQueries = new ArrayList<>();
    List<ThemeQuery> stanceQueries = new ArrayList<>();
    int topicQueries = 0;
    for (ThemeQuery query : queriesInRoleOrder.get(theme.id())) {
      SpanMatch match = matched.get(query.id());
      if (match == null) {
        continue;
      }
      QueryRole role = query.role();
      matchedQueries.add(new ThemeHit.MatchedQuery(role.field(), query.language(), query.text()));
      if (role != QueryRole.TOPIC) {
        stanceQueries.add(query);
        continue;
      }
      topicQueries++;
      for (Span span : match.spans()) {
        if (span.end() <= text.length()) {
          topicSpans.add(span);
        }
      }
    }
    topicSpans.sort(Comparator.comparingInt(Span::start).thenComparingInt(Span::end));
    Set<String> terms = new LinkedHashSet<>();
    for (Span span : topicSpans) {
      terms.add(text.substring(span.start(), span.end()));
    }
    StanceRule.Decision stance = StanceRule.decide(theme.defaultStance(), stanceQueries);
    double score = terms.isEmpty() ? topicQueries : terms.size();
    ThemeMatch match =
        new ThemeMatch(
            theme.id(),
            score,
            stance.stance(),
            List.copyOf(terms),
            Snippets.highlight(headline, topicSpans),
            stance.by());
    return new ThemeHit(match, stance.by(), matchedQueries);
  }

  /** Characters {@code [start, end)} of a headline's text. */
  record Span(int start, int end) {}
}
