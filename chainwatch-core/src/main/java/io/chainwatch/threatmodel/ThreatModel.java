package io.chainwatch.threatmodel;

import io.chainwatch.exposure.ExposedInstallation;
import io.chainwatch.portfolio.Customer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One customer's supply-chain threat model, a section reports reuse: who could come, through whom, and where the door
 * is already open.
 *
 * @param actors actor clusters with demonstrated supply-chain capability that target the customer's sector or
 *     country, or whose targeting is unknown; those known to target only others are left out
 * @param suppliers the customer's vendors (rank 1) and their providers (rank 2 and up) that have had incidents
 * @param exposures the customer's installations that need attention (affected, potential, unknown), per incident
 */
public record ThreatModel(Customer customer, List<Actor> actors, List<Supplier> suppliers, List<Exposure> exposures) {
  public ThreatModel {
    actors = List.copyOf(actors);
    suppliers = List.copyOf(suppliers);
    exposures = List.copyOf(exposures);
  }

  /**
   * @param capability why the actor counts as supply-chain capable, e.g. {@code uses T1195.002}, {@code attributed:
   *     3CX-2023-03}
   * @param targetMatch the customer's sector or country the actor is known to target; empty when its targeting is
   *     unknown
   */
  public record Actor(String name, @Nullable String externalId, List<String> aliases, List<String> umbrella,
      List<String> capability, List<String> targetMatch, List<String> incidents) {
    public Actor {
      aliases = List.copyOf(aliases);
      umbrella = List.copyOf(umbrella);
      capability = List.copyOf(capability);
      targetMatch = List.copyOf(targetMatch);
      incidents = List.copyOf(incidents);
    }
  }

  /**
   * @param chain the providers from the customer's direct vendor down to this one ({@code [3CX]}, {@code [3CX,
   *     Trading Technologies]})
   * @param incidents the incidents whose affected products this vendor makes
   */
  public record Supplier(String vendor, int rank, List<String> chain, List<String> incidents) {
    public Supplier {
      chain = List.copyOf(chain);
      incidents = List.copyOf(incidents);
    }
  }

  public record Exposure(String incident, ExposedInstallation installation) {}
}
