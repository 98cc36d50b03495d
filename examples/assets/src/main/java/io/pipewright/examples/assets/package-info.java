/**
 * An example code location: a partitioned sales asset graph with a multi-asset, a graph-backed
 * asset, an observable external asset and asset checks.
 */
package io.pipewright.examples.assets;
