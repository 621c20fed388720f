package thesiswatch.ingest.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import thesiswatch.common.Article;
import thesiswatch.common.ArticleIds;

class StoryWindowTest {

  static final Instant NOW = Instant.parse("2025-03-03T12:00:00Z");
  static final String A = "https://a.example/feed";
  static final String B = "https://b.example/feed";

  static Article article(String feed, String link, String title, String summary) {
    return new Article(
        Article.SCHEMA_VERSION,
        ArticleIds.idFor(link, null, title, ""),
        null,
        title,
        link,
        summary,
        null,
        NOW,
        "en",
        feed,
        null,
        List.of());
  }

  final StoryWindow window = new StoryWindow(Duration.ofHours(48), 1_000);

  @Test
  void aNewStoryIsPublishedOnceAndARepeatNotAtAll() {
    Article story = article(A, "https://news.example/1", "BigCo cuts 1,200 jobs", "");
    assertThat(window.admit(List.of(story), Set.of(), NOW).toPublish()).containsExactly(story);
    StoryWindow.Admission again = window.admit(List.of(story), Set.of(story.id()), NOW);
    assertThat(again.toPublish()).isEmpty();
    assertThat(again.repeated()).isEqualTo(1);
  }

  @Test
  void theSameLinkInAnotherFeedAddsASourceToTheFirstStory() {
    Article first = article(A, "https://news.example/1", "BigCo cuts 1,200 jobs", "");
    Article copy = article(B, "https://news.example/1", "BigCo cuts jobs (wire copy)", "");
    window.admit(List.of(first), Set.of(), NOW);
    StoryWindow.Admission admission = window.admit(List.of(copy), Set.of(), NOW);
    assertThat(admission.crossFeed()).isEqualTo(1);
    assertThat(admission.toPublish())
        .singleElement()
        .satisfies(
            merged -> {
              assertThat(merged.id()).isEqualTo(first.id());
              assertThat(merged.title()).isEqualTo("BigCo cuts 1,200 jobs");
              assertThat(merged.feedUrl()).isEqualTo(A);
              assertThat(merged.sources()).containsExactly(B);
            });
    // Seen again from B: nothing more to say.
    assertThat(window.admit(List.of(copy), Set.of(), NOW).toPublish()).isEmpty();
  }

  @Test
  void aNearIdenticalTitleWithANewUrlIsTheSameStory() {
    Article first =
        article(
            A, "https://news.example/1", "Delivery riders protest new algorithmic pay rules", "");
    Article repost =
        article(
            B,
            "https://wire.example/77",
            "Delivery Riders Protest New Algorithmic Pay Rules! - Wire",
            "");
    window.admit(List.of(first), Set.of(), NOW);
    assertThat(window.admit(List.of(repost), Set.of(), NOW).toPublish())
        .singleElement()
        .satisfies(
            merged -> {
              assertThat(merged.id()).isEqualTo(first.id());
              assertThat(merged.sources()).containsExactly(B);
            });
  }

  @Test
  void shortTitlesAreTooGenericToMerge() {
    window.admit(List.of(article(A, "https://news.example/1", "Update", "")), Set.of(), NOW);
    assertThat(
            window
                .admit(List.of(article(B, "https://other.example/2", "Update", "")), Set.of(), NOW)
                .toPublish())
        .hasSize(1)
        .allSatisfy(a -> assertThat(a.sources()).isEmpty());
  }

  @Test
  void aChangedTitleOrSummaryIsAnUpdateOfTheSameId() {
    Article first = article(A, "https://news.example/1", "BigCo to cut jobs", "Reports say");
    Article changed = article(A, "https://news.example/1", "BigCo cuts 1,200 jobs", "Confirmed");
    window.admit(List.of(first), Set.of(), NOW);
    StoryWindow.Admission admission = window.admit(List.of(changed), Set.of(first.id()), NOW);
    assertThat(admission.updated()).isEqualTo(1);
    assertThat(admission.toPublish())
        .singleElement()
        .satisfies(
            update -> {
              assertThat(update.id()).isEqualTo(first.id());
              assertThat(update.title()).isEqualTo("BigCo cuts 1,200 jobs");
              assertThat(update.summary()).isEqualTo("Confirmed");
            });
  }

  @Test
  void storiesLeaveTheWindowAfterItsDuration() {
    Article first =
        article(
            A, "https://news.example/1", "Delivery riders protest new algorithmic pay rules", "");
    window.admit(List.of(first), Set.of(), NOW);
    Article later =
        article(
            B, "https://wire.example/77", "Delivery riders protest new algorithmic pay rules", "");
    assertThat(window.admit(List.of(later), Set.of(), NOW.plus(Duration.ofHours(49))).toPublish())
        .containsExactly(later);
    assertThat(window.size()).isEqualTo(1);
  }

  @Test
  void titleKeysIgnoreCaseWidthPunctuationAndAnOutletSuffix() {
    assertThat(StoryWindow.titleKey("ＢｉｇＣｏ cuts 1,200 jobs — Reuters"))
        .isEqualTo("bigcocuts1200jobs");
    assertThat(StoryWindow.titleKey("多家互联网大厂启动新一轮裁员，降本增效持续")).isEqualTo("多家互联网大厂启动新一轮裁员降本增效持续");
    assertThat(StoryWindow.titleKey("Short")).isNull();
  }

  @Test
  void theNumberedPartsOfASeriesAreStoriesOfTheirOwn() {
    // " - Part 2" looks like an outlet suffix; dropping it made part 2 a repeat of part 1, never
    // published.
    Article part1 =
        article(A, "https://news.example/s1", "How AI is reshaping the gig economy - Part 1", "");
    Article part2 =
        article(A, "https://news.example/s2", "How AI is reshaping the gig economy - Part 2", "");
    Article day3 = article(A, "https://news.example/s3", "Layoffs tracker, live updates | 3", "");
    Article day4 = article(A, "https://news.example/s4", "Layoffs tracker, live updates | 4", "");
    StoryWindow.Admission admission =
        window.admit(List.of(part1, part2, day3, day4), Set.of(), NOW);
    assertThat(admission.toPublish()).containsExactly(part1, part2, day3, day4);
    assertThat(admission.repeated()).isZero();
    assertThat(StoryWindow.titleKey("How AI is reshaping the gig economy - Part 2"))
        .isEqualTo("howaiisreshapingthegigeconomypart2");
    // An outlet's name is still dropped, digits inside it or not.
    assertThat(StoryWindow.titleKey("BigCo cuts 1,200 jobs - 36Kr"))
        .isEqualTo(StoryWindow.titleKey("BigCo cuts 1,200 jobs"));
  }

  @Test
  void aForgottenStoryIsOfferedAgain() {
    Article story = article(A, "https://news.example/9", "A headline long enough to be a key", "");
    assertThat(window.admit(List.of(story), Set.of(), NOW).toPublish()).containsExactly(story);
    window.forget(List.of(story));
    assertThat(window.size()).isZero();
    assertThat(window.admit(List.of(story), Set.of(), NOW).toPublish()).containsExactly(story);
  }
}
