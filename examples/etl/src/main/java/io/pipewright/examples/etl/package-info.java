/** Placeholder. */
package io.pipewright.examples.etl;
