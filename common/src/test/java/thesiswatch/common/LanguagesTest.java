package thesiswatch.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguagesTest {

  @Test
  void detectsTheScriptsOfAText() {
    assertThat(Languages.detect("微软宣布新一轮裁员")).isEqualTo(new Languages.Detected("zh", true, false));
    assertThat(Languages.detect("Meta cuts 5% of staff"))
        .isEqualTo(new Languages.Detected("en", false, true));
    assertThat(Languages.detect("英伟达发布新GPU")).isEqualTo(new Languages.Detected("zh", true, true));
    assertThat(Languages.detect("Nvidia stock falls on 英伟达 export curbs news"))
        .isEqualTo(new Languages.Detected("en", true, true));
    assertThat(Languages.detect("2025 · 42%"))
        .isEqualTo(new Languages.Detected("en", false, false));
  }

  @Test
  void aDeclaredTagIsItsPrimarySubtagInLowerCase() {
    assertThat(Languages.primary("zh-CN")).isEqualTo("zh");
    assertThat(Languages.primary(" ZH_Hant_TW ")).isEqualTo("zh");
    assertThat(Languages.primary("en")).isEqualTo("en");
    assertThat(Languages.primary("yue")).isEqualTo("yue");
    assertThat(Languages.primary("chinese")).isNull();
    assertThat(Languages.primary("x-klingon")).isNull();
    assertThat(Languages.primary("")).isNull();
    assertThat(Languages.primary(null)).isNull();
    assertThat(Languages.primaryOrUndetermined("e1")).isEqualTo("und");
    assertThat(Languages.primaryOrUndetermined("EN-us")).isEqualTo("en");
  }

  @Test
  void anUndeclaredLanguageIsGuessedChineseOnlyFromHanCharacters() {
    assertThat(Languages.guess("OpenAI裁员10%")).isEqualTo("zh");
    assertThat(Languages.guess("Meta cuts jobs")).isNull();
    assertThat(Languages.guess("Сокращения в Яндексе")).isNull();
  }
}
