/** Running jobs inside this JVM with the real engine, and reading their results. */
package io.pipewright.sdk.execution;
