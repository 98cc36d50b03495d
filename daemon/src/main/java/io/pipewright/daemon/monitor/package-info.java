/** The run monitor: no run in progress is left without a driver. */
package io.pipewright.daemon.monitor;
