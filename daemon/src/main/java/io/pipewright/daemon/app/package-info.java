/** The Quarkus application: configuration, wiring, health. */
package io.pipewright.daemon.app;
