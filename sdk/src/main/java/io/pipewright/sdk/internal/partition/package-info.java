/**
 * The machinery behind {@link io.pipewright.sdk.partition}: time grids (window boundaries in a time
 * zone, stretch by stretch of constant UTC offset), compiled key formats, the arithmetic of
 * time-window partition mappings, and the wording of unknown-key errors. Not part of the public
 * API: users must not depend on anything in this package.
 */
package io.pipewright.sdk.internal.partition;
