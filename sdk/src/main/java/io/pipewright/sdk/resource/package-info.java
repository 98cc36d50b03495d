/**
 * Resources: configured external dependencies set up around the steps that use them and injected
 * into ops by key.
 */
package io.pipewright.sdk.resource;
