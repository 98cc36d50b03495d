/**
 * The whole system on one machine: {@link io.pipewright.local.PipewrightLocal}, the main class of
 * {@code bin/pipewright-local}, and its {@link io.pipewright.local.LocalOptions}.
 */
package io.pipewright.local;
