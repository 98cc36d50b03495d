package io.pipewright.sdk;

import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.types.DataType;
import io.pipewright.sdk.types.Types;
import java.util.Objects;

/**
 * The definition of one named output of an op or graph (Dagster's {@code Out} and {@code
 * DynamicOut}).
 *
 * <p>Every output value is checked against {@link #type()} and handed to the IO manager bound to
 * {@link #ioManagerKey()}, which stores it for downstream steps. An optional output may be left out
 * by the op, and then the steps that need it are skipped. A dynamic output yields any number of
 * values, each with a mapping key, and the ops mapped over it run once per value.
 *
 * @param name the output's name, unique within its op
 * @param type the type its values are checked against
 * @param description a human-readable description, or {@code null}
 * @param optional whether the op may leave it out
 * @param dynamic whether it yields a runtime number of values with mapping keys
 * @param ioManagerKey the resource key of the IO manager that stores it
 * @param metadata static metadata, passed to the IO manager
 * @param assetKey the asset this output materializes, or {@code null} for a plain op output
 */
public record Out(
    String name,
    DataType type,
    String description,
    boolean optional,
    boolean dynamic,
    String ioManagerKey,
    Metadata metadata,
    AssetKey assetKey) {

  /** The name of an op's output when it has only one and does not name it. */
  public static final String DEFAULT_NAME = "result";

  /** The resource key of the IO manager that outputs use unless they say otherwise. */
  public static final String DEFAULT_IO_MANAGER_KEY = "io_manager";

  /** Validates the components. */
  public Out {
    Objects.requireNonNull(name, "output name");
    Objects.requireNonNull(type, "output type");
    ioManagerKey = ioManagerKey == null ? DEFAULT_IO_MANAGER_KEY : ioManagerKey;
    metadata = metadata == null ? Metadata.empty() : metadata;
  }

  /**
   * The default output: named {@code result}, of the given type.
   *
   * @param type the type of the value
   * @return the output definition
   */
  public static Out result(DataType type) {
    return of(DEFAULT_NAME, type);
  }

  /**
   * A named output of any type.
   *
   * @param name the output's name
   * @return the output definition
   */
  public static Out of(String name) {
    return of(name, Types.ANY);
  }

  /**
   * A named, typed output.
   *
   * @param name the output's name
   * @param type the type of the value
   * @return the output definition
   */
  public static Out of(String name, DataType type) {
    return new Out(name, type, null, false, false, null, Metadata.empty(), null);
  }

  /**
   * A dynamic output: the op returns {@link DynamicOutputs} for it, and downstream ops connected to
   * it run once per value.
   *
   * @param name the output's name
   * @param type the type of each value
   * @return the output definition
   */
  public static Out dynamic(String name, DataType type) {
    return new Out(name, type, null, false, true, null, Metadata.empty(), null);
  }

  /**
   * Returns a copy that the op may leave out.
   *
   * @return the new output definition
   */
  public Out asOptional() {
    return new Out(name, type, description, true, dynamic, ioManagerKey, metadata, assetKey);
  }

  /**
   * Returns a copy stored by the IO manager bound to {@code key}.
   *
   * @param key a resource key bound to an IO manager
   * @return the new output definition
   */
  public Out withIoManager(String key) {
    return new Out(name, type, description, optional, dynamic, key, metadata, assetKey);
  }

  /**
   * Returns a copy that materializes an asset.
   *
   * @param key the asset
   * @return the new output definition
   */
  public Out forAsset(AssetKey key) {
    return new Out(name, type, description, optional, dynamic, ioManagerKey, metadata, key);
  }

  /**
   * Returns a copy with a description.
   *
   * @param text the description
   * @return the new output definition
   */
  public Out describedAs(String text) {
    return new Out(name, type, text, optional, dynamic, ioManagerKey, metadata, assetKey);
  }

  /**
   * Returns a copy with static metadata.
   *
   * @param newMetadata the metadata
   * @return the new output definition
   */
  public Out withMetadata(Metadata newMetadata) {
    return new Out(name, type, description, optional, dynamic, ioManagerKey, newMetadata, assetKey);
  }
}
