/**
 * Parsing, the pure core of ingest: {@link thesiswatch.ingest.parse.FeedParser} turns feed bytes
 * into normalised {@link thesiswatch.ingest.parse.FeedEntry entries} (encoding detection, XML
 * repair, plain-text titles, safe links, strict dates) without any HTTP or Kafka. It decodes the
 * bytes and hands them to the parser of their format, XML (RSS, Atom, RDF through ROME, each entry
 * fixed up from the element {@code EntryElements} pairs it with) or JSON Feed.
 */
package thesiswatch.ingest.parse;
