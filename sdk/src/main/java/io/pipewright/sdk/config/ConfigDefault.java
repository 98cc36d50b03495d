package io.pipewright.sdk.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The default value of a config record component, written as JSON text. A component with a default
 * may be left out of the config.
 *
 * <pre>{@code
 * record ExtractConfig(
 *     @ConfigDefault("100") int limit,
 *     @ConfigDefault("\"https://example.com\"") String url,
 *     @ConfigDefault("[\"a\", \"b\"]") List<String> tables) {}
 * }</pre>
 *
 * <p>The JSON is parsed and checked against the component's type when the schema is derived, so a
 * bad default fails when definitions load, not when a run starts.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface ConfigDefault {
  /**
   * Returns the default, as JSON text.
   *
   * @return the default as JSON, for example {@code "10"}, {@code "\"text\""} or {@code "[1, 2]"}
   */
  String value();
}
