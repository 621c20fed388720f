/**
 * The themes file read strictly: every field checked and every query parsed, with exact messages.
 */
package thesiswatch.classifier.themes;
