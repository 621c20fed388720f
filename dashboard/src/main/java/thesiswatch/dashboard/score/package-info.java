/** The thesis scorecard: each claim of the essay against what the indexed news shows. */
package thesiswatch.dashboard.score;
