/**
 * An example code location: an orders ETL job that exercises ops, graphs, jobs, config, resources,
 * IO managers, retries, dynamic fan-out, hooks and op selection. Run it in process with {@code
 * bin/pipewright-local demo etl}, or as a code location under the local deployment.
 */
package io.pipewright.examples.etl;
