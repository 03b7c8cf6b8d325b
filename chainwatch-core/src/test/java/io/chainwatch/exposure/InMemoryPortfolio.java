package io.chainwatch.exposure;

import io.chainwatch.advisory.Incident;
import io.chainwatch.advisory.IncidentRepository;
import io.chainwatch.portfolio.Customer;
import io.chainwatch.portfolio.InstalledRelease;
import io.chainwatch.portfolio.Names;
import io.chainwatch.portfolio.PackageIds;
import io.chainwatch.portfolio.Platform;
import io.chainwatch.portfolio.PortfolioRepository;
import io.chainwatch.portfolio.ProductQuery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Test doubles for the exposure service: a portfolio and incidents held in lists. */
final class InMemoryPortfolio implements PortfolioRepository, IncidentRepository {
  private final Map<String, Customer> customers = new LinkedHashMap<>();
  private final List<InstalledRelease> installations = new ArrayList<>();
  private final Map<String, Incident> incidents = new LinkedHashMap<>();

  InMemoryPortfolio customer(String name, int criticality) {
    customers.put(name, new Customer(name, null, null, criticality));
    return this;
  }

  InMemoryPortfolio install(String customer, String asset, Platform platform, String vendor, String product, String version) {
    return install(customer, asset, platform, vendor, product, version, null, null);
  }

  InMemoryPortfolio install(String customer, String asset, Platform platform, String vendor, String product, String version,
      @Nullable String purl, @Nullable String cpe) {
    installations.add(new InstalledRelease(installations.size() + 1, customer, customers.get(customer).criticality(), asset,
        platform, vendor, product, version, purl, cpe));
    return this;
  }

  InMemoryPortfolio incident(Incident i) {
    incidents.put(i.id(), i);
    return this;
  }

  @Override
  public Optional<Customer> customer(String name) {
    return Optional.ofNullable(customers.get(name));
  }

  @Override
  public List<Customer> customers() {
    return customers.values().stream().sorted(Comparator.comparingInt(Customer::criticality).reversed()).collect(Collectors.toList());
  }

  @Override
  public void forEachCurrent(ProductQuery query, @Nullable String customer, Consumer<InstalledRelease> action) {
    for (InstalledRelease r : installations) {
      if (customer != null && !customer.equals(r.customer())) continue;
      boolean match = query.products().stream().anyMatch(k -> k.product().equals(r.productKey().product())
              && Names.vendorMatch(k.vendor(), r.productKey().vendor()) > 0)
          || (r.purl() != null && query.purlBases().contains(PackageIds.purlBase(r.purl())))
          || (r.cpe() != null && query.cpeBases().contains(PackageIds.cpeBase(r.cpe())));
      if (match) action.accept(r);
    }
  }

  @Override
  public Optional<Incident> find(String id) {
    return Optional.ofNullable(incidents.get(id));
  }

  @Override
  public List<Incident> list() {
    return new ArrayList<>(incidents.values());
  }

  @Override
  public List<String> causedBy(String id) {
    return incidents.values().stream().filter(i -> id.equals(i.causedBy())).map(Incident::id).sorted().collect(Collectors.toList());
  }

  @Override
  public void forEachCurrentOfVendors(java.util.Set<String> vendorKeys, @Nullable String customer, Consumer<InstalledRelease> action) {
    for (InstalledRelease r : installations) {
      if (customer != null && !customer.equals(r.customer())) continue;
      String v = r.productKey().vendor();
      if (!v.isEmpty() && vendorKeys.stream().anyMatch(k -> Names.vendorMatch(k, v) > 0)) action.accept(r);
    }
  }

  @Override
  public void forEachCurrentOfCustomer(String customer, Consumer<InstalledRelease> action) {
    for (InstalledRelease r : installations) if (customer.equals(r.customer())) action.accept(r);
  }
}
