/**
 * Internal: parsing and resolution of Dagster-style op selections such as {@code *extract+}.
 *
 * <p>This package is not part of Pipewright's public API. Users pass op selections as plain
 * strings; the engine uses {@link io.pipewright.sdk.internal.selection.OpSelection} to turn them
 * into the set of ops to run. Types here may change or disappear in any release without notice.
 */
package io.pipewright.sdk.internal.selection;
