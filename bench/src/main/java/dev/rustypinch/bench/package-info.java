/**
 * JMH benchmarks of the runtime's hot paths: one in-process turn ({@link dev.rustypinch.bench.TurnBenchmark}),
 * session appends and loads ({@link dev.rustypinch.bench.SessionAppendBenchmark}) and one telemetry update
 * ({@link dev.rustypinch.bench.TelemetryRecordBenchmark}). Compiled by the build, run by hand; see
 * {@code bench/README.md}.
 */
package dev.rustypinch.bench;
