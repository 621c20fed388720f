package thesiswatch.classifier.themes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import thesiswatch.common.ThemeCatalog;
import thesiswatch.common.ThemesFile;

class ThemeSetTest {

  static final Path SHIPPED = Path.of("../seeds/themes.yml");

  @Test
  void theShippedFileIsValidAndAgreesWithTheDashboardsCatalogue() throws Exception {
    ThemeSet themes = ThemeSet.load(SHIPPED);
    ThemeCatalog catalog = ThemeCatalog.load(SHIPPED);
    assertThat(themes.themes())
        .extracting(ThemeDefinition::id)
        .containsExactly(
            "layoffs", "compute_monopoly", "gig_work", "one_person_company", "vc_funding");
    assertThat(catalog.themes())
        .extracting(ThemeCatalog.Theme::id)
        .containsExactlyElementsOf(themes.themes().stream().map(ThemeDefinition::id).toList());
    assertThat(themes.version())
        .isEqualTo(catalog.version())
        .isEqualTo(ThemesFile.versionOf(Files.readAllBytes(SHIPPED)));
    String essay = Files.readString(Path.of("../seeds/essay.zh.txt"));
    for (ThemeDefinition theme : themes.themes()) {
      for (String part : theme.claim().get("zh").split("……")) {
        assertThat(essay).as("claim of " + theme.id() + " quotes the essay").contains(part);
      }
      assertThat(theme.queries(QueryRole.TOPIC))
          .extracting(ThemeQuery::language)
          .contains("zh", "en");
      assertThat(theme.queries(QueryRole.SUPPORTS)).isNotEmpty();
      assertThat(theme.queries(QueryRole.CHALLENGES)).isNotEmpty();
    }
    assertThat(themes.themes())
        .extracting(ThemeDefinition::defaultStance)
        .containsExactly("supports", "neutral", "neutral", "neutral", "neutral");
    assertThat(themes.themes().get(0).queries(QueryRole.DENIALS))
        .extracting(ThemeQuery::language)
        .containsExactly("zh", "en");
  }

  @Test
  void theStanceFieldsAreReadAndTheDefaultStanceIsNeutralWhenAbsent() throws Exception {
    Path stance = Path.of(getClass().getResource("/themes/stance.yml").toURI());
    ThemeDefinition theme = ThemeSet.load(stance).themes().get(0);
    assertThat(theme.defaultStance()).isEqualTo("supports");
    assertThat(theme.queries(QueryRole.DENIALS))
        .extracting(ThemeQuery::id)
        .containsExactly("layoffs/denials/zh/0", "layoffs/denials/en/0");
    assertThat(theme.queries(QueryRole.NEUTRAL))
        .extracting(ThemeQuery::id)
        .containsExactly("layoffs/neutral/zh/0", "layoffs/neutral/en/0");
    Path plain = Path.of(getClass().getResource("/themes/two-themes.yml").toURI());
    assertThat(ThemeSet.load(plain).themes())
        .extracting(ThemeDefinition::defaultStance)
        .containsOnly("neutral");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown-field.yml | : theme 'layoffs': unknown field 'colour' (allowed: id, name, claim,"
            + " direction, default_stance, note, test, queries, supports, challenges, denials,"
            + " neutral)",
        "bad-default-stance.yml | : theme 'layoffs': default_stance must be one of supports,"
            + " challenges, neutral, not 'positive'",
        "default-stance-not-text.yml | : theme 'layoffs': default_stance must be one of supports,"
            + " challenges, neutral, not '[\"supports\"]'",
        "bad-denials.yml | : theme 'layoffs': denials.zh must be a list of query strings",
        "unparseable-query.yml | : theme 'layoffs': query '裁员 AND (' (queries.zh) does not parse:"
            + " Cannot parse '裁员 AND (': Encountered \"<EOF>\" at line 1, column 8.",
        "missing-language.yml | : theme 'layoffs': no query for language 'en' in queries",
        "purely-negative.yml | : theme 'layoffs': query '-concert -tour' (queries.en) is purely"
            + " negative: it only excludes, so it can match nothing",
        "nested-negative.yml | : theme 'layoffs': query 'AI AND (-automation)' (supports.en) is"
            + " purely negative: it only excludes, so it can match nothing",
        "duplicate-id.yml | : duplicate theme id 'layoffs'",
        "bad-direction.yml | : theme 'layoffs': direction must be rising or persisting, not"
            + " 'falling'",
        "unknown-top-level.yml | : unknown top-level field 'version' (allowed: themes)",
        "unknown-language.yml | : theme 'layoffs': unknown language 'fr' in queries (allowed: zh,"
            + " en)",
        "only-stop-words.yml | : theme 'layoffs': query 'the' (queries.en) has no searchable term",
      })
  void anInvalidFileIsRefusedWithAnExactMessage(String file, String problem) throws Exception {
    Path path = Path.of(getClass().getResource("/themes/invalid/" + file).toURI());
    assertThatThrownBy(() -> ThemeSet.load(path))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("themes file " + path + problem);
  }
}
