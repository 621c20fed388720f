/**
 * What every thesiswatch service shares: the article schema ({@link thesiswatch.common.Article},
 * {@link thesiswatch.common.TaggedArticle}), its JSON form, stable article ids, topic names and
 * settings read from environment variables with named defaults.
 */
package thesiswatch.common;
