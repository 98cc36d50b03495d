/** The daemon's heartbeats in storage. */
package io.pipewright.daemon.heartbeat;
