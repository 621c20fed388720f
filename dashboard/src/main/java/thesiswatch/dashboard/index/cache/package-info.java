/**
 * The index's performance caches, kept together so that what each saves and when it is dropped is
 * read in one place. None is ever stale: each is keyed by something that cannot change under it (a
 * segment core, a segment or index reader, a query text). They know Lucene, not articles.
 */
package thesiswatch.dashboard.index.cache;
