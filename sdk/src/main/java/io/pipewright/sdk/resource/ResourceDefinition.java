package io.pipewright.sdk.resource;

import io.pipewright.sdk.config.ConfigSchema;
import io.pipewright.sdk.config.ConfigType;
import java.util.Objects;
import java.util.Optional;

/**
 * A resource: a configured external dependency (a database client, an API client, an IO manager)
 * that is set up before the steps that use it and torn down after them, and injected into ops by
 * key (Dagster's {@code ResourceDefinition}).
 *
 * <pre>{@code
 * ResourceDefinition<Warehouse> warehouse = ResourceDefinition
 *     .builder(ctx -> Warehouse.connect(ctx.config(WarehouseConfig.class)))
 *     .config(WarehouseConfig.class)
 *     .teardown(Warehouse::close)
 *     .build();
 * }</pre>
 *
 * <p>Config fields may be given as {@code {"env": "NAME"}} in run config; the value is read from
 * the environment when the resource is set up and never logged.
 *
 * @param <T> the type of the value ops receive
 */
public final class ResourceDefinition<T> {

  /** When a resource is set up and torn down. */
  public enum Scope {
    /**
     * Around each step that uses it (the default). Each step of a run deployed on Kubernetes runs
     * in its own pod, so this is what every resource gets there.
     */
    STEP,
    /**
     * Once per run, shared by the steps of an in-process run. Needed by state that must outlive a
     * step, such as the in-memory IO manager; in a per-pod deployment it behaves as {@link #STEP}.
     */
    RUN
  }

  /**
   * Creates the resource's value.
   *
   * @param <T> the value's type
   */
  @FunctionalInterface
  public interface Factory<T> {
    /**
     * Sets the resource up.
     *
     * @param context the key, config and logger
     * @return the value ops receive
     * @throws Exception any failure; it fails the steps that need the resource
     */
    T create(ResourceContext context) throws Exception;
  }

  /**
   * Releases the resource's value.
   *
   * @param <T> the value's type
   */
  @FunctionalInterface
  public interface Teardown<T> {
    /**
     * Tears the resource down.
     *
     * @param value the value {@link Factory#create} returned
     * @throws Exception any failure; it is logged and does not change the step's outcome
     */
    void close(T value) throws Exception;
  }

  private final String description;
  private final Factory<T> factory;
  private final Teardown<T> teardown;
  private final ConfigType configType;
  private final Class<?> configClass;
  private final String configProblem;
  private final Scope scope;
  private final boolean ioManager;

  private ResourceDefinition(Builder<T> b) {
    this.description = b.description;
    this.factory = b.factory;
    this.teardown = b.teardown;
    this.configType = b.configType;
    this.configClass = b.configClass;
    this.configProblem = b.configProblem;
    this.scope = b.scope;
    this.ioManager = b.ioManager;
  }

  /**
   * A resource that always provides the same value (Dagster's {@code hardcoded_resource}); handy
   * for tests.
   *
   * @param value the value
   * @param <T> its type
   * @return the resource
   */
  public static <T> ResourceDefinition<T> of(T value) {
    Objects.requireNonNull(value, "value");
    return ResourceDefinition.<T>builder(ctx -> value).scope(Scope.RUN).build();
  }

  /**
   * Starts a resource definition.
   *
   * @param factory creates the value
   * @param <T> the value's type
   * @return a builder
   */
  public static <T> Builder<T> builder(Factory<T> factory) {
    return new Builder<>(factory);
  }

  /**
   * The description.
   *
   * @return the description, or {@code null}
   */
  public String description() {
    return description;
  }

  /**
   * Creates the value.
   *
   * @return the factory
   */
  public Factory<T> factory() {
    return factory;
  }

  /**
   * Releases the value.
   *
   * @return the teardown, or empty when there is nothing to release
   */
  public Optional<Teardown<T>> teardown() {
    return Optional.ofNullable(teardown);
  }

  /**
   * The schema of the resource's config.
   *
   * @return the schema, or empty when it takes no config
   */
  public Optional<ConfigType> configType() {
    return Optional.ofNullable(configType);
  }

  /**
   * The record class the config converts to.
   *
   * @return the class, or empty
   */
  public Optional<Class<?>> configClass() {
    return Optional.ofNullable(configClass);
  }

  /**
   * Why the config record could not be turned into a schema.
   *
   * @return the problem, or empty
   */
  public Optional<String> configProblem() {
    return Optional.ofNullable(configProblem);
  }

  /**
   * When it is set up and torn down.
   *
   * @return the scope
   */
  public Scope scope() {
    return scope;
  }

  /**
   * Whether its value is an {@link io.pipewright.sdk.io.IOManager}, so that outputs may name its
   * key.
   *
   * @return true for IO managers
   */
  public boolean isIoManager() {
    return ioManager;
  }

  /**
   * Builds a {@link ResourceDefinition}.
   *
   * @param <T> the value's type
   */
  public static final class Builder<T> {
    private final Factory<T> factory;
    private String description;
    private Teardown<T> teardown;
    private ConfigType configType;
    private Class<?> configClass;
    private String configProblem;
    private Scope scope = Scope.STEP;
    private boolean ioManager;

    private Builder(Factory<T> factory) {
      this.factory = Objects.requireNonNull(factory, "factory");
    }

    /**
     * Sets the description.
     *
     * @param text the description
     * @return this builder
     */
    public Builder<T> description(String text) {
      this.description = text;
      return this;
    }

    /**
     * Declares the config as a record class.
     *
     * @param recordClass the config record
     * @return this builder
     */
    public Builder<T> config(Class<?> recordClass) {
      this.configClass = recordClass;
      try {
        this.configType = ConfigSchema.fromClass(recordClass);
      } catch (IllegalArgumentException e) {
        this.configProblem = e.getMessage();
      }
      return this;
    }

    /**
     * Declares the config by schema; the resource then sees it as a tree.
     *
     * @param schema the schema
     * @return this builder
     */
    public Builder<T> config(ConfigType schema) {
      this.configType = schema;
      this.configClass = null;
      return this;
    }

    /**
     * Sets what releases the value.
     *
     * @param close the teardown
     * @return this builder
     */
    public Builder<T> teardown(Teardown<T> close) {
      this.teardown = close;
      return this;
    }

    /**
     * Sets the scope (default: {@link Scope#STEP}).
     *
     * @param newScope the scope
     * @return this builder
     */
    public Builder<T> scope(Scope newScope) {
      this.scope = Objects.requireNonNull(newScope, "scope");
      return this;
    }

    /**
     * Marks the resource as an IO manager: its value must implement {@link
     * io.pipewright.sdk.io.IOManager}.
     *
     * @return this builder
     */
    public Builder<T> ioManager() {
      this.ioManager = true;
      return this;
    }

    /**
     * Builds the resource.
     *
     * @return the resource
     */
    public ResourceDefinition<T> build() {
      return new ResourceDefinition<>(this);
    }
  }
}
