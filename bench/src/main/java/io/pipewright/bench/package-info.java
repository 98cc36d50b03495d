/** Placeholder. */
package io.pipewright.bench;
