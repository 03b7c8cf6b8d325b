package io.chainwatch.intel;

/**
 * What intelligence parsers (STIX, MISP, warninglists) hand to the import sink, one record at a time. One sealed
 * family keeps the sink's interface to a single method however many kinds intel grows.
 */
public sealed interface IntelRecord
    permits IndicatorStatement, ActorStatement, AttributionStatement, SightingStatement, Warninglist, TechniqueStatement, IncidentLink {}
