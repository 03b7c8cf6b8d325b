package io.chainwatch.cli;

/** How a command renders its answer: a table for people, JSON or CSV for programs. */
enum OutputFormat {
  table, json, csv
}
