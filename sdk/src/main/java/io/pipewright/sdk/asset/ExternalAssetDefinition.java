package io.pipewright.sdk.asset;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.DefinitionError;
import io.pipewright.sdk.NodeDefinition;
import io.pipewright.sdk.OpContext;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.event.AssetObservation;
import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.partition.PartitionsDefinition;
import io.pipewright.sdk.types.DataType;
import io.pipewright.sdk.types.Types;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An asset that Pipewright does not compute: a source table, a file dropped by another system
 * (Dagster's external asset, {@code AssetSpec} in {@code Definitions}, or an observable source
 * asset). Other assets may load it as an input, through the IO manager bound to its {@link
 * #ioManagerKey()}. With an observation function it can be observed: the function reports metadata
 * (a row count, a modification time) recorded as an {@code ASSET_OBSERVATION} event.
 */
public final class ExternalAssetDefinition implements AssetsDefinition {

  /** Looks at an external asset and reports what it found. */
  @FunctionalInterface
  public interface Observer {
    /**
     * Observes the asset.
     *
     * @param context the step's context
     * @return what was observed
     * @throws Exception any failure; the observation step fails
     */
    Metadata observe(OpContext context) throws Exception;
  }

  private final AssetSpec spec;
  private final DataType type;
  private final String ioManagerKey;
  private final PartitionsDefinition partitions;
  private final Observer observe;
  private final OpDefinition observer;

  private ExternalAssetDefinition(
      AssetSpec spec,
      DataType type,
      String ioManagerKey,
      PartitionsDefinition partitions,
      Observer observe) {
    this.spec = spec;
    this.type = type;
    this.ioManagerKey = ioManagerKey == null ? Out.DEFAULT_IO_MANAGER_KEY : ioManagerKey;
    this.partitions = partitions;
    this.observe = observe;
    this.observer =
        observe == null
            ? null
            : OpDefinition.builder("observe__" + AssetNames.identifier(spec.key()))
                .description("Observes " + spec.key().toUserString() + ".")
                .noOutputs()
                .compute(
                    (ctx, in) -> {
                      ctx.logEvent(AssetObservation.of(spec.key(), observe.observe(ctx)));
                      return null;
                    })
                .build();
  }

  /**
   * An external asset.
   *
   * @param spec the asset
   * @return the definition
   */
  public static ExternalAssetDefinition of(AssetSpec spec) {
    return new ExternalAssetDefinition(spec, Types.ANY, null, null, null);
  }

  /**
   * An external asset, by key.
   *
   * @param path the key's parts
   * @return the definition
   */
  public static ExternalAssetDefinition of(String... path) {
    return of(AssetSpec.of(path));
  }

  /**
   * Returns a copy that can be observed.
   *
   * @param observe the observation function
   * @return the new definition
   */
  public ExternalAssetDefinition observedBy(Observer observe) {
    return new ExternalAssetDefinition(spec, type, ioManagerKey, partitions, observe);
  }

  /**
   * Returns a copy whose value loads as a type through an IO manager.
   *
   * @param valueType the type
   * @param resourceKey the IO manager's key
   * @return the new definition
   */
  public ExternalAssetDefinition loadedAs(DataType valueType, String resourceKey) {
    return new ExternalAssetDefinition(spec, valueType, resourceKey, partitions, observe);
  }

  /**
   * Returns a partitioned copy.
   *
   * @param definition the partitions
   * @return the new definition
   */
  public ExternalAssetDefinition withPartitions(PartitionsDefinition definition) {
    return new ExternalAssetDefinition(spec, type, ioManagerKey, definition, observe);
  }

  /**
   * The output definition under which downstream assets load it.
   *
   * @return the output
   */
  public Out sourceOutput() {
    return Out.of(Out.DEFAULT_NAME, type).forAsset(spec.key()).withIoManager(ioManagerKey);
  }

  /**
   * The IO manager downstream assets load it with.
   *
   * @return the resource key
   */
  public String ioManagerKey() {
    return ioManagerKey;
  }

  /**
   * Whether it has an observation function.
   *
   * @return true when observable
   */
  public boolean isObservable() {
    return observer != null;
  }

  @Override
  public List<AssetSpec> specs() {
    return List.of(spec);
  }

  @Override
  public String nodeName() {
    return observer == null ? AssetNames.identifier(spec.key()) : observer.name();
  }

  @Override
  public Optional<NodeDefinition> node() {
    return Optional.ofNullable(observer);
  }

  @Override
  public Map<String, AssetIn> inputs() {
    return Map.of();
  }

  @Override
  public Map<AssetKey, String> outputNames() {
    return Map.of();
  }

  @Override
  public Optional<PartitionsDefinition> partitions() {
    return Optional.ofNullable(partitions);
  }

  @Override
  public boolean isMaterializable() {
    return false;
  }

  @Override
  public List<DefinitionError> problems() {
    return List.of();
  }
}
