/** The daemon's Prometheus metrics. */
package io.pipewright.daemon.metrics;
