package io.pipewright.sdk.asset;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.metadata.Metadata;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What describes an asset apart from how it is computed (Dagster's {@code AssetSpec}): its key,
 * group, description, kinds, owners, tags, metadata, code version and order-only dependencies.
 *
 * @param key the asset's key
 * @param description what the asset holds, or {@code null}
 * @param group the asset group ({@value #DEFAULT_GROUP} unless set)
 * @param kinds compute kinds and storage kinds ({@code sql}, {@code spark}, {@code parquet})
 * @param owners teams or people ({@code team:data}, {@code alice@example.com})
 * @param tags free tags, selectable with {@code tag:key=value}
 * @param metadata static metadata
 * @param codeVersion the version of the code that computes it; a change makes it stale
 * @param deps assets it depends on without loading them (order-only)
 */
public record AssetSpec(
    AssetKey key,
    String description,
    String group,
    Set<String> kinds,
    Set<String> owners,
    Map<String, String> tags,
    Metadata metadata,
    String codeVersion,
    List<AssetKey> deps) {

  /** The group of assets that name none. */
  public static final String DEFAULT_GROUP = "default";

  /** Validates and copies the components. */
  public AssetSpec {
    Objects.requireNonNull(key, "key");
    group = group == null ? DEFAULT_GROUP : group;
    kinds = Set.copyOf(new LinkedHashSet<>(kinds == null ? Set.of() : kinds));
    owners = Set.copyOf(new LinkedHashSet<>(owners == null ? Set.of() : owners));
    tags = Map.copyOf(new LinkedHashMap<>(tags == null ? Map.of() : tags));
    metadata = metadata == null ? Metadata.empty() : metadata;
    deps = List.copyOf(deps == null ? List.of() : deps);
  }

  /**
   * A spec with only a key.
   *
   * @param key the key
   * @return the spec
   */
  public static AssetSpec of(AssetKey key) {
    return new AssetSpec(key, null, null, null, null, null, null, null, null);
  }

  /**
   * A spec with only a key, given by its path.
   *
   * @param path the key's parts
   * @return the spec
   */
  public static AssetSpec of(String... path) {
    return of(AssetKey.of(path));
  }

  /**
   * Returns a copy with a description.
   *
   * @param text the description
   * @return the new spec
   */
  public AssetSpec withDescription(String text) {
    return new AssetSpec(key, text, group, kinds, owners, tags, metadata, codeVersion, deps);
  }

  /**
   * Returns a copy in a group.
   *
   * @param name the group
   * @return the new spec
   */
  public AssetSpec withGroup(String name) {
    return new AssetSpec(key, description, name, kinds, owners, tags, metadata, codeVersion, deps);
  }

  /**
   * Returns a copy with kinds.
   *
   * @param newKinds the kinds
   * @return the new spec
   */
  public AssetSpec withKinds(String... newKinds) {
    return new AssetSpec(
        key, description, group, Set.of(newKinds), owners, tags, metadata, codeVersion, deps);
  }

  /**
   * Returns a copy with owners.
   *
   * @param newOwners the owners
   * @return the new spec
   */
  public AssetSpec withOwners(String... newOwners) {
    return new AssetSpec(
        key, description, group, kinds, Set.of(newOwners), tags, metadata, codeVersion, deps);
  }

  /**
   * Returns a copy with tags.
   *
   * @param newTags the tags
   * @return the new spec
   */
  public AssetSpec withTags(Map<String, String> newTags) {
    return new AssetSpec(
        key, description, group, kinds, owners, newTags, metadata, codeVersion, deps);
  }

  /**
   * Returns a copy with static metadata.
   *
   * @param newMetadata the metadata
   * @return the new spec
   */
  public AssetSpec withMetadata(Metadata newMetadata) {
    return new AssetSpec(
        key, description, group, kinds, owners, tags, newMetadata, codeVersion, deps);
  }

  /**
   * Returns a copy with a code version.
   *
   * @param version the code version
   * @return the new spec
   */
  public AssetSpec withCodeVersion(String version) {
    return new AssetSpec(key, description, group, kinds, owners, tags, metadata, version, deps);
  }

  /**
   * Returns a copy with order-only dependencies.
   *
   * @param newDeps the assets it depends on
   * @return the new spec
   */
  public AssetSpec withDeps(AssetKey... newDeps) {
    return new AssetSpec(
        key, description, group, kinds, owners, tags, metadata, codeVersion, List.of(newDeps));
  }
}
