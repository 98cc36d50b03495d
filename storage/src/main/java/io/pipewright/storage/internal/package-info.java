/** Helpers shared by the adapters; not part of the storage API. */
package io.pipewright.storage.internal;
