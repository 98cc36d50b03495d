package io.pipewright.codelocation.runtime;

import io.pipewright.codelocation.DefinitionsProvider;
import io.pipewright.codelocation.service.LoadedDefinitions;
import io.pipewright.codelocation.snapshot.LoadErrors;
import io.pipewright.sdk.Definitions;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * Finds the user's {@link Definitions}: the CDI bean if the application produces one, otherwise the
 * one {@link DefinitionsProvider} registered for {@link ServiceLoader}. Whatever goes wrong (none
 * found, several, the user's code throws) becomes load errors, never an exception: a location whose
 * definitions fail to load still starts and shows why.
 */
public final class DefinitionsLoader {

  /** What CDI knows of a {@code Definitions} bean. */
  enum Beans {
    /** No bean: fall back to {@link ServiceLoader}. */
    NONE,
    /** Exactly one bean: use it. */
    ONE,
    /** Several beans: an error. */
    AMBIGUOUS
  }

  private DefinitionsLoader() {}

  /**
   * Loads the definitions.
   *
   * @param beans how many CDI beans produce {@code Definitions}
   * @param bean creates the bean's instance (called only when there is one)
   * @param loader the class loader whose {@code META-INF/services} are read
   * @return the definitions, or the load errors
   */
  static LoadedDefinitions load(Beans beans, Supplier<Definitions> bean, ClassLoader loader) {
    return switch (beans) {
      case ONE -> call(bean, "the CDI producer of Definitions");
      case AMBIGUOUS ->
          LoadedDefinitions.failed(
              List.of(
                  LoadErrors.missing(
                      "several CDI beans produce Definitions, and a code location serves one",
                      "keep one producer of Definitions (merge the others into it)")));
      case NONE -> fromServiceLoader(loader);
    };
  }

  /**
   * Loads the definitions the way the server does: the one CDI bean of type {@code Definitions},
   * otherwise the one {@link DefinitionsProvider}.
   *
   * @param definitions the CDI beans of type {@code Definitions} (none, one or several)
   * @return the definitions, or the load errors
   */
  public static LoadedDefinitions fromCdi(Instance<Definitions> definitions) {
    Beans beans =
        definitions.isUnsatisfied()
            ? Beans.NONE
            : definitions.isAmbiguous() ? Beans.AMBIGUOUS : Beans.ONE;
    return load(beans, definitions::get, Thread.currentThread().getContextClassLoader());
  }

  /**
   * Loads the definitions without CDI: the one {@link DefinitionsProvider} registered for {@link
   * ServiceLoader} (a step worker started without Quarkus, see {@code StepWorkerMain}).
   *
   * @param loader the class loader whose {@code META-INF/services} are read
   * @return the definitions, or the load errors
   */
  public static LoadedDefinitions fromServiceLoader(ClassLoader loader) {
    List<ServiceLoader.Provider<DefinitionsProvider>> providers = new ArrayList<>();
    try {
      ServiceLoader.load(DefinitionsProvider.class, loader).stream().forEach(providers::add);
    } catch (java.util.ServiceConfigurationError e) {
      return LoadedDefinitions.failed(LoadErrors.of(e));
    }
    if (providers.isEmpty()) {
      return LoadedDefinitions.failed(
          List.of(
              LoadErrors.missing(
                  "the application provides no Definitions",
                  "add a CDI producer method (@Produces @Singleton Definitions definitions()) or"
                      + " list a DefinitionsProvider in"
                      + " META-INF/services/io.pipewright.codelocation.DefinitionsProvider")));
    }
    if (providers.size() > 1) {
      List<String> names = new ArrayList<>();
      providers.forEach(p -> names.add(p.type().getName()));
      return LoadedDefinitions.failed(
          List.of(
              LoadErrors.missing(
                  "several DefinitionsProviders are registered (" + String.join(", ", names) + ")",
                  "register one DefinitionsProvider, which a code location serves")));
    }
    ServiceLoader.Provider<DefinitionsProvider> provider = providers.get(0);
    return call(() -> provider.get().definitions(), provider.type().getName());
  }

  private static LoadedDefinitions call(Supplier<Definitions> source, String what) {
    Definitions definitions;
    try {
      definitions = source.get();
      if (definitions != null) {
        // A normal-scoped (@ApplicationScoped) producer hands out a client proxy and runs only
        // when the proxy is first used: use it here, so that what it throws is caught here.
        definitions.jobNames();
      }
    } catch (RuntimeException | StackOverflowError | LinkageError e) {
      return LoadedDefinitions.failed(LoadErrors.of(e));
    }
    if (definitions == null) {
      return LoadedDefinitions.failed(
          List.of(
              LoadErrors.missing(
                  what + " returned null",
                  "return the result of Definitions.builder()...build()")));
    }
    return LoadedDefinitions.loaded(definitions);
  }
}
