/**
 * Typed, validated config for ops, resources and jobs.
 *
 * <p>Config types ({@link io.pipewright.sdk.config.ConfigType}) are usually derived from records
 * with {@link io.pipewright.sdk.config.ConfigSchema#fromClass(Class)}. Before a run starts, its
 * {@link io.pipewright.sdk.config.RunConfig} is checked with {@link
 * io.pipewright.sdk.config.ConfigValidator#validate}, which reports every problem at once, each
 * with its path. At execution, the config is completed with {@link
 * io.pipewright.sdk.config.ConfigValidator#withDefaults}, its env references are read with {@link
 * io.pipewright.sdk.config.ConfigResolver#resolveEnv}, and it is converted to the user's record
 * with {@link io.pipewright.sdk.config.ConfigMapper#convert}. {@link
 * io.pipewright.sdk.config.JsonSchemaExporter} describes config types as JSON Schema.
 */
package io.pipewright.sdk.config;
