/**
 * The Pipewright SDK: what user code compiles against to define and run data pipelines in the
 * spirit of Dagster.
 *
 * <p>This package holds the values that every part of the SDK shares: {@link
 * io.pipewright.sdk.AssetKey}, the identity of a software-defined asset, and the exceptions op code
 * throws to steer execution: {@link io.pipewright.sdk.Failure} to fail a step on purpose and {@link
 * io.pipewright.sdk.RetryRequested} to ask for a retry. Related values live in subpackages: {@code
 * metadata} (facts attached to outputs and events), {@code types} (runtime type checks of op inputs
 * and outputs) and {@code event} (the run's event log).
 */
package io.pipewright.sdk;
