package thesiswatch.common.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import thesiswatch.common.Article;
import thesiswatch.common.Json;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemeMatch;

/**
 * Reading one tagged article's JSON, as the dashboard does for every record of {@code
 * articles.tagged}, and writing it, as the classifier does: the shared mapper ({@link Json#MAPPER})
 * against the same mapping with Jackson's own instant parsing and printing only.
 *
 * <pre>
 * ./mvnw -B -q -pl common -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * cd common && java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     org.openjdk.jmh.Main TaggedJsonBenchmark -wi 5 -w 2 -i 8 -r 2 -f 2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TaggedJsonBenchmark {

  private static final ObjectMapper JACKSON_INSTANTS =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private final TaggedArticle article =
      TaggedArticle.of(
          new Article(
              1,
              "3f2a9c0d1e4b5a6f",
              "7c1d2e3f4a5b6c7d",
              "科技巨头宣布裁员一万人，称人工智能将接手部分岗位",
              "https://news.example.com/2025/02/10/layoffs-ai.html",
              "公司在声明中表示，裁员主要涉及客服与内容审核部门，相关工作将由人工智能系统完成。",
              Instant.parse("2025-02-10T08:00:00Z"),
              Instant.parse("2025-02-10T09:12:31.418Z"),
              "zh",
              "https://news.example.com/feed.xml",
              "Example News",
              null),
          List.of(
              new ThemeMatch("layoffs", 2.5, "supports", List.of("裁员", "人工智能"), null),
              new ThemeMatch("compute_monopoly", 1.2, null, List.of("科技巨头"), null)),
          "v1",
          Instant.parse("2025-02-10T09:12:31.904512Z"));

  private final byte[] tagged = Json.bytes(article);

  @Benchmark
  public TaggedArticle readSharedMapper() throws IOException {
    return Json.MAPPER.readValue(tagged, TaggedArticle.class);
  }

  @Benchmark
  public TaggedArticle readJacksonInstantsOnly() throws IOException {
    return JACKSON_INSTANTS.readValue(tagged, TaggedArticle.class);
  }

  @Benchmark
  public byte[] writeSharedMapper() throws IOException {
    return Json.MAPPER.writeValueAsBytes(article);
  }

  @Benchmark
  public byte[] writeJacksonInstantsOnly() throws IOException {
    return JACKSON_INSTANTS.writeValueAsBytes(article);
  }
}
