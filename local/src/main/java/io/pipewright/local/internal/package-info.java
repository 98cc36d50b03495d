/** The local system's supervisor: the servers' commands, their processes, their readiness. */
package io.pipewright.local.internal;
