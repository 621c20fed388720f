package thesiswatch.backfill.archive;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.backfill.run.Outcome;
import thesiswatch.backfill.run.Plan;
import thesiswatch.backfill.run.Source;
import thesiswatch.backfill.run.Step;
import thesiswatch.backfill.run.Stopped;
import thesiswatch.common.Article;
import thesiswatch.common.BackfillOrigin;
import thesiswatch.common.BackfillState;
import thesiswatch.ingest.FeedPoller;
import thesiswatch.ingest.FeedReader;
import thesiswatch.ingest.fault.FaultKind;
import thesiswatch.ingest.fault.FeedFault;
import thesiswatch.ingest.feeds.FeedSpec;
import thesiswatch.ingest.fetch.FetchResult;
import thesiswatch.ingest.parse.FeedParser;
import thesiswatch.ingest.parse.ParsedFeed;

/**
 * The history of feeds from a web archive that speaks the CDX server API (the Wayback Machine,
 * pywb): lists each feed's captures in the window with {@code
 * {archive}/cdx/search/cdx?url=…&from=…&to=…&output=json&filter=statuscode:200&collapse=digest&fl=timestamp,original,digest}
 * (paged by the {@code resumeKey} the archive returns; pywb's per-collection {@code
 * {archive}/web/cdx} when the archive has no {@code /cdx/search/cdx}), drops captures already done
 * and those with a digest already listed (for archives that ignore {@code collapse}), and plans the
 * rest in capture-time order over all feeds. Each capture's original bytes come from {@code
 * {archive}/web/{timestamp}id_/{original}} through ingest's fetcher (its address guard, body cap
 * and deadline) and are parsed by ingest's parser against the original address.
 */
public final class ArchiveSource implements Source {

  /** The source kind, in state keys and article origins. */
  public static final String KIND = "archive";

  /** The problem kind of a listing row that names no capture. */
  static final String BAD_ROW = "cdx_bad_row";

  /** The Internet Archive's Wayback Machine. */
  public static final String WAYBACK = "https://web.archive.org";

  private static final Logger LOG = LoggerFactory.getLogger(ArchiveSource.class);

  private final String archive;
  private final List<FeedSpec> feeds;
  private final Instant from;
  private final Instant to;
  private final LocalDate fromDay;
  private final LocalDate toDay;
  private final FeedReader reader;
  private final FeedParser parser;
  private final Pacer listing;
  private final Pacer captures;
  private final Clock clock;
  private final boolean stopWhenUnreachable;
  private boolean answered;
  private String cdxPath = "/cdx/search/cdx";

  /**
   * A source over {@code feeds} in the archive at {@code archive}, captures from {@code fromDay} to
   * {@code toDay} (UTC days, both included).
   *
   * @param listing paces the CDX requests
   * @param captures paces the capture requests
   * @param stopWhenUnreachable stop at once, as {@code unreachable}, when the archive's first
   *     answer is a network failure (the demo without a network), instead of retrying
   */
  public ArchiveSource(
      String archive,
      List<FeedSpec> feeds,
      LocalDate fromDay,
      LocalDate toDay,
      FeedReader reader,
      FeedParser parser,
      Pacer listing,
      Pacer captures,
      Clock clock,
      boolean stopWhenUnreachable) {
    if (toDay.isBefore(fromDay)) {
      throw new IllegalArgumentException("--to " + toDay + " is before --from " + fromDay);
    }
    this.archive = archive.endsWith("/") ? archive.substring(0, archive.length() - 1) : archive;
    this.feeds = List.copyOf(feeds);
    this.fromDay = fromDay;
    this.toDay = toDay;
    this.from = fromDay.atStartOfDay(ZoneOffset.UTC).toInstant();
    this.to = toDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1);
    this.reader = reader;
    this.parser = parser;
    this.listing = listing;
    this.captures = captures;
    this.clock = clock;
    this.stopWhenUnreachable = stopWhenUnreachable;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public List<String> keys() {
    return feeds.stream().map(feed -> BackfillState.keyOf(KIND, archive, feed.url())).toList();
  }

  @Override
  public Plan plan(Map<String, BackfillState> states) throws Stopped, InterruptedException {
    List<BackfillState> units = new ArrayList<>();
    List<CaptureStep> steps = new ArrayList<>();
    Map<String, Long> problems = new HashMap<>();
    for (FeedSpec feed : feeds) {
      String key = BackfillState.keyOf(KIND, archive, feed.url());
      BackfillState before =
          states.getOrDefault(key, BackfillState.fresh(KIND, archive, feed.url()));
      Listed listed;
      try {
        listed = list(feed.url());
      } catch (FeedFault fault) {
        String kind = "cdx_" + fault.kind().key();
        LOG.warn("backfill: cannot list the captures of {}: {}", feed.url(), fault.getMessage());
        problems.merge(kind, 1L, Long::sum);
        units.add(counted(before, -1, 0, kind, 1));
        continue;
      }
      if (listed.badRows() > 0) {
        LOG.warn(
            "backfill: {} rows of the listing of {} name no capture", listed.badRows(), feed.url());
        problems.merge(BAD_ROW, (long) listed.badRows(), Long::sum);
      }
      int left = 0;
      for (Capture capture : listed.captures()) {
        if (!covered(before, capture.time())) {
          steps.add(new CaptureStep(feed, key, capture));
          left++;
        }
      }
      int total = listed.captures().size();
      units.add(counted(before, total, total - left, BAD_ROW, listed.badRows()));
    }
    steps.sort(Comparator.comparing((CaptureStep s) -> s.capture.time()).thenComparing(s -> s.key));
    List<String> lines = new ArrayList<>();
    for (CaptureStep step : steps) {
      lines.add(step.capture.time() + "  " + step.feed.url() + "  " + playback(step.capture));
    }
    List<Step> ordered = new ArrayList<>(steps);
    return new Plan(units, ordered.size(), ordered.iterator(), lines, problems);
  }

  /**
   * A feed's listing over all its pages.
   *
   * @param captures every capture in the window, oldest first, one per digest
   * @param badRows rows that named no capture (no or an impossible timestamp, unreadable JSON)
   */
  record Listed(List<Capture> captures, int badRows) {}

  /** Every capture of {@code feedUrl} in the window, and how many rows named none. */
  Listed list(String feedUrl) throws FeedFault, Stopped, InterruptedException {
    List<Capture> all = new ArrayList<>();
    int badRows = 0;
    Set<String> digests = new HashSet<>();
    String resumeKey = null;
    Set<String> keysSeen = new HashSet<>();
    do {
      CdxListing page = listingPage(feedUrl, resumeKey);
      badRows += page.badRows();
      for (Capture capture : page.captures()) {
        boolean inWindow = !capture.time().isBefore(from) && !capture.time().isAfter(to);
        if (inWindow && (capture.digest() == null || digests.add(capture.digest()))) {
          all.add(capture);
        }
      }
      resumeKey = page.resumeKey();
      // An archive that hands out the same key twice would page for ever.
    } while (resumeKey != null && !resumeKey.isBlank() && keysSeen.add(resumeKey));
    all.sort(Comparator.comparing(Capture::time));
    return new Listed(all, badRows);
  }

  private CdxListing listingPage(String feedUrl, String resumeKey)
      throws FeedFault, Stopped, InterruptedException {
    while (true) {
      FetchResult result;
      try {
        result = request(listing, cdxUrl(feedUrl, resumeKey));
      } catch (FeedFault fault) {
        if (fault.kind() == FaultKind.HTTP_404 && cdxPath.equals("/cdx/search/cdx")) {
          // pywb serves the CDX server API per collection; its playback collection is "web".
          cdxPath = "/web/cdx";
          continue;
        }
        throw fault;
      }
      try {
        return CdxListing.parse(new String(result.body(), StandardCharsets.UTF_8), feedUrl);
      } catch (CdxListing.InvalidListing e) {
        throw new FeedFault(FaultKind.NOT_A_FEED, e.getMessage());
      }
    }
  }

  /** The CDX request, exactly the contract's query, plus the resume key of a next page. */
  String cdxUrl(String feedUrl, String resumeKey) {
    String url =
        archive
            + cdxPath
            + "?url="
            + encode(feedUrl)
            + "&from="
            + CdxTimestamps.day(fromDay)
            + "&to="
            + CdxTimestamps.day(toDay)
            + "&output=json&filter=statuscode:200&collapse=digest&fl=timestamp,original,digest";
    return resumeKey == null ? url : url + "&resumeKey=" + encode(resumeKey);
  }

  /** Where the archive serves the capture's original bytes (the {@code id_} flag: unrewritten). */
  String playback(Capture capture) {
    return archive + "/web/" + capture.timestamp() + "id_/" + capture.original();
  }

  /**
   * One request, paced, retried while the archive's trouble is transient.
   *
   * @throws FeedFault for an answer that no retry will change (a 404, a refused address)
   */
  private FetchResult request(Pacer pacer, String url)
      throws FeedFault, Stopped, InterruptedException {
    while (true) {
      pacer.await();
      try {
        FetchResult result = reader.fetch(url);
        pacer.succeeded();
        answered = true;
        return result;
      } catch (FeedFault fault) {
        if (!Pacer.transientFault(fault)) {
          answered = true;
          throw fault;
        }
        if (stopWhenUnreachable && !answered && unreachable(fault)) {
          throw new Stopped(
              "backfill: " + archive + " cannot be reached (" + fault.getMessage() + ")", fault);
        }
        pacer.failed(fault);
        LOG.info(
            "backfill: {} from {}; waiting {} before asking again",
            fault.kind().key(),
            url,
            pacer.lastWait());
      }
    }
  }

  private static boolean unreachable(FeedFault fault) {
    return fault.kind() == FaultKind.IO_ERROR
        || fault.kind() == FaultKind.TIMEOUT
        || fault.kind() == FaultKind.TLS_ERROR;
  }

  private boolean covered(BackfillState state, Instant time) {
    return state.covered().stream().anyMatch(range -> range.contains(time));
  }

  /**
   * {@code state} planned at {@code total} steps, {@code done} of them, with {@code count} more of
   * {@code problem}.
   */
  private BackfillState counted(
      BackfillState state, long total, long done, String problem, long count) {
    Map<String, Long> problems = new TreeMap<>(state.problems());
    if (count > 0) {
      problems.merge(problem, count, Long::sum);
    }
    return state
        .accounted(
            BackfillState.RUNNING, state.articles(), problems, state.seenIds(), clock.instant())
        .planned(total, done, null, clock.instant());
  }

  /** {@code ranges} with {@code [from, to]} added, merged into sorted disjoint ranges. */
  static List<BackfillState.Range> cover(
      List<BackfillState.Range> ranges, Instant from, Instant to) {
    List<BackfillState.Range> all = new ArrayList<>(ranges);
    all.add(new BackfillState.Range(from, to));
    all.sort(Comparator.comparing(BackfillState.Range::from));
    List<BackfillState.Range> merged = new ArrayList<>();
    for (BackfillState.Range range : all) {
      BackfillState.Range last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && !range.from().isAfter(last.to().plusSeconds(1))) {
        Instant end = range.to().isAfter(last.to()) ? range.to() : last.to();
        merged.set(merged.size() - 1, new BackfillState.Range(last.from(), end));
      } else {
        merged.add(range);
      }
    }
    return merged;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** One capture of one feed. */
  private final class CaptureStep implements Step {

    private final FeedSpec feed;
    private final String key;
    private final Capture capture;

    CaptureStep(FeedSpec feed, String key, Capture capture) {
      this.feed = feed;
      this.key = key;
      this.capture = capture;
    }

    @Override
    public String key() {
      return key;
    }

    @Override
    public Instant time() {
      return capture.time();
    }

    @Override
    public Outcome run() throws Stopped, InterruptedException {
      FetchResult fetched;
      try {
        fetched = request(captures, playback(capture));
      } catch (FeedFault fault) {
        return Outcome.problem(fault.kind().key());
      }
      ParsedFeed parsed;
      try {
        // Relative links resolve against the feed's own address, not the archive's.
        parsed =
            parser.parse(
                fetched.body(),
                fetched.contentType(),
                capture.original(),
                feed.language(),
                capture.time());
      } catch (FeedFault fault) {
        return Outcome.problem(fault.kind().key());
      }
      BackfillOrigin origin = new BackfillOrigin(KIND, archive, capture.time());
      List<Article> articles = new ArrayList<>();
      for (Article article : FeedPoller.articles(feed, parsed, clock.instant())) {
        articles.add(article.backfilled(origin));
      }
      return Outcome.of(articles);
    }

    @Override
    public BackfillState done(BackfillState before, Outcome outcome) {
      Map<String, Integer> days = new LinkedHashMap<>(before.capturesByDay());
      days.merge(capture.time().atOffset(ZoneOffset.UTC).toLocalDate().toString(), 1, Integer::sum);
      return before.stepped(
          cover(before.covered(), from, capture.time()), before.position(), days, clock.instant());
    }
  }
}
