package thesiswatch.dashboard.index.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/**
 * Values kept per segment: computed once while kept, computed again after the bound is reached, and
 * (per reader) again after a deletion in the segment; per core they survive the deletion.
 */
class ReaderCacheTest {

  @Test
  void valuesAreKeptPerSegmentUpToTheBoundAndPerReaderUntilADeletion() throws IOException {
    try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
        // No merges: the deletion below must leave the same segment (core) with new deletions.
        IndexWriter writer =
            new IndexWriter(
                directory,
                new IndexWriterConfig(new StandardAnalyzer())
                    .setMergePolicy(NoMergePolicy.INSTANCE))) {
      for (String id : List.of("a", "b", "c")) {
        Document doc = new Document();
        doc.add(new StringField("id", id, Field.Store.NO));
        writer.addDocument(doc);
      }
      writer.commit();
      List<String> loads = new ArrayList<>();
      ReaderCache<String, String> perCore = ReaderCache.perCore(2);
      ReaderCache<String, String> perReader = ReaderCache.perReader(2);
      try (DirectoryReader reader = DirectoryReader.open(writer)) {
        LeafReader segment = reader.leaves().get(0).reader();
        for (String key : List.of("x", "x", "y", "x")) {
          perCore.get(segment, key, k -> load(loads, "core " + k));
        }
        assertThat(loads).containsExactly("core x", "core y");
        // At the bound the segment starts afresh: a third key drops the first two.
        perCore.get(segment, "z", k -> load(loads, "core " + k));
        perCore.get(segment, "x", k -> load(loads, "core " + k));
        assertThat(loads).containsExactly("core x", "core y", "core z", "core x");

        loads.clear();
        perReader.get(segment, "x", k -> load(loads, "reader " + k));
        writer.deleteDocuments(new Term("id", "b"));
        try (DirectoryReader afterDeletion = DirectoryReader.openIfChanged(reader, writer)) {
          LeafReader same = afterDeletion.leaves().get(0).reader();
          perReader.get(same, "x", k -> load(loads, "reader " + k));
          perCore.get(same, "x", k -> load(loads, "core " + k));
          assertThat(loads).containsExactly("reader x", "reader x");
          assertThat(perReader.readers()).isEqualTo(2);
        }
        assertThat(perReader.readers()).isEqualTo(1);
      }
    }
  }

  private static String load(List<String> loads, String what) {
    loads.add(what);
    return what;
  }
}
