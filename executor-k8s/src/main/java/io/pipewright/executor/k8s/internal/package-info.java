/**
 * The executor's internals: pod naming, the settings tree walker and merger, the pod factory, the
 * failure classifier, the rate-limited API client, the informer-based watcher and the orphan sweep.
 * Not a public API: it may change without notice.
 */
package io.pipewright.executor.k8s.internal;
