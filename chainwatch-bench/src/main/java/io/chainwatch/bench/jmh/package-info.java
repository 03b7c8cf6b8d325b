/** JMH micro-benchmarks of hot paths. Run: {@code java -cp chainwatch-bench.jar org.openjdk.jmh.Main}. */
@NullMarked
package io.chainwatch.bench.jmh;

import org.jspecify.annotations.NullMarked;
