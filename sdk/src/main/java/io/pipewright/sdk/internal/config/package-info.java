/**
 * Implementation of the config system behind {@code io.pipewright.sdk.config}: validation, default
 * filling, environment variable resolution, schema derivation from records and JSON handling. Not
 * for users: these classes may change without notice.
 */
package io.pipewright.sdk.internal.config;
