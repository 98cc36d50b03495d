/**
 * Internal: parsing, rendering and resolution of Dagster-style asset selection expressions such as
 * {@code +key:marts/revenue and not tag:deprecated}.
 *
 * <p>This package is not part of Pipewright's public API: users go through {@link
 * io.pipewright.sdk.asset.AssetSelection}. Types here may change or disappear in any release
 * without notice.
 */
package io.pipewright.sdk.internal.assetselection;
