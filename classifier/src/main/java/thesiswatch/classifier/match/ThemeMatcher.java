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
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.monitor.CustomQueryHandler;
import org.apache.lucene.monitor.MatcherFactory;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorConfiguration;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.MultiMatchingQueries;
import org.apache.lucene.monitor.Presearcher;
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
 * analysed twice. A headline that holds none of the terms the topic queries are indexed under
 * ({@link TopicGate}) gets no theme without a monitor call.
 *
 * <p>A theme applies when one of its topic queries matches. Its score is the number of distinct
 * terms its topic queries found; its stance is {@link StanceRule}'s decision over the stance
 * queries that matched; stance queries alone never tag a headline, so they run only for themes
 * whose topic matched. Thread-safe; close it to stop Monitor's cache-purge thread.
 */
public final class ThemeMatcher implements Closeable {

  /** Every field a headline's document may have. */
  private static final Set<String> DOCUMENT_FIELDS = Set.of(Fields.ZH, Fields.ZH_BIGRAM, Fields.EN);

  private final ThemeSet themes;
  private final Monitor monitor;
  private final Map<String, ThemeQuery> queries;
  private final Map<String, List<ThemeQuery>> queriesInRoleOrder;
  private final MatcherFactory<SpanMatch> matcherFactory;
  private final WordFieldGate wordField;
  private final TopicGate topics;
  private final Analyzer analyzer = Analyzers.perField();

  private ThemeMatcher(
      ThemeSet themes, Monitor monitor, WordFieldGate wordField, TopicGate topics) {
    this.themes = themes;
    this.monitor = monitor;
    this.wordField = wordField;
    this.topics = topics;
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
    RewriteCache rewrites = new RewriteCache();
    this.matcherFactory = searcher -> new SpanMatcher(searcher, queries, rewrites);
  }

  /** A matcher holding every query of {@code themes}. */
  public static ThemeMatcher of(ThemeSet themes) {
    return of(themes, WordFieldGate.of(queries(themes)), true);
  }

  /**
   * A matcher holding every query of {@code themes}, with SmartCN's words where {@code words} says,
   * and with the {@link TopicGate} unless {@code gateTopics} is false (every headline then goes to
   * the monitor).
   */
  static ThemeMatcher of(ThemeSet themes, WordFieldGate words, boolean gateTopics) {
    List<Query> queries = queries(themes);
    List<CustomQueryHandler> handlers = List.of(RegexpTerms.of(queries));
    Presearcher presearcher =
        new TermFilteredPresearcher(RareTermWeightor.of(queries), handlers, Set.of());
    List<Query> topicQueries =
        themes.queries().stream()
            .filter(q -> q.role() == QueryRole.TOPIC)
            .map(ThemeQuery::query)
            .toList();
    TopicGate topics =
        gateTopics
            ? TopicGate.of(topicQueries, presearcher, handlers, DOCUMENT_FIELDS)
            : TopicGate.ALWAYS_OPEN;
    try {
      Monitor monitor = new Monitor(Analyzers.perField(), presearcher, queryIndexInOneBuffer());
      List<MonitorQuery> registered = new ArrayList<>();
      for (ThemeQuery query : themes.queries()) {
        registered.add(new MonitorQuery(query.id(), query.query(), query.text(), Map.of()));
      }
      monitor.register(registered);
      return new ThemeMatcher(themes, monitor, words, topics);
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
    List<Classification> result = new ArrayList<>(headlines.size());
    for (Headline headline : headlines) {
      String text = headline.text();
      Languages.Detected detected = Languages.detect(text);
      List<String> fields = fields(detected, detected.chinese() && wordField.mayMatch(text));
      Document document = topics.document(analyzer, text, fields);
      // One headline per monitor call: the monitor indexes a batch of several documents with an
      // IndexWriter and runs nearly every query over it, which measured no faster with the
      // shipped themes and 1.8x slower with ten times as many (docs/benchmarks.md).
      Collection<SpanMatch> matches =
          document == null ? List.of() : match(new Document[] {document}).getMatches(0);
      result.add(classification(headline, detected, matches));
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
   * and keeps the offsets of the text.
   */
  private static List<String> fields(Languages.Detected detected, boolean words) {
    List<String> fields = new ArrayList<>(3);
    if (detected.chinese()) {
      if (words) {
        fields.add(Fields.ZH);
      }
      fields.add(Fields.ZH_BIGRAM);
    }
    if (detected.english() || !detected.chinese()) {
      fields.add(Fields.EN);
    }
    return fields;
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
