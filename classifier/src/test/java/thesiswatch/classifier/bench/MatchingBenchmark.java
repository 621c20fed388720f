package thesiswatch.classifier.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import thesiswatch.classifier.analysis.Analyzers;
import thesiswatch.classifier.analysis.Fields;
import thesiswatch.classifier.match.Headline;
import thesiswatch.classifier.match.ThemeMatcher;
import thesiswatch.classifier.themes.QueryRole;
import thesiswatch.classifier.themes.ThemeDefinition;
import thesiswatch.classifier.themes.ThemeQuery;
import thesiswatch.classifier.themes.ThemeSet;
import thesiswatch.common.Languages;

/**
 * Headlines per second on one thread, every benchmark over the same headlines (the dev set's 389,
 * 52% Chinese) in the same run: the shipped matcher one at a time and in batches, against (a)
 * SmartCN tokenisation alone — the ceiling — and (b) a naive matcher that builds a {@link
 * MemoryIndex} per headline and runs every query against it; and, for scale, (c) a bare monitor
 * holding five OR-queries. {@code scale} multiplies the theme set (1 = the shipped queries, 10 =
 * ten copies of every theme; (a) and (c) do not depend on it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(
    value = 1,
    jvmArgs = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 4, time = 3)
@OperationsPerInvocation(MatchingBenchmark.HEADLINES)
public class MatchingBenchmark {

  /** Headlines per invocation: the dev set's size; each benchmark goes through all of them. */
  static final int HEADLINES = 389;

  /** Batch size of the batched matcher: the service's default poll size. */
  static final int BATCH = 200;

  @Param({"1", "10"})
  public int scale;

  private List<Headline> headlines;
  private ThemeMatcher matcher;
  private List<Query> queries;
  private Analyzer perField;
  private Analyzer smartcn;
  private Monitor bareMonitor;
  private Document[] documents;

  @Setup
  public void setUp() throws IOException {
    headlines = loadHeadlines();
    ThemeSet themes = scaled(ThemeSet.load(Path.of("../seeds/themes.yml")), scale);
    matcher = ThemeMatcher.of(themes);
    queries = themes.queries().stream().map(ThemeQuery::query).toList();
    perField = Analyzers.perField();
    smartcn = new SmartChineseAnalyzer();
    bareMonitor = new Monitor(Analyzers.perField());
    // The reference monitor of docs/benchmarks.md's ceilings: five OR-queries (each theme's first
    // topic query per language).
    for (ThemeDefinition theme : ThemeSet.load(Path.of("../seeds/themes.yml")).themes()) {
      List<Query> firsts = new ArrayList<>();
      for (String language : Languages.ALL) {
        theme.queries(QueryRole.TOPIC).stream()
            .filter(q -> q.language().equals(language))
            .findFirst()
            .ifPresent(q -> firsts.add(q.query()));
      }
      BooleanQuery.Builder either = new BooleanQuery.Builder();
      firsts.forEach(q -> either.add(q, BooleanClause.Occur.SHOULD));
      bareMonitor.register(new MonitorQuery(theme.id(), either.build()));
    }
    documents = new Document[headlines.size()];
    for (int i = 0; i < documents.length; i++) {
      String text = headlines.get(i).text();
      Languages.Detected detected = Languages.detect(text);
      Document document = new Document();
      if (detected.chinese()) {
        document.add(new TextField(Fields.ZH, text, Field.Store.NO));
        document.add(new TextField(Fields.ZH_BIGRAM, text, Field.Store.NO));
      }
      if (detected.english() || !detected.chinese()) {
        document.add(new TextField(Fields.EN, text, Field.Store.NO));
      }
      documents[i] = document;
    }
  }

  @TearDown
  public void tearDown() throws IOException {
    matcher.close();
    bareMonitor.close();
  }

  /**
   * (c) For scale: a bare Lucene Monitor with five OR-queries (one per theme), one headline at a
   * time, matches only (no offsets, no stance, no snippets) — the reference of docs/benchmarks.md's
   * ceilings.
   */
  @Benchmark
  public void bareMonitorFiveQueries(Blackhole sink) throws IOException {
    for (Document document : documents) {
      sink.consume(bareMonitor.match(document, QueryMatch.SIMPLE_MATCHER));
    }
  }

  /** (a) The ceiling: SmartCN tokenisation of every headline, nothing else. */
  @Benchmark
  public void smartcnTokenisationOnly(Blackhole sink) throws IOException {
    for (Headline headline : headlines) {
      try (TokenStream stream = smartcn.tokenStream(Fields.ZH, headline.text())) {
        stream.reset();
        int tokens = 0;
        while (stream.incrementToken()) {
          tokens++;
        }
        stream.end();
        sink.consume(tokens);
      }
    }
  }

  /** The shipped matcher, one headline per monitor call (a lightly loaded service). */
  @Benchmark
  public void monitorOneAtATime(Blackhole sink) {
    for (Headline headline : headlines) {
      sink.consume(matcher.classify(headline));
    }
  }

  /** The shipped matcher in batches of {@value #BATCH}, as the service tags a poll. */
  @Benchmark
  public void monitorBatched(Blackhole sink) {
    for (int from = 0; from < headlines.size(); from += BATCH) {
      sink.consume(
          matcher.classifyAll(headlines.subList(from, Math.min(headlines.size(), from + BATCH))));
    }
  }

  /** (b) Naive: a MemoryIndex per headline with the same fields, every query run against it. */
  @Benchmark
  public void naiveMemoryIndex(Blackhole sink) {
    for (Headline headline : headlines) {
      String text = headline.text();
      Languages.Detected detected = Languages.detect(text);
      MemoryIndex index = new MemoryIndex();
      if (detected.chinese()) {
        index.addField(Fields.ZH, text, perField);
        index.addField(Fields.ZH_BIGRAM, text, perField);
      }
      if (detected.english() || !detected.chinese()) {
        index.addField(Fields.EN, text, perField);
      }
      int matches = 0;
      for (Query query : queries) {
        if (index.search(query) > 0) {
          matches++;
        }
      }
      sink.consume(matches);
    }
  }

  static List<Headline> loadHeadlines() {
    try {
      List<String> lines =
          Files.readAllLines(
              Path.of("src/test/resources/devset/headlines.tsv"), StandardCharsets.UTF_8);
      List<Headline> result = new ArrayList<>();
      // The first 389: the set the earlier figures in docs/benchmarks.md were measured on (the
      // lines added later are no-theme headlines, which would change the mix).
      for (String line : lines.subList(1, lines.size())) {
        if (!line.isBlank() && result.size() < HEADLINES) {
          // The headline is the last cell, whatever label columns come before it.
          result.add(new Headline(line.substring(line.lastIndexOf('\t') + 1), ""));
        }
      }
      if (result.size() != HEADLINES) {
        throw new IllegalStateException(
            "expected " + HEADLINES + " dev-set headlines, found " + result.size());
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code copies} copies of every theme, each with its own ids, so the monitor holds them all. */
  static ThemeSet scaled(ThemeSet themes, int copies) {
    if (copies == 1) {
      return themes;
    }
    List<ThemeDefinition> result = new ArrayList<>();
    for (int copy = 0; copy < copies; copy++) {
      for (ThemeDefinition theme : themes.themes()) {
        String id = theme.id() + "_" + copy;
        List<ThemeQuery> queries = new ArrayList<>();
        for (ThemeQuery q : theme.queries()) {
          queries.add(
              new ThemeQuery(id + "/" + q.id(), id, q.role(), q.language(), q.text(), q.query()));
        }
        result.add(
            new ThemeDefinition(
                id,
                theme.name(),
                theme.claim(),
                theme.direction(),
                theme.defaultStance(),
                queries));
      }
    }
    return new ThemeSet(themes.version() + "x" + copies, result);
  }
}
