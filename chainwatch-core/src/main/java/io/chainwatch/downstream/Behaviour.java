package io.chainwatch.downstream;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One thing the product's processes did, counted before and after the update.
 *
 * @param kind {@code dns} (a name looked up), {@code connection} (a destination contacted, {@code name-or-address:port}),
 *     {@code child-process} (an image the product started) or {@code module} (an image the product loaded)
 * @param value the destination, image or module; Windows paths lower-cased with the user's folder as {@code *}, so
 *     that the same file on many machines is one behaviour
 * @param attribution {@code process} when the event names the product's process (Sysmon), {@code host} when it only
 *     comes from a machine that runs the product (Zeek sees addresses, not processes)
 * @param status {@code new} (never before the update), {@code continued}, or {@code stopped} (only before)
 * @param firstSeenAfter the first time at or after the update, or null when stopped
 * @param hosts the machines it was seen on (sorted, at most {@link DownstreamService#MAX_HOSTS})
 * @param hostCount how many machines in all
 * @param evidence the file and line of its first sighting after the update (else before)
 */
public record Behaviour(String kind, String value, String attribution, String status, long before, long after,
    Instant firstSeen, @Nullable Instant firstSeenAfter, Instant lastSeen, List<String> hosts, int hostCount,
    String evidence) {
  public Behaviour {
    hosts = List.copyOf(hosts);
  }
}
