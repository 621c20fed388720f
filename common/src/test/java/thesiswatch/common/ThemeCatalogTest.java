package thesiswatch.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThemeCatalogTest {

  @TempDir Path dir;

  @Test
  void readsNamesClaimsAndDirectionsAndIgnoresQueryAndStanceFields() throws Exception {
    Path file = Path.of(getClass().getResource("/themes-two.yml").toURI());
    ThemeCatalog catalog = ThemeCatalog.load(file);
    assertThat(catalog.themes())
        .extracting(ThemeCatalog.Theme::id)
        .containsExactly("layoffs", "vc_funding");
    assertThat(catalog.themes().get(0).name())
        .containsEntry("zh", "裁员")
        .containsEntry("en", "Layoffs");
    assertThat(catalog.themes().get(1).direction()).isEqualTo("persisting");
    assertThat(catalog.version())
        .isEqualTo(ThemesFile.versionOf(Files.readAllBytes(file)))
        .hasSize(12);
  }

  @Test
  void aFileWithoutThemesIsRefusedWithItsName() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.yml"), "themes: []\n");
    assertThatThrownBy(() -> ThemeCatalog.load(empty))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("themes file " + empty + " defines no themes");
    Path broken = Files.writeString(dir.resolve("broken.yml"), "themes: [ {id: \n");
    assertThatThrownBy(() -> ThemeCatalog.load(broken))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("themes file " + broken + " is not valid YAML: ");
  }
}
