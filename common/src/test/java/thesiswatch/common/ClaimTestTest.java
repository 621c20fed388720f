package thesiswatch.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A claim's pre-registered test, as the themes file writes it. */
class ClaimTestTest {

  @TempDir Path dir;

  private ThemeCatalog catalog(String test) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("themes.yml"),
            """
            themes:
              - id: layoffs
                name: {zh: 裁员, en: Layoffs}
                claim: {zh: "想裁员的时候又怪AI", en: "AI is blamed for layoffs"}
                direction: persisting
            """
                + test);
    return ThemeCatalog.load(file);
  }

  @Test
  void theShippedThemesRegisterTheTestsTheReadmeStates() throws Exception {
    ThemeCatalog shipped = ThemeCatalog.load(Path.of("..", "seeds", "themes.yml"));
    for (ThemeCatalog.Theme theme : shipped.themes()) {
      ClaimTest test = theme.test();
      assertThat(test.window()).isEqualTo(ClaimTest.DEFAULT.window());
      assertThat(test.baseline()).isEqualTo(ClaimTest.DEFAULT.baseline());
      List<String> deciding = test.deciding().stream().map(ClaimTest.Signal::signal).toList();
      switch (theme.id()) {
        case "layoffs" -> assertThat(deciding).containsExactly("stance_balance", "attention");
        case "vc_funding" -> {
          assertThat(deciding).containsExactly("stance_balance");
          assertThat(test.signals()).hasSize(1);
        }
        default -> {
          assertThat(deciding).containsExactly("stance_balance");
          assertThat(test.signals()).extracting(ClaimTest.Signal::signal).contains("attention");
        }
      }
    }
  }

  @Test
  void aThemeWithoutATestIsHeldToTheDefault() throws Exception {
    assertThat(catalog("").themes().get(0).test()).isEqualTo(ClaimTest.DEFAULT);
    assertThat(ClaimTest.DEFAULT.window())
        .isEqualTo(new ClaimTest.Window(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)));
    assertThat(ClaimTest.DEFAULT.baseline())
        .isEqualTo(new ClaimTest.Window(LocalDate.of(2024, 7, 1), LocalDate.of(2024, 12, 31)));
    assertThat(ClaimTest.DEFAULT.deciding())
        .extracting(ClaimTest.Signal::signal)
        .containsExactly(ClaimTest.STANCE_BALANCE);
  }

  @Test
  void everyFieldOfATestIsRead() throws Exception {
    ClaimTest test =
        catalog(
                """
                    test:
                      window: {from: 2025-01-01, to: 2025-06-30}
                      rolling: 60d
                      baseline: {from: 2024-10-01, to: 2024-12-31}
                      min_evidence: 12
                      signals:
                        - {signal: stance_balance, threshold: 0.5, decides: true}
                        - {signal: attention, threshold: 0.8, decides: false}
                """)
            .themes()
            .get(0)
            .test();
    assertThat(test)
        .isEqualTo(
            new ClaimTest(
                new ClaimTest.Window(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 6, 30)),
                Duration.ofDays(60),
                new ClaimTest.Window(LocalDate.of(2024, 10, 1), LocalDate.of(2024, 12, 31)),
                12,
                List.of(
                    new ClaimTest.Signal(ClaimTest.STANCE_BALANCE, 0.5, true),
                    new ClaimTest.Signal(ClaimTest.ATTENTION, 0.8, false))));
    assertThat(test.deciding())
        .extracting(ClaimTest.Signal::signal)
        .containsExactly(ClaimTest.STANCE_BALANCE);
  }

  @Test
  void aBadTestIsRefusedNamingTheFileTheThemeAndTheProblem() throws Exception {
    Path file = dir.resolve("themes.yml");
    String prefix = "themes file " + file + ": theme 'layoffs': ";
    assertThatThrownBy(
            () -> catalog("    test: {signals: [{signal: volume, threshold: 1, decides: true}]}\n"))
        .hasMessage(prefix + "test: signal must be stance_balance or attention, not 'volume'");
    assertThatThrownBy(() -> catalog("    test: {baseline: {from: 2025-01-01, to: 2025-03-01}}\n"))
        .hasMessage(
            prefix
                + "test: the baseline must end before the window starts (2025-01-01..2025-03-01,"
                + " 2025-01-01..2025-12-31)");
    assertThatThrownBy(
            () ->
                catalog(
                    "    test: {signals: [{signal: stance_balance, threshold: 1.5, decides:"
                        + " true}]}\n"))
        .hasMessage(
            prefix
                + "test: the threshold of stance_balance must be above 0 and below 1.0, not 1.5");
    assertThatThrownBy(() -> catalog("    test: {rolling: soon}\n"))
        .hasMessage(prefix + "test: rolling must be a duration such as 90d, not 'soon'");
    assertThatThrownBy(() -> catalog("    test: {min_evidence: 0}\n"))
        .hasMessage(prefix + "test: min_evidence must be from 1 to 100000, not 0");
  }
}
