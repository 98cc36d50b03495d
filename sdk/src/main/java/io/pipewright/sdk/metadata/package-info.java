/**
 * Metadata: typed key-value facts attached to outputs, materializations, observations, failures and
 * type checks (row counts, paths, previews, links).
 *
 * <p>{@link io.pipewright.sdk.metadata.Metadata} is an immutable, insertion-ordered map from string
 * keys to {@link io.pipewright.sdk.metadata.MetadataValue}s. Plain Java values are wrapped
 * automatically by {@link io.pipewright.sdk.metadata.MetadataValue#of(Object)}:
 *
 * <pre>{@code
 * Metadata md = Metadata.of("rows", 1200, "path", Path.of("/data/orders.parquet"));
 * }</pre>
 *
 * <p>The value kinds are those of Dagster, and each names its Dagster GraphQL type through {@link
 * io.pipewright.sdk.metadata.MetadataValue#dagsterTypeName()}.
 */
package io.pipewright.sdk.metadata;
