package io.chainwatch.cli;

/** How a command renders its answer: a table for people, JSON or CSV for programs, a picture of the paths. */
enum OutputFormat {
  table, json, csv,
  /** Graphviz: the graph of exposure paths. */
  dot,
  /** A Mermaid flowchart of the same graph, for Markdown. */
  mermaid
}
