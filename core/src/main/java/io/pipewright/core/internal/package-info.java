/** Helpers shared by core's packages; not part of any port. */
package io.pipewright.core.internal;
