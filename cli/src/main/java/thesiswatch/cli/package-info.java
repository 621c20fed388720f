/**
 * The {@code thesiswatch} command: one subcommand per service (as docker compose runs them), the
 * embedded {@code demo}, and the terminal tools {@code parse}, {@code classify}, {@code reclassify}
 * and {@code query}. Commands only parse arguments and call the services' own entry points.
 */
package thesiswatch.cli;
