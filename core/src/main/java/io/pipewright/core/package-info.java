/**
 * The control plane's domain: runs, steps, ticks, snapshots, their state machines, pure policies
 * and the ports that adapters implement. Plain Java: no framework, no database, and never the sdk,
 * since hosts work from snapshots and never load user code. Concepts live in subpackages, such as
 * {@link io.pipewright.core.run}.
 */
package io.pipewright.core;
