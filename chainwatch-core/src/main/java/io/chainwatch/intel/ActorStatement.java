package io.chainwatch.intel;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A threat actor, intrusion set, campaign or malware family as a source describes it.
 *
 * @param kind the STIX type: {@code intrusion-set}, {@code threat-actor}, {@code campaign}, {@code malware}
 * @param externalId the MITRE ATT&amp;CK id ({@code G1049}, {@code C0057}, {@code S0368}) when there is one
 * @param targets the sectors and countries it is known to target, lower-case
 * @param supplyChain whether the source says it has used T1195 (supply-chain compromise)
 */
public record ActorStatement(
    String name,
    String kind,
    List<String> aliases,
    @Nullable String externalId,
    @Nullable String sourceObject,
    List<String> targets,
    boolean supplyChain,
    boolean revoked) implements IntelRecord {

  public ActorStatement {
    if (name.isBlank()) throw new IllegalArgumentException("actor name is empty");
    aliases = List.copyOf(aliases);
    targets = List.copyOf(targets);
  }
}
