/**
 * The dashboard service: reads {@code articles.tagged} into a Lucene index and serves trends,
 * search, the thesis scorecard and spike alerts over HTTP. {@link
 * thesiswatch.dashboard.DashboardService} is the orchestrator; each sub-package is one stage with a
 * pure core.
 */
package thesiswatch.dashboard;
