/**
 * Pipewright's webserver: the GraphQL API that Dagster's Python client and scripts use unchanged
 * ({@code graphql}), the workspace of code locations it serves definitions from ({@code
 * workspace}), and the launching and terminating of runs against the storage ports ({@code run}).
 *
 * <p>A host: it sees user code only as {@code core} snapshots fetched over gRPC, never loads it.
 */
package io.pipewright.webserver;
