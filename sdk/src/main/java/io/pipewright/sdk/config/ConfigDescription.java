package io.pipewright.sdk.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A description of a config record component, shown in the UI and in the JSON Schema. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface ConfigDescription {
  /**
   * Returns the description.
   *
   * @return the description, one or more sentences
   */
  String value();
}
