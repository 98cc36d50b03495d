package io.pipewright.sdk.internal.engine;

import io.pipewright.sdk.OpLogger;
import io.pipewright.sdk.config.ConfigError;
import io.pipewright.sdk.config.ConfigResolver;
import io.pipewright.sdk.config.ConfigType;
import io.pipewright.sdk.config.ConfigValidator;
import io.pipewright.sdk.config.EnvLookup;
import io.pipewright.sdk.event.EngineData;
import io.pipewright.sdk.event.ErrorInfo;
import io.pipewright.sdk.event.EventType;
import io.pipewright.sdk.event.LogLevel;
import io.pipewright.sdk.event.ResourceData;
import io.pipewright.sdk.io.InMemoryIOManager;
import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.resource.ResourceContext;
import io.pipewright.sdk.resource.ResourceDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sets resources up and tears them down: step-scoped ones around each step, run-scoped ones once
 * per run (on first use) until {@link #closeRun()}. Config given as {@code {"env": "NAME"}} is
 * resolved here, at set-up time, and the resolved value never leaves the resource's context.
 */
public final class Resources {
  private final Map<String, ResourceDefinition<?>> definitions;
  private final Map<String, Object> configTrees;
  private final EnvLookup env;
  private final EventEmitter emitter;
  private final Map<String, Object> runScoped = new ConcurrentHashMap<>();
  private final List<String> runScopedOrder = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean persistentStorageOnly;

  /**
   * Creates the resources of a run.
   *
   * @param definitions the resources bound to the job
   * @param configTrees each resource's config from the run config ({@code resources.<key>.config}),
   *     unresolved
   * @param env where {@code {"env": ...}} values are read
   * @param emitter the run's events
   */
  public Resources(
      Map<String, ResourceDefinition<?>> definitions,
      Map<String, Object> configTrees,
      EnvLookup env,
      EventEmitter emitter) {
    this.definitions = definitions;
    this.configTrees = configTrees;
    this.env = env;
    this.emitter = emitter;
  }

  /**
   * Makes in-memory IO managers fail to set up, for step workers: a worker's process ends with its
   * step, so outputs kept in memory could never be loaded by the steps after it.
   *
   * @return this
   */
  public Resources requirePersistentStorage() {
    this.persistentStorageOnly = true;
    return this;
  }

  /**
   * Sets up the resources a step needs. Run-scoped ones are reused when already set up.
   *
   * @param stepKey the step
   * @param keys the keys it needs
   * @return the step's resources; close them when the step ends
   * @throws ResourceInitException when a resource cannot be set up; those already set up for the
   *     step are torn down first
   */
  public StepResources open(String stepKey, Collection<String> keys) throws ResourceInitException {
    Map<String, Object> values = new LinkedHashMap<>();
    List<Map.Entry<String, Object>> stepScoped = new ArrayList<>();
    try {
      for (String key : keys) {
        ResourceDefinition<?> def = definitions.get(key);
        if (def == null) {
          throw new ResourceInitException(
              key,
              "no resource is bound to '" + key + "'; bind one on the job or on Definitions",
              null);
        }
        if (def.scope() == ResourceDefinition.Scope.RUN) {
          values.put(key, runScopedValue(key, def, stepKey));
        } else {
          Object value = create(key, def, stepKey);
          values.put(key, value);
          stepScoped.add(Map.entry(key, value));
        }
      }
    } catch (ResourceInitException e) {
      teardown(stepScoped, stepKey);
      throw e;
    }
    return new StepResources(this, stepKey, values, stepScoped);
  }

  /**
   * The value of a run-scoped resource that has been set up, even after the run closed it; used to
   * read outputs of in-memory IO managers after a run.
   *
   * @param key the key
   * @return the value, or {@code null}
   */
  public Object existingRunScopedValue(String key) {
    return runScoped.get(key);
  }

  /** Tears down run-scoped resources, last set up first. */
  public void closeRun() {
    List<Map.Entry<String, Object>> entries = new ArrayList<>();
    synchronized (runScopedOrder) {
      for (String key : runScopedOrder) {
        entries.add(Map.entry(key, runScoped.get(key)));
      }
    }
    teardown(entries, null);
  }

  private Object runScopedValue(String key, ResourceDefinition<?> def, String stepKey)
      throws ResourceInitException {
    Object existing = runScoped.get(key);
    if (existing != null) {
      return existing;
    }
    synchronized (this) {
      existing = runScoped.get(key);
      if (existing != null) {
        return existing;
      }
      Object value = create(key, def, stepKey);
      runScoped.put(key, value);
      runScopedOrder.add(key);
      return value;
    }
  }

  private Object create(String key, ResourceDefinition<?> def, String stepKey)
      throws ResourceInitException {
    emitter.emit(
        EventType.RESOURCE_INIT_STARTED,
        LogLevel.DEBUG,
        stepKey,
        "Starting initialization of resource \"" + key + "\".",
        new ResourceData(key, 0, null));
    long start = System.nanoTime();
    Object config = resolveConfig(key, def, stepKey);
    Object value;
    try {
      value = def.factory().create(new Context(key, config, stepKey));
    } catch (Exception e) {
      ResourceInitException failure =
          new ResourceInitException(key, "its set-up threw " + e.getClass().getName(), e);
      initFailed(key, stepKey, failure);
      throw failure;
    }
    if (value == null) {
      ResourceInitException failure =
          new ResourceInitException(
              key, "its set-up returned null; return the resource's value", null);
      initFailed(key, stepKey, failure);
      throw failure;
    }
    if (persistentStorageOnly && value instanceof InMemoryIOManager) {
      ResourceInitException failure =
          new ResourceInitException(
              key,
              "it keeps outputs in memory, and this step runs in its own process, which ends with"
                  + " the step: the steps after it could never load them. Bind a persistent IO"
                  + " manager to '"
                  + key
                  + "', such as IOManagers.filesystem()",
              null);
      initFailed(key, stepKey, failure);
      throw failure;
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    emitter.emit(
        EventType.RESOURCE_INIT_SUCCESS,
        LogLevel.DEBUG,
        stepKey,
        "Finished initialization of resource \"" + key + "\" in " + millis + "ms.",
        new ResourceData(key, millis, null));
    return value;
  }

  private Object resolveConfig(String key, ResourceDefinition<?> def, String stepKey)
      throws ResourceInitException {
    Object tree = configTrees.get(key);
    if (def.configType().isEmpty()) {
      return tree;
    }
    ConfigType type = def.configType().get();
    String path = "resources." + key + ".config";
    ConfigResolver.Resolution resolution =
        ConfigResolver.resolveEnv(type, ConfigValidator.withDefaults(type, tree), path, env);
    if (!resolution.errors().isEmpty()) {
      List<String> messages = new ArrayList<>();
      for (ConfigError error : resolution.errors()) {
        messages.add(error.message());
      }
      ResourceInitException failure =
          new ResourceInitException(
              key, "its config is invalid: " + String.join("; ", messages), null);
      initFailed(key, stepKey, failure);
      throw failure;
    }
    return resolution.value();
  }

  private void initFailed(String key, String stepKey, ResourceInitException failure) {
    emitter.emit(
        EventType.RESOURCE_INIT_FAILURE,
        LogLevel.ERROR,
        stepKey,
        failure.getMessage(),
        new ResourceData(key, 0, ErrorInfo.from(failure)));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  void teardown(List<Map.Entry<String, Object>> entries, String stepKey) {
    for (int i = entries.size() - 1; i >= 0; i--) {
      String key = entries.get(i).getKey();
      ResourceDefinition def = definitions.get(key);
      if (def == null || def.teardown().isEmpty()) {
        continue;
      }
      try {
        ((ResourceDefinition.Teardown) def.teardown().get()).close(entries.get(i).getValue());
      } catch (Exception e) {
        // A failed teardown must not change the step's outcome; it is recorded for the user.
        emitter.emit(
            EventType.ENGINE_EVENT,
            LogLevel.WARNING,
            stepKey,
            "Teardown of resource \"" + key + "\" failed: " + e,
            new EngineData(Metadata.empty(), ErrorInfo.from(e)));
      }
    }
  }

  private final class Context implements ResourceContext {
    private final String key;
    private final Object config;
    private final String stepKey;

    Context(String key, Object config, String stepKey) {
      this.key = key;
      this.config = config;
      this.stepKey = stepKey;
    }

    @Override
    public String resourceKey() {
      return key;
    }

    @Override
    public String runId() {
      return emitter.runId();
    }

    @Override
    public Object config() {
      return definitions.get(key).configClass().<Object>map(c -> config(c)).orElse(config);
    }

    @Override
    public <C> C config(Class<C> type) {
      return ConfigValues.convert(config, type, "resource '" + key + "'");
    }

    @Override
    public OpLogger log() {
      return new StepLogger(emitter, stepKey);
    }
  }
}
