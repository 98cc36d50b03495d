/**
 * Instance-wide state: daemon heartbeats ({@link io.pipewright.core.instance.DaemonHeartbeatStore},
 * for {@code instance.daemonHealth}) and a small key-value store ({@link
 * io.pipewright.core.instance.KeyValueStore}) for cursors and flags of the daemon's loops.
 */
package io.pipewright.core.instance;
