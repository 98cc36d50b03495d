package io.pipewright.sdk;

import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.types.DataType;
import io.pipewright.sdk.types.Types;
import java.util.Objects;

/**
 * The definition of one named input of an op or graph (Dagster's {@code In}).
 *
 * <p>An input is typed: its value is checked against {@link #type()} before the op runs. An input
 * of type {@link Types#NOTHING} carries no value and only orders execution. An input that is not
 * connected to an upstream output must have a default value.
 *
 * @param name the input's name, unique within its op
 * @param type the type its values are checked against
 * @param description a human-readable description, or {@code null}
 * @param hasDefault whether {@link #defaultValue()} is set
 * @param defaultValue the value used when the input is not connected (may be {@code null})
 * @param metadata static metadata about the input
 * @param assetKey the upstream asset this input loads, when not connected to a step in the run;
 *     {@code null} for a plain op input
 */
public record In(
    String name,
    DataType type,
    String description,
    boolean hasDefault,
    Object defaultValue,
    Metadata metadata,
    AssetKey assetKey) {

  /** Validates the components. */
  public In {
    Objects.requireNonNull(name, "input name");
    Objects.requireNonNull(type, "input type");
    metadata = metadata == null ? Metadata.empty() : metadata;
  }

  /**
   * An input of any type.
   *
   * @param name the input's name
   * @return the input definition
   */
  public static In of(String name) {
    return of(name, Types.ANY);
  }

  /**
   * A typed input.
   *
   * @param name the input's name
   * @param type the type values are checked against
   * @return the input definition
   */
  public static In of(String name, DataType type) {
    return new In(name, type, null, false, null, Metadata.empty(), null);
  }

  /**
   * An order-only input: it carries no value, it only makes the op wait for its upstream.
   *
   * @param name the input's name
   * @return the input definition
   */
  public static In nothing(String name) {
    return of(name, Types.NOTHING);
  }

  /**
   * Returns a copy with a description.
   *
   * @param text the description
   * @return the new input definition
   */
  public In describedAs(String text) {
    return new In(name, type, text, hasDefault, defaultValue, metadata, assetKey);
  }

  /**
   * Returns a copy that uses {@code value} when nothing is connected to this input.
   *
   * @param value the default value
   * @return the new input definition
   */
  public In withDefault(Object value) {
    return new In(name, type, description, true, value, metadata, assetKey);
  }

  /**
   * Returns a copy with static metadata.
   *
   * @param newMetadata the metadata
   * @return the new input definition
   */
  public In withMetadata(Metadata newMetadata) {
    return new In(name, type, description, hasDefault, defaultValue, newMetadata, assetKey);
  }

  /**
   * Returns a copy that loads an upstream asset through its IO manager when nothing in the run
   * produces it.
   *
   * @param key the upstream asset
   * @return the new input definition
   */
  public In fromAsset(AssetKey key) {
    return new In(name, type, description, hasDefault, defaultValue, metadata, key);
  }

  /**
   * Whether this input only orders execution.
   *
   * @return true for {@link Types#NOTHING} inputs
   */
  public boolean isNothing() {
    return type.isNothing();
  }
}
