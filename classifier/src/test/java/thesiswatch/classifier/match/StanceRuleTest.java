package thesiswatch.classifier.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;
import thesiswatch.classifier.themes.QueryRole;
import thesiswatch.classifier.themes.ThemeQuery;

/** Each branch of the stance rule, in its order. */
class StanceRuleTest {

  static final ThemeQuery TOPIC = query(QueryRole.TOPIC, "en", 0);
  static final ThemeQuery SUPPORTS = query(QueryRole.SUPPORTS, "en", 0);
  static final ThemeQuery SUPPORTS_ZH = query(QueryRole.SUPPORTS, "zh", 0);
  static final ThemeQuery CHALLENGES = query(QueryRole.CHALLENGES, "zh", 0);
  static final ThemeQuery DENIAL = query(QueryRole.DENIALS, "en", 1);
  static final ThemeQuery NEUTRAL = query(QueryRole.NEUTRAL, "zh", 0);

  private static ThemeQuery query(QueryRole role, String language, int index) {
    return new ThemeQuery(
        ThemeQuery.idOf("layoffs", role, language, index),
        "layoffs",
        role,
        language,
        "x",
        new TermQuery(new Term(language, "x")));
  }

  private static StanceRule.Decision decide(String defaultStance, ThemeQuery... matched) {
    return StanceRule.decide(defaultStance, List.of(matched));
  }

  @Test
  void aDenialChallengesWhateverElseMatched() {
    assertThat(decide("supports", TOPIC, SUPPORTS, DENIAL, NEUTRAL))
        .isEqualTo(new StanceRule.Decision("challenges", "layoffs/denials/en/1"));
    assertThat(decide("neutral", TOPIC, SUPPORTS, CHALLENGES, DENIAL))
        .isEqualTo(new StanceRule.Decision("challenges", "layoffs/denials/en/1"));
  }

  @Test
  void bothSidesMakeItNeutralNamingTheFirstQueryOfEach() {
    assertThat(decide("supports", TOPIC, SUPPORTS, SUPPORTS_ZH, CHALLENGES))
        .isEqualTo(
            new StanceRule.Decision("neutral", "layoffs/supports/en/0 + layoffs/challenges/zh/0"));
  }

  @Test
  void oneSideGivesThatSideAndOutweighsANeutralQuery() {
    assertThat(decide("neutral", TOPIC, SUPPORTS_ZH))
        .isEqualTo(new StanceRule.Decision("supports", "layoffs/supports/zh/0"));
    assertThat(decide("supports", TOPIC, CHALLENGES, NEUTRAL))
        .isEqualTo(new StanceRule.Decision("challenges", "layoffs/challenges/zh/0"));
  }

  @Test
  void aNeutralQueryAloneOverridesTheDefault() {
    assertThat(decide("supports", TOPIC, NEUTRAL))
        .isEqualTo(new StanceRule.Decision("neutral", "layoffs/neutral/zh/0"));
  }

  @Test
  void nothingMatchedGivesTheThemesDefault() {
    assertThat(decide("supports", TOPIC))
        .isEqualTo(new StanceRule.Decision("supports", StanceRule.DEFAULT));
    assertThat(decide("challenges")).isEqualTo(new StanceRule.Decision("challenges", "default"));
    assertThat(decide("neutral", TOPIC)).isEqualTo(new StanceRule.Decision("neutral", "default"));
  }

  @Test
  void aDecisionHoldsOnlyAKnownStance() {
    assertThatThrownBy(() -> new StanceRule.Decision("positive", "default"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown stance positive");
  }
}
