/**
 * Parsing, the pure core of ingest: {@link thesiswatch.ingest.parse.FeedParser} turns feed bytes
 * into normalised {@link thesiswatch.ingest.parse.FeedEntry entries} (encoding detection, XML
 * repair, plain-text titles, safe links, strict dates, bounded fields) without any HTTP or Kafka.
 * It decodes the bytes and hands them to the parser of their format: JSON Feed, or XML — built into
 * a DOM with a nesting limit and repaired only as far as the strict parser's error asks ({@code
 * XmlDocuments}, {@code XmlRepairs}), read by ROME, and each entry read again from the element
 * {@code EntryElements} pairs it with ({@code XmlEntryReader}, {@code TextConstructs}). {@code
 * Entries} caps every field and gives the ids.
 */
package thesiswatch.ingest.parse;
