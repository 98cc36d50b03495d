package io.pipewright.codelocation.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.codelocation.DefinitionsProvider;
import io.pipewright.codelocation.service.LoadedDefinitions;
import io.pipewright.core.snapshot.LoadError;
import io.pipewright.sdk.DefinitionError;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.DefinitionsException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the user's definitions: CDI first, then ServiceLoader; every failure a load error. */
class DefinitionsLoaderTest {

  /** A provider that works. */
  public static final class Working implements DefinitionsProvider {
    @Override
    public Definitions definitions() {
      return Definitions.builder().build();
    }
  }

  /** A provider whose definitions are invalid. */
  public static final class Invalid implements DefinitionsProvider {
    @Override
    public Definitions definitions() {
      throw new DefinitionsException(
          List.of(new DefinitionError("job 'x'", "it is broken", "repair it")));
    }
  }

  @TempDir Path services;

  private ClassLoader registering(Class<?>... providers) throws IOException {
    Path file = services.resolve("META-INF/services/" + DefinitionsProvider.class.getName());
    Files.createDirectories(file.getParent());
    StringBuilder lines = new StringBuilder();
    for (Class<?> provider : providers) {
      lines.append(provider.getName()).append('\n');
    }
    Files.writeString(file, lines);
    return new URLClassLoader(new URL[] {services.toUri().toURL()}, getClass().getClassLoader());
  }

  private static LoadedDefinitions fromServiceLoader(ClassLoader loader) {
    return DefinitionsLoader.load(
        DefinitionsLoader.Beans.NONE,
        () -> {
          throw new AssertionError("no CDI bean to call");
        },
        loader);
  }

  @Test
  void shouldUseTheCdiBeanWhenThereIsOne() {
    Definitions definitions = Definitions.builder().build();

    LoadedDefinitions loaded =
        DefinitionsLoader.load(DefinitionsLoader.Beans.ONE, () -> definitions, null);

    assertThat(loaded.definitions()).containsSame(definitions);
  }

  @Test
  void shouldTurnTheExceptionOfTheCdiProducerIntoLoadErrors() {
    LoadedDefinitions loaded =
        DefinitionsLoader.load(
            DefinitionsLoader.Beans.ONE,
            () -> {
              // CDI wraps what a producer throws.
              throw new RuntimeException(
                  "creation failed",
                  new DefinitionsException(
                      List.of(
                          new DefinitionError("job 'a'", "first", "fix a"),
                          new DefinitionError("job 'b'", "second", "fix b"))));
            },
            null);

    assertThat(loaded.definitions()).isEmpty();
    assertThat(loaded.errors())
        .containsExactly(
            new LoadError("job 'a'", "first", "fix a"),
            new LoadError("job 'b'", "second", "fix b"));
  }

  @Test
  void shouldReportSeveralCdiBeansAsALoadError() {
    LoadedDefinitions loaded =
        DefinitionsLoader.load(DefinitionsLoader.Beans.AMBIGUOUS, () -> null, null);

    assertThat(loaded.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.problem()).contains("several CDI beans"));
  }

  @Test
  void shouldUseTheServiceLoaderProviderWhenThereIsNoCdiBean() throws IOException {
    assertThat(fromServiceLoader(registering(Working.class)).definitions()).isPresent();
  }

  @Test
  void shouldReportTheProvidersLoadErrorsWhenItThrows() throws IOException {
    assertThat(fromServiceLoader(registering(Invalid.class)).errors())
        .containsExactly(new LoadError("job 'x'", "it is broken", "repair it"));
  }

  @Test
  void shouldExplainHowToProvideDefinitionsWhenThereAreNone() throws IOException {
    assertThat(fromServiceLoader(registering()).errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.problem()).isEqualTo("the application provides no Definitions");
              assertThat(e.fix()).contains("@Produces").contains("META-INF/services");
            });
  }

  @Test
  void shouldReportSeveralProvidersAsALoadError() throws IOException {
    assertThat(fromServiceLoader(registering(Working.class, Invalid.class)).errors())
        .singleElement()
        .satisfies(e -> assertThat(e.problem()).contains("several DefinitionsProviders"));
  }
}
