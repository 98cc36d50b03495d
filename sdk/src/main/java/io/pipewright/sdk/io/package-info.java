/**
 * IO managers: how op outputs are stored and loaded as downstream inputs, with the built-in
 * in-memory and filesystem (JSON) managers.
 */
package io.pipewright.sdk.io;
