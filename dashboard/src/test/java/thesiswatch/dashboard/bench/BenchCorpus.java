package thesiswatch.dashboard.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemeMatch;

/**
 * Deterministic synthetic tagged articles for the benchmark: half English, half Chinese,
 * headline-length titles built from theme and filler words, about a third tagged with a theme,
 * spread over one year from 2025-01-01.
 */
final class BenchCorpus {

  static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
  static final Duration SPAN = Duration.ofDays(365);

  private static final String[] THEMES = {
    "layoffs", "compute_monopoly", "gig_work", "one_person_company", "vc_funding"
  };
  private static final String[][] EN_TERMS = {
    {"layoffs", "job cuts", "hiring freeze"},
    {"GPU", "chips", "data center"},
    {"couriers", "gig workers", "creators"},
    {"solo founder", "indie hacker", "side hustle"},
    {"funding round", "venture capital", "valuation"}
  };
  private static final String[][] ZH_TERMS = {
    {"裁员", "优化", "降本增效"},
    {"算力", "芯片", "智算中心"},
    {"外卖骑手", "快递员", "主播"},
    {"一人公司", "超级个体", "副业"},
    {"融资", "风投", "估值"}
  };
  private static final String[] EN_FILLER = {
    "company",
    "market",
    "report",
    "quarter",
    "says",
    "new",
    "plan",
    "city",
    "government",
    "analysts",
    "growth",
    "policy",
    "users",
    "platform",
    "week",
    "record",
    "cloud",
    "mobile"
  };
  private static final String[] ZH_FILLER = {
    "公司", "市场", "报告", "季度", "表示", "新", "计划", "城市", "政府", "分析师", "增长", "政策", "用户", "平台", "本周", "纪录",
    "云", "手机"
  };
  private static final String[] STANCES = {
    ThemeMatch.SUPPORTS, ThemeMatch.CHALLENGES, ThemeMatch.NEUTRAL
  };

  private BenchCorpus() {}

  /** Article number {@code i} (the same for the same {@code i}, always). */
  static TaggedArticle article(long i) {
    SplittableRandom random = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
    boolean chinese = (i & 1) == 1;
    int theme = random.nextInt(15); // 5 of 15: a third of the articles carry a theme
    StringBuilder title = new StringBuilder();
    String[] filler = chinese ? ZH_FILLER : EN_FILLER;
    String separator = chinese ? "" : " ";
    for (int w = 0; w < 6; w++) {
      title.append(filler[random.nextInt(filler.length)]).append(separator);
    }
    List<ThemeMatch> themes = List.of();
    if (theme < THEMES.length) {
      String term = (chinese ? ZH_TERMS : EN_TERMS)[theme][random.nextInt(3)];
      title.append(term);
      themes =
          List.of(
              new ThemeMatch(
                  THEMES[theme],
                  1.0 + random.nextDouble(),
                  STANCES[random.nextInt(3)],
                  List.of(term),
                  null));
    }
    title.append(separator).append("#").append(i);
    Instant published = START.plusSeconds(random.nextLong(SPAN.getSeconds()));
    String feed = "https://feed" + random.nextInt(40) + ".example.com/rss";
    return new TaggedArticle(
        1,
        "bench-" + i,
        null,
        title.toString(),
        "https://news.example.com/" + i,
        "",
        published,
        published.plusSeconds(600),
        chinese ? "zh" : "en",
        feed,
        null,
        List.of(feed),
        themes,
        "bench",
        published.plusSeconds(601));
  }
}
