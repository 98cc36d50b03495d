/** Placeholder. */
package io.pipewright.sdk.testing;
