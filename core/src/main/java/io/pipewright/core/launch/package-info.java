/**
 * The {@link io.pipewright.core.launch.StepLauncher} port: how the daemon starts, watches and stops
 * step attempts (a child process locally, a pod in Kubernetes), with the vocabulary every adapter
 * shares ({@link io.pipewright.core.launch.LaunchRequest}, {@link
 * io.pipewright.core.launch.AttemptStatus}, {@link
 * io.pipewright.core.launch.AttemptFailureReason}). Adapters report facts; what the daemon does
 * about them (retry, fail, wait) is decided in {@code io.pipewright.core.orchestration}.
 */
package io.pipewright.core.launch;
