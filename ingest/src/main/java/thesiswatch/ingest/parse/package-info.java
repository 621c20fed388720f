/**
 * Parsing, the pure core of ingest: {@link thesiswatch.ingest.parse.FeedParser} turns feed bytes
 * into normalised {@link thesiswatch.ingest.parse.FeedEntry entries} (encoding detection, XML
 * repair, plain-text titles, safe links, strict dates) without any HTTP or Kafka.
 */
package thesiswatch.ingest.parse;
