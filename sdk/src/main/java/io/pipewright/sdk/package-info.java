/** Placeholder. */
package io.pipewright.sdk;
