/**
 * An example code location: an orders ETL job that exercises ops, graphs, jobs, config, resources,
 * IO managers, retries, dynamic fan-out, hooks and op selection. Run it with {@code
 * bin/pipewright-local}.
 */
package io.pipewright.examples.etl;
