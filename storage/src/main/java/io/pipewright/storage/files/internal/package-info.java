/** The file adapters' helpers: attempt directories and tolerant file operations. */
package io.pipewright.storage.files.internal;
