/**
 * The PostgreSQL adapters' internals: entities, row codecs, the switch onto a Vert.x context. Not
 * part of the storage API.
 */
package io.pipewright.storage.postgres.internal;
