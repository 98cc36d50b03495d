/**
 * Snapshots: what a code location tells hosts about its definitions, as plain, immutable, typed
 * records. Hosts (webserver, daemon) never load user code; a {@link
 * io.pipewright.core.snapshot.CodeLocationSnapshot} is all they know of it.
 *
 * <p>These records cross a process boundary (through the {@code protocol} module) and are stored
 * with runs, so they are dumb data: validation in their constructors and a few lookups, no
 * behaviour. Their component names are persisted; do not rename them. User config and metadata JSON
 * are the only free-form parts, held in the canonical form of {@link
 * io.pipewright.core.snapshot.UserJson}.
 *
 * <p>The code location server builds them from the sdk's definitions; names end in {@code Snapshot}
 * (and nested enums stay nested) so that a mapper importing both sides reads clearly.
 */
package io.pipewright.core.snapshot;
