package thesiswatch.dashboard.themes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemeCatalog;
import thesiswatch.common.ThemeMatch;
import thesiswatch.dashboard.Fixtures;

/** Finding 15: a theme added by the classifier's hot reload is known to the dashboard at once. */
class LiveThemesTest {

  private static final String ADDED =
      "  - id: upskilling\n"
          + "    name: {zh: 技能提升, en: Upskilling}\n"
          + "    claim: {zh: \"学新技能\", en: \"Workers retrain for AI\"}\n"
          + "    direction: rising\n";

  @TempDir Path dir;

  private static TaggedArticle tagged(String theme, String version) {
    return new TaggedArticle(
        1,
        "a1",
        null,
        "Title",
        null,
        "",
        null,
        Instant.parse("2025-02-10T00:00:00Z"),
        "en",
        "https://news.example.com/feed.xml",
        null,
        List.of(),
        List.of(new ThemeMatch(theme, 1.0, "neutral", List.of(), null)),
        version,
        null);
  }

  private static void write(Path file, String text, long modifiedSecond) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(modifiedSecond)));
  }

  private Path file;
  private String original;
  private LiveThemes themes;
  private final List<ThemeCatalog> changes = new ArrayList<>();

  @BeforeEach
  void load() throws IOException {
    file = Fixtures.themesFile(dir);
    original = Files.readString(file);
    Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(1_000)));
    themes = LiveThemes.load(file);
    themes.onChange(changes::add);
  }

  @Test
  void aThemeAddedToTheFileIsKnownWithItsFirstArticle() throws IOException {
    String version = themes.current().version();
    assertThat(themes.ids())
        .containsExactly(
            "layoffs", "compute_monopoly", "gig_work", "one_person_company", "vc_funding");

    themes.observe(tagged("layoffs", version));
    assertThat(changes).isEmpty();

    write(file, original + ADDED, 2_000);
    themes.observe(tagged("upskilling", "classifier-new"));
    assertThat(themes.ids()).endsWith("upskilling").hasSize(6);
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).version()).isNotEqualTo(version);

    // Known now: nothing is read again for it.
    themes.observe(tagged("upskilling", themes.current().version()));
    assertThat(changes).hasSize(1);
  }

  @Test
  void anUnknownThemeTheFileDoesNotHaveIsLookedForOncePerChangeOfTheFile() throws IOException {
    for (int i = 0; i < 1000; i++) {
      themes.observe(tagged("from_an_old_file", "old" + i));
    }
    assertThat(changes).isEmpty();
    assertThat(themes.ids()).doesNotContain("from_an_old_file");

    // A file that is not valid any more keeps the themes held.
    write(file, "themes: [", 3_000);
    themes.observe(tagged("upskilling", "broken"));
    assertThat(themes.ids()).hasSize(5);
    assertThat(changes).isEmpty();

    // Fixed again, with the new theme: the next unknown tag brings it in.
    write(file, original + ADDED, 4_000);
    themes.observe(tagged("upskilling", "fixed"));
    assertThat(themes.ids()).contains("upskilling");
    assertThat(changes).hasSize(1);
  }
}
