package thesiswatch.ingest.bench;

import com.rometools.rome.io.SyndFeedInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.xml.sax.InputSource;
import thesiswatch.ingest.fault.FeedFault;
import thesiswatch.ingest.parse.FeedParser;

/**
 * A main-method benchmark (not a test): {@link FeedParser} against a plain ROME {@link
 * SyndFeedInput} parse of the same bytes, in turns inside one JVM, each turn timed by the thread's
 * CPU time (so other processes on a shared machine slow both sides alike).
 *
 * <p>Two workloads: a generated RSS 2.0 feed of 5,000 items ({@link IngestBenchmark#largeFeed}),
 * and the corpus documents (feeds2 and feedparser's) that plain ROME parses without an exception,
 * all of them per turn. Prints the median of the measured turns, and the load average.
 *
 * <p>Run: see {@code docs/benchmarks.md (Ingest)}. Arguments: warm-up turns, measured turns.
 */
public final class ParseBenchmark {

  private static final Path CORPORA = Path.of("ingest/src/test/resources/corpus");
  private static final String BASE = "https://bench.example.com/feed";

  private ParseBenchmark() {}

  /** One side of the comparison: parses a document and says how many entries it read. */
  private interface Parser {
    int parse(byte[] document) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int warmUp = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int turns = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    FeedParser ours = new FeedParser(Integer.MAX_VALUE);
    Parser feedParser =
        document -> ours.parse(document, null, BASE, null, Instant.now()).entries().size();
    Parser rome =
        document ->
            new SyndFeedInput()
                .build(new InputSource(new ByteArrayInputStream(document)))
                .getEntries()
                .size();

    byte[] large = IngestBenchmark.largeFeed(5_000);
    List<byte[]> corpus = romeReadable(rome);
    System.out.printf(
        "load average at start: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
    System.out.printf(
        "workloads: generated feed of 5,000 items (%.1f MiB); %d corpus documents ROME reads"
            + " (%.1f MiB)%n",
        large.length / 1048576.0,
        corpus.size(),
        corpus.stream().mapToInt(d -> d.length).sum() / 1048576.0);
    compare("generated 5,000 items", List.of(large), feedParser, rome, warmUp, turns);
    compare("corpus documents", corpus, feedParser, rome, warmUp, turns);
    System.out.printf(
        "load average at end: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
  }

  private static void compare(
      String name, List<byte[]> documents, Parser ours, Parser rome, int warmUp, int turns)
      throws Exception {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long[] oursNanos = new long[turns];
    long[] romeNanos = new long[turns];
    int oursEntries = 0;
    int romeEntries = 0;
    for (int turn = -warmUp; turn < turns; turn++) {
      long start = cpu.getCurrentThreadCpuTime();
      oursEntries = parseAll(ours, documents);
      long middle = cpu.getCurrentThreadCpuTime();
      romeEntries = parseAll(rome, documents);
      long end = cpu.getCurrentThreadCpuTime();
      if (turn >= 0) {
        oursNanos[turn] = middle - start;
        romeNanos[turn] = end - middle;
      }
    }
    double oursMs = median(oursNanos) / 1e6;
    double romeMs = median(romeNanos) / 1e6;
    System.out.printf(
        "%-22s FeedParser %8.1f ms CPU per turn (%,.0f entries/CPU-s) | plain ROME %8.1f ms"
            + " (%,.0f entries/CPU-s) | FeedParser takes %.2f× ROME's time%n",
        name,
        oursMs,
        oursEntries / (oursMs / 1000),
        romeMs,
        romeEntries / (romeMs / 1000),
        oursMs / romeMs);
  }

  private static int parseAll(Parser parser, List<byte[]> documents) throws Exception {
    int entries = 0;
    for (byte[] document : documents) {
      try {
        entries += parser.parse(document);
      } catch (FeedFault e) {
        // A document ROME reads but ingest classifies (a DOCTYPE ROME refuses too, say): counted
        // as the time it took.
      }
    }
    return entries;
  }

  /** The corpus documents plain ROME parses without an exception: both sides get the same. */
  private static List<byte[]> romeReadable(Parser rome) throws IOException {
    List<byte[]> documents = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(CORPORA)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.startsWith("LICENSE") || name.startsWith("README") || name.equals("NOTICE")) {
          continue;
        }
        byte[] document = Files.readAllBytes(file);
        try {
          rome.parse(document);
          documents.add(document);
        } catch (Exception e) {
          // Not the same work for both sides: left out.
        }
      }
    }
    return documents;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
