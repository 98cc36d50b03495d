/**
 * The local-process step launcher: each step attempt a child process running its code location's
 * {@code execute-step} command, for local development and single-machine deployments.
 */
package io.pipewright.daemon.launch.local;
