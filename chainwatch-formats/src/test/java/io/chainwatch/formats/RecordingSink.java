package io.chainwatch.formats;

import io.chainwatch.advisory.Incident;
import io.chainwatch.graph.TrustEdge;
import io.chainwatch.ingest.ImportSink;
import io.chainwatch.intel.IntelRecord;
import io.chainwatch.portfolio.Customer;
import io.chainwatch.portfolio.Installation;
import io.chainwatch.verify.ledger.ReleaseRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A sink that keeps everything a parser produced, for assertions. */
public final class RecordingSink implements ImportSink {
  public final List<Customer> customers = new ArrayList<>();
  public final List<Installation> installations = new ArrayList<>();
  public final List<Incident> incidents = new ArrayList<>();
  public final List<TrustEdge> trustEdges = new ArrayList<>();
  public final List<ReleaseRecord> releases = new ArrayList<>();
  public final List<String> warnings = new ArrayList<>();
  public final List<IntelRecord> intel = new ArrayList<>();

  @Override public void customer(Customer c) { customers.add(c); }
  @Override public void installation(Installation i) { installations.add(i); }
  @Override public void incident(Incident i) { incidents.add(i); }
  @Override public void trustEdge(TrustEdge e) { trustEdges.add(e); }
  @Override public void intel(IntelRecord r) { intel.add(r); }
  @Override public void release(ReleaseRecord r) { releases.add(r); }
  @Override public void warning(String message) { warnings.add(message); }

  /** The intel records of one kind, in order. */
  public <T extends IntelRecord> List<T> intel(Class<T> kind) {
    return intel.stream().filter(kind::isInstance).map(kind::cast).collect(Collectors.toList());
  }
}
