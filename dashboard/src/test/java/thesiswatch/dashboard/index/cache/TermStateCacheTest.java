package thesiswatch.dashboard.index.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/**
 * Term states kept per segment: a query bound to them finds and scores exactly what it finds
 * unbound, sees new segments after a refresh, and a merged-away segment's states go with it.
 */
class TermStateCacheTest {

  private static Document doc(String id, String text) {
    Document doc = new Document();
    doc.add(new StringField("id", id, Field.Store.YES));
    doc.add(new TextField("text", text, Field.Store.NO));
    doc.add(new TextField("other", text.toUpperCase(), Field.Store.NO));
    return doc;
  }

  private static final List<Query> QUERIES =
      List.of(
          new TermQuery(new Term("text", "layoffs")),
          new TermQuery(new Term("text", "drought")), // absent from the first segment
          new TermQuery(new Term("text", "nowhere")), // absent everywhere
          new BooleanQuery.Builder()
              .add(
                  new BoostQuery(new TermQuery(new Term("text", "layoffs")), 2f),
                  BooleanClause.Occur.SHOULD)
              .add(new TermQuery(new Term("other", "funding")), BooleanClause.Occur.SHOULD)
              .add(
                  new ConstantScoreQuery(new TermQuery(new Term("id", "b1"))),
                  BooleanClause.Occur.SHOULD)
              .add(new TermQuery(new Term("text", "hiring")), BooleanClause.Occur.MUST_NOT)
              .build(),
          new BooleanQuery.Builder()
              .add(new TermQuery(new Term("text", "layoffs")), BooleanClause.Occur.MUST)
              .add(new PhraseQuery("text", "funding", "drought"), BooleanClause.Occur.SHOULD)
              .add(new TermQuery(new Term("text", "plant")), BooleanClause.Occur.FILTER)
              .build());

  @Test
  void aBoundQueryFindsAndScoresAsTheUnboundOneThroughRefreshesAndMerges() throws IOException {
    TermStateCache cache = new TermStateCache();
    try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
        IndexWriter writer =
            new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
      writer.addDocument(doc("a1", "layoffs at the plant"));
      writer.addDocument(doc("a2", "hiring at the plant"));
      writer.commit();
      writer.addDocument(doc("b1", "funding drought and layoffs at the plant"));
      writer.addDocument(doc("b2", "funding drought"));
      writer.commit();
      DirectoryReader reader = DirectoryReader.open(writer);
      assertThat(reader.leaves()).hasSize(2);
      assertSameResults(cache, reader);

      // A new segment after a refresh: its terms are looked up, the older segments' are kept.
      writer.addDocument(doc("c1", "layoffs layoffs layoffs at the plant, funding drought"));
      DirectoryReader refreshed = DirectoryReader.openIfChanged(reader, writer);
      reader.close();
      assertThat(refreshed.leaves()).hasSize(3);
      assertSameResults(cache, refreshed);
      assertThat(cache.segments()).isEqualTo(3);

      // Merged into one segment: the merged-away segments' states go when their readers close.
      writer.forceMerge(1);
      DirectoryReader merged = DirectoryReader.openIfChanged(refreshed, writer);
      refreshed.close();
      assertSameResults(cache, merged);
      assertThat(cache.segments()).isEqualTo(1);
      // The writer pools the merged segment's reader too: it goes when both have closed.
      merged.close();
      writer.close();
      assertThat(cache.segments()).isZero();
    }
  }

  private static void assertSameResults(TermStateCache cache, DirectoryReader reader)
      throws IOException {
    IndexSearcher searcher = new IndexSearcher(reader);
    for (Query query : QUERIES) {
      for (int round = 0; round < 2; round++) { // the second round reads the kept states
        TopDocs unbound = searcher.search(query, 10);
        TopDocs bound = searcher.search(cache.bind(query, searcher), 10);
        assertThat(describe(bound)).as(query + " round " + round).isEqualTo(describe(unbound));
        assertThat(searcher.count(cache.bind(query, searcher))).isEqualTo(searcher.count(query));
      }
    }
  }

  private static List<String> describe(TopDocs docs) {
    return java.util.Arrays.stream(docs.scoreDocs)
        .map((ScoreDoc d) -> d.doc + ":" + d.score)
        .toList();
  }
}
