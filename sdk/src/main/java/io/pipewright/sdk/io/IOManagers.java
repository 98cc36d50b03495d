package io.pipewright.sdk.io;

import io.pipewright.sdk.config.ConfigField;
import io.pipewright.sdk.config.ConfigType;
import io.pipewright.sdk.resource.ResourceDefinition;
import java.nio.file.Path;
import java.util.Map;

/** The built-in IO managers, as resources ready to bind to a key. */
public final class IOManagers {
  private IOManagers() {}

  /**
   * The directory the filesystem IO manager writes to when not configured: {@code
   * $PIPEWRIGHT_HOME/storage}, or {@code ~/.pipewright/storage}.
   *
   * @return the default base directory
   */
  public static Path defaultBaseDir() {
    String home = System.getenv("PIPEWRIGHT_HOME");
    Path root =
        home != null && !home.isBlank()
            ? Path.of(home)
            : Path.of(System.getProperty("user.home"), ".pipewright");
    return root.resolve("storage");
  }

  /**
   * An in-memory IO manager, shared by the steps of one in-process run.
   *
   * @return the resource
   */
  public static ResourceDefinition<IOManager> inMemory() {
    return ResourceDefinition.<IOManager>builder(ctx -> new InMemoryIOManager())
        .description("Keeps outputs in memory; only for in-process runs and tests.")
        .scope(ResourceDefinition.Scope.RUN)
        .ioManager()
        .build();
  }

  /**
   * A filesystem IO manager writing JSON under a fixed directory.
   *
   * @param baseDir the directory
   * @return the resource
   */
  public static ResourceDefinition<IOManager> filesystem(Path baseDir) {
    return ResourceDefinition.<IOManager>builder(ctx -> new FilesystemIOManager(baseDir))
        .description("Stores outputs as JSON files under " + baseDir + ".")
        .ioManager()
        .build();
  }

  /**
   * A filesystem IO manager whose directory comes from config ({@code base_dir}), defaulting to
   * {@link #defaultBaseDir()}.
   *
   * @return the resource
   */
  public static ResourceDefinition<IOManager> filesystem() {
    return ResourceDefinition.<IOManager>builder(
            ctx -> {
              Object config = ctx.config();
              Object dir = config instanceof Map<?, ?> map ? map.get("base_dir") : null;
              return new FilesystemIOManager(
                  dir == null ? defaultBaseDir() : Path.of(dir.toString()));
            })
        .description("Stores outputs as JSON files under base_dir.")
        .config(
            ConfigType.shape(
                ConfigField.optional("base_dir", ConfigType.string())
                    .describedAs(
                        "Directory for stored outputs; default $PIPEWRIGHT_HOME/storage.")))
        .ioManager()
        .build();
  }
}
