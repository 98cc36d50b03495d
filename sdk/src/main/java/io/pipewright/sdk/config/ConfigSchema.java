package io.pipewright.sdk.config;

import io.pipewright.sdk.internal.config.RecordSchemas;
import java.util.Objects;

/**
 * Derives config types from records.
 *
 * <p>Each record component becomes a field of a {@link ConfigType.Shape}, in declaration order:
 *
 * <ul>
 *   <li>{@code String} is {@code string}; {@code int}/{@code Integer} is {@code int}; {@code
 *       long}/{@code Long} is {@code long}; {@code double}, {@code float}, their boxes and {@code
 *       BigDecimal} are {@code float}; {@code boolean}/{@code Boolean} is {@code bool};
 *   <li>a Java enum is an {@link ConfigType.EnumType} of its constant names;
 *   <li>{@code List<X>}, {@code Set<X>} and arrays are lists; {@code Map<String, X>} is a map;
 *       {@code Object} accepts anything; a nested record is a nested shape;
 *   <li>{@code Optional<X>} is an optional field that also accepts {@code null}.
 * </ul>
 *
 * <p>A component is required unless it is an {@code Optional}, has a {@link ConfigDefault}, is
 * marked {@link ConfigOptional}, or is a nested record whose own fields are all optional (it is
 * then filled from its defaults). {@link ConfigDescription} documents a component.
 *
 * <p>Derivation uses reflection, because that is the only way to read a record's components and
 * annotations; the result is cached per class. In a native image, config records must be registered
 * for reflection: the code-location server does this at build time for every record its definitions
 * use as config.
 */
public final class ConfigSchema {

  private ConfigSchema() {}

  /**
   * Returns the config type of a record class.
   *
   * @param type a record class
   * @return its shape
   * @throws IllegalArgumentException if the class is not a record, or if any component (of it or of
   *     a nested record) has an unsupported type or a bad default; the message lists every problem,
   *     each naming the record and the component
   */
  public static ConfigType fromClass(Class<?> type) {
    return RecordSchemas.fromRecord(Objects.requireNonNull(type, "type"));
  }
}
