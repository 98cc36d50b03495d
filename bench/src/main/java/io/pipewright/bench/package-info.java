/**
 * JMH benchmarks. They run on demand only (see the comment at the top of {@code bench/pom.xml}),
 * never during {@code verify}.
 */
package io.pipewright.bench;
