package io.pipewright.sdk.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a config record component of a reference type (such as {@code Integer} or {@code String})
 * as optional: when it is left out, the component is {@code null}. Prefer {@code Optional<X>} or
 * {@link ConfigDefault} where you can. Primitive components cannot be optional, since they cannot
 * hold {@code null}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface ConfigOptional {}
