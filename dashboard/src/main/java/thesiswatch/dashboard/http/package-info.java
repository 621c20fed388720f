/**
 * The HTTP face of the dashboard (Javalin): JSON API, CSV export, Server-Sent Events and the page.
 */
package thesiswatch.dashboard.http;
