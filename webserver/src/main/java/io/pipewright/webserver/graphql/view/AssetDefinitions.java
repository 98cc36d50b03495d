package io.pipewright.webserver.graphql.view;

import io.pipewright.core.snapshot.AssetCheckSnapshot;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.AssetNodeSnapshot;
import io.pipewright.webserver.workspace.LoadedLocation;
import io.pipewright.webserver.workspace.LocationEntry;
import io.pipewright.webserver.workspace.Workspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The asset definitions of the loaded code locations, in workspace order (a key defined by two
 * locations is found in the first; Dagster warns about such collisions, it does not merge them).
 */
@ApplicationScoped
public class AssetDefinitions {

  /**
   * One asset definition and the location that defines it.
   *
   * @param location the location
   * @param node the definition
   */
  public record Defined(LoadedLocation location, AssetNodeSnapshot node) {

    /**
     * Returns the asset's key.
     *
     * @return the key
     */
    public AssetKeySnapshot key() {
      return node.key();
    }

    /**
     * Returns the asset's checks.
     *
     * @return the checks defined on it, in the snapshot's order
     */
    public List<AssetCheckSnapshot> checks() {
      List<AssetCheckSnapshot> checks = new ArrayList<>();
      for (AssetCheckSnapshot check : location.snapshot().assetChecks()) {
        if (check.asset().equals(node.key())) {
          checks.add(check);
        }
      }
      return checks;
    }

    /**
     * Returns the assets of the same location that depend on this one.
     *
     * @return their definitions
     */
    public List<Defined> downstream() {
      List<Defined> downstream = new ArrayList<>();
      for (AssetNodeSnapshot other : location.snapshot().assets()) {
        if (other.upstreamKeys().contains(node.key())) {
          downstream.add(new Defined(location, other));
        }
      }
      return downstream;
    }

    /**
     * Returns an asset of the same location.
     *
     * @param key its key
     * @return its definition, or empty when this location does not define it
     */
    public Optional<Defined> sibling(AssetKeySnapshot key) {
      return location.snapshot().asset(key).map(other -> new Defined(location, other));
    }
  }

  private final Workspace workspace;

  /**
   * Creates the lookup.
   *
   * @param workspace the code locations
   */
  @Inject
  public AssetDefinitions(Workspace workspace) {
    this.workspace = workspace;
  }

  /**
   * Lists every asset definition of every loaded location.
   *
   * @return the definitions, by location then in snapshot order
   */
  public List<Defined> all() {
    List<Defined> all = new ArrayList<>();
    for (LocationEntry entry : workspace.entries()) {
      entry
          .location()
          .ifPresent(
              location ->
                  location.snapshot().assets().forEach(a -> all.add(new Defined(location, a))));
    }
    return all;
  }

  /**
   * Finds an asset's definition.
   *
   * @param key the asset
   * @return its definition in the first location that defines it, or empty
   */
  public Optional<Defined> find(AssetKeySnapshot key) {
    for (LocationEntry entry : workspace.entries()) {
      Optional<LoadedLocation> location = entry.location();
      if (location.isPresent()) {
        Optional<AssetNodeSnapshot> node = location.get().snapshot().asset(key);
        if (node.isPresent()) {
          return Optional.of(new Defined(location.get(), node.get()));
        }
      }
    }
    return Optional.empty();
  }
}
