/** Placeholder. */
package io.pipewright.core;
