/**
 * Adapters on the local file system: compute logs as files ({@link
 * io.pipewright.storage.files.FileComputeLogStore}), which a local worker process writes directly.
 */
package io.pipewright.storage.files;
