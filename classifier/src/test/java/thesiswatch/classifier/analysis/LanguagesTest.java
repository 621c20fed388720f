package thesiswatch.classifier.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguagesTest {

  @Test
  void detectsTheScriptsOfAText() {
    assertThat(Languages.detect("微软宣布新一轮裁员")).isEqualTo(new Languages.Detected("zh", true, false));
    assertThat(Languages.detect("Meta cuts 5% of staff")).isEqualTo(new Languages.Detected("en", false, true));
    assertThat(Languages.detect("英伟达发布新GPU")).isEqualTo(new Languages.Detected("zh", true, true));
    assertThat(Languages.detect("Nvidia stock falls on 英伟达 export curbs news"))
        .isEqualTo(new Languages.Detected("en", true, true));
    assertThat(Languages.detect("2025 · 42%")).isEqualTo(new Languages.Detected("en", false, false));
  }
}
