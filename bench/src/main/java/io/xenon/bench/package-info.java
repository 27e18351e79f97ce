/**
 * Benchmarks: {@code bin/xenon bench [NAME...]} runs them and prints each figure beside a
 * reference measured in the same run, as a ratio. Speed and memory targets are checked here,
 * never in timed unit tests.
 */
package io.xenon.bench;
