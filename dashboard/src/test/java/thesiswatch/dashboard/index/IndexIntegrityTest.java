package thesiswatch.dashboard.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thesiswatch.common.TaggedArticle;
import thesiswatch.testkit.TestArticles;

/**
 * Finding 8: a damaged index is never served. Flipped bytes in a postings ({@code .doc}) or
 * compound ({@code .cfs}) file, a truncated file or a missing one: the index is refused at open
 * with a message naming the directory and how to rebuild it; an intact index opens as before.
 */
class IndexIntegrityTest {

  private static final List<TaggedArticle> ARTICLES = TestArticles.tagged("tagged-small.jsonl");

  /** The dashboard's own index: one small flushed segment, in a compound file. */
  private static void writeCompound(Path dir) {
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      ARTICLES.forEach(index::upsert);
      index.commit();
    }
  }

  /** The same layout written without compound files (as large merged segments are). */
  private static void writeSeparateFiles(Path dir) throws IOException {
    try (FSDirectory directory = FSDirectory.open(dir);
        IndexWriter writer =
            new IndexWriter(
                directory,
                new IndexWriterConfig(ArticleSchema.analyzer())
                    .setIndexSort(ArticleSchema.INDEX_SORT)
                    .setUseCompoundFile(false))) {
      for (TaggedArticle article : ARTICLES) {
        writer.updateDocument(ArticleSchema.idTerm(article), ArticleSchema.document(article));
      }
      writer.setLiveCommitData(
          Map.of(ArticleSchema.LAYOUT_KEY, ArticleSchema.LAYOUT_VERSION).entrySet());
      writer.commit();
    }
  }

  private static Path only(Path dir, String extension) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> found = files.filter(f -> f.toString().endsWith("." + extension)).toList();
      assertThat(found).as("." + extension + " files in " + dir).hasSize(1);
      return found.get(0);
    }
  }

  /** Flips {@code count} bytes from the middle of {@code file}, as a bad disk block would. */
  private static void flip(Path file, int count) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      long start = Math.max(0, raf.length() / 2 - count / 2);
      for (int i = 0; i < count && start + i < raf.length(); i++) {
        raf.seek(start + i);
        int b = raf.read();
        raf.seek(start + i);
        raf.write(~b);
      }
    }
  }

  private static void assertRefused(Path dir) {
    assertThatThrownBy(() -> ArticleIndex.open(dir))
        .isInstanceOf(DamagedIndexException.class)
        .hasMessageStartingWith("the dashboard index in " + dir + " is damaged (")
        .hasMessageEndingWith(
            ") and is not served. Stop the dashboard, delete "
                + dir
                + " (or move it aside) and start it again: the index is rebuilt by replaying"
                + " articles.tagged from the start of the topic, and the alert history is read"
                + " back from the alerts topic");
  }

  @Test
  void anIntactIndexOpens(@TempDir Path dir) {
    writeCompound(dir);
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      assertThat(index.size()).isEqualTo(12);
    }
  }

  @Test
  void flippedBytesInACompoundFileAreRefused(@TempDir Path dir) throws IOException {
    writeCompound(dir);
    flip(only(dir, "cfs"), 101);
    assertRefused(dir);
  }

  @Test
  void flippedBytesInAPostingsFileAreRefused(@TempDir Path dir) throws IOException {
    writeSeparateFiles(dir);
    try (ArticleIndex intact = ArticleIndex.open(dir)) {
      assertThat(intact.size()).isEqualTo(12);
    }
    flip(only(dir, "doc"), 101);
    assertRefused(dir);
  }

  @Test
  void aTruncatedOrMissingFileIsRefused(@TempDir Path dir) throws IOException {
    Path truncated = dir.resolve("truncated");
    writeSeparateFiles(truncated);
    Path doc = only(truncated, "doc");
    try (RandomAccessFile raf = new RandomAccessFile(doc.toFile(), "rw")) {
      raf.setLength(raf.length() - 20);
    }
    assertRefused(truncated);

    Path missing = dir.resolve("missing");
    writeSeparateFiles(missing);
    Files.delete(only(missing, "tim"));
    assertRefused(missing);
  }
}
