/** The daemon's shared plumbing; not an API. */
package io.pipewright.daemon.internal;
