/**
 * Per-attempt ingest tokens: the only credential a step worker holds (architecture §4, "step
 * workers never hold database credentials"). The daemon issues one per step attempt; the
 * webserver's event ingest verifies it and accepts only that attempt's events.
 */
package io.pipewright.core.auth;
