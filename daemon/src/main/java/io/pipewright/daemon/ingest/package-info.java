/**
 * The local event ingest: step workers' events read from their standard output into the event log,
 * for deployments without the webserver's ingest endpoint.
 */
package io.pipewright.daemon.ingest;
