package thesiswatch.ingest.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RelocationsTest {

  static final String FEED = "https://old.example.com/feed";
  static final String NEW = "https://new.example.com/feed";

  @Test
  void aFeedMovesOnlyAfterThreePermanentRedirectsInARow() {
    Relocations relocations = new Relocations();
    relocations.observe(FEED, NEW, true);
    relocations.observe(FEED, NEW, true);
    assertThat(relocations.fetchUrl(FEED)).isEqualTo(FEED);
    relocations.observe(FEED, NEW, true);
    assertThat(relocations.fetchUrl(FEED)).isEqualTo(NEW);
  }

  @Test
  void aTemporaryRedirectOrADirectAnswerResetsTheCount() {
    Relocations relocations = new Relocations();
    relocations.observe(FEED, NEW, true);
    relocations.observe(FEED, NEW, true);
    relocations.observe(FEED, NEW, false); // a 302 on the way
    relocations.observe(FEED, NEW, true);
    relocations.observe(FEED, NEW, true);
    assertThat(relocations.fetchUrl(FEED)).isEqualTo(FEED);
    relocations.observe(FEED, FEED, false);
    relocations.observe(FEED, NEW, true);
    assertThat(relocations.fetchUrl(FEED)).isEqualTo(FEED);
  }
}
