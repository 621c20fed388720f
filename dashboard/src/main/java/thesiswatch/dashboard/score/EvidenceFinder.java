package thesiswatch.dashboard.score;

import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemeMatch;
import thesiswatch.dashboard.index.ArticleFilter;
import thesiswatch.dashboard.index.ArticleIndex;
import thesiswatch.dashboard.index.Highlights;
import thesiswatch.dashboard.index.IndexedArticle;
import thesiswatch.dashboard.index.SearchPage;
import thesiswatch.dashboard.index.SearchRequest;
import thesiswatch.dashboard.index.Segment;

/**
 * The headlines behind a verdict: the newest on each side in the evaluation window, one per story
 * (copies of a story in several feeds, and near-copies that differ in a source suffix, are merged),
 * with the terms that matched and where to find all of them.
 */
final class EvidenceFinder {

  /** Hits read per side to find enough distinct stories among copies. */
  private static final int CANDIDATES = 60;

  /** Characters of the normalised title that identify a story. */
  private static final int STORY_KEY_CHARS = 48;

  private final ArticleIndex index;
  private final int perSide;

  EvidenceFinder(ArticleIndex index, int perSide) {
    this.index = index;
    this.perSide = perSide;
  }

  /**
   * A claim's evidence: counter-evidence first.
   *
   * @param challenges headlines that challenge the claim, newest first
   * @param supports headlines that support it, newest first
   * @param search the filters that list all of either side ({@code /api/articles} parameters)
   */
  record Evidence(
      List<Headline> challenges,
      List<Headline> supports,
      Map<String, Map<String, String>> search) {}

  /**
   * One story's headline.
   *
   * @param stanceBy the stance query that fired, or {@code default} (null on older tags)
   * @param copies how many indexed articles carry this story in the window's evidence read
   */
  record Headline(
      String id,
      String title,
      List<Segment> highlight,
      String link,
      Instant time,
      String source,
      String stance,
      String stanceBy,
      List<String> matched,
      int copies) {}

  Evidence find(
      String theme, thesiswatch.common.ClaimTest.Window window, LocalDate today, ZoneId zone) {
    LocalDate last = today.isBefore(window.to()) ? today : window.to();
    Instant from = window.from().atStartOfDay(zone).toInstant();
    Instant to = last.plusDays(1).atStartOfDay(zone).toInstant();
    Map<String, Map<String, String>> search = new LinkedHashMap<>();
    List<Headline> challenges = List.of();
    List<Headline> supports = List.of();
    if (from.isBefore(to)) {
      ArticleFilter filter = ArticleFilter.ALL.withTheme(theme).between(from, to);
      challenges = side(filter.withStance(ThemeMatch.CHALLENGES), theme);
      supports = side(filter.withStance(ThemeMatch.SUPPORTS), theme);
    }
    for (String stance : List.of(ThemeMatch.CHALLENGES, ThemeMatch.SUPPORTS)) {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("theme", theme);
      params.put("stance", stance);
      params.put("from", window.from().toString());
      params.put("to", last.plusDays(1).toString());
      if (!zone.equals(ZoneOffset.UTC)) {
        params.put("tz", zone.getId());
      }
      search.put(stance, params);
    }
    return new Evidence(challenges, supports, search);
  }

  private List<Headline> side(ArticleFilter filter, String theme) {
    SearchPage page =
        index.search(new SearchRequest(null, filter, CANDIDATES, null, SearchRequest.Order.NEWEST));
    Map<String, Headline> stories = new LinkedHashMap<>();
    for (SearchPage.Hit hit : page.hits()) {
      IndexedArticle indexed = hit.article();
      TaggedArticle a = indexed.article();
      ThemeMatch match =
          a.themes().stream().filter(m -> m.id().equals(theme)).findFirst().orElse(null);
      if (match == null) {
        continue;
      }
      String key = storyKey(a.title());
      Headline seen = stories.get(key);
      if (seen != null) {
        stories.put(
            key,
            new Headline(
                seen.id(),
                seen.title(),
                seen.highlight(),
                seen.link(),
                seen.time(),
                seen.source(),
                seen.stance(),
                seen.stanceBy(),
                seen.matched(),
                seen.copies() + 1));
      } else if (stories.size() < perSide) {
        stories.put(
            key,
            new Headline(
                a.id(),
                a.title(),
                Highlights.mark(a.title(), match.matched()),
                indexed.safeLink(),
                a.effectiveTime(),
                indexed.source(),
                match.stance(),
                match.stanceBy(),
                match.matched(),
                1));
      }
    }
    return new ArrayList<>(stories.values());
  }

  /**
   * What identifies a story among near-copies: the title without a trailing source suffix ({@code "
   * - Reuters"}, {@code "｜36氪"}), width-folded, lower case, letters and digits only, its first
   * {@value #STORY_KEY_CHARS} characters.
   */
  static String storyKey(String title) {
    String text = Normalizer.normalize(title, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    text = text.replaceFirst("\\s*[-–—|｜_]\\s*[^-–—|｜_]{1,30}$", "");
    StringBuilder key = new StringBuilder();
    text.codePoints()
        .filter(Character::isLetterOrDigit)
        .limit(STORY_KEY_CHARS)
        .forEach(key::appendCodePoint);
    return key.toString();
  }
}
