package thesiswatch.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HashesTest {

  @Test
  void sha256IsLowerCaseHexOfTheUtf8Bytes() {
    assertThat(Hashes.sha256Hex("abc".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Hashes.sha256Hex("abc", 12)).isEqualTo("ba7816bf8f01");
    assertThat(ThemesFile.versionOf("abc".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("ba7816bf8f01");
  }
}
