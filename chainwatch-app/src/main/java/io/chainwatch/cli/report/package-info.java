/**
 * Report renderers: Markdown, JSON, self-contained HTML (inline CSS and SVG), OpenVEX and CycloneDX VEX, all from the
 * core's {@link io.chainwatch.report.IncidentReport} and {@link io.chainwatch.report.PortfolioReport}. Every value
 * that came from an input file is escaped for the output's language: names and log values can carry markup.
 */
@NullMarked
package io.chainwatch.cli.report;

import org.jspecify.annotations.NullMarked;
