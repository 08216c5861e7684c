/**
 * {@code fanout bench openssl}: the job against the same chains run by bash, built from the job's own argv
 * ({@link dev.fanout.jobs.openssl.chain.OpensslTool}), with {@code set -o pipefail}, three processes per chain as the
 * job starts, as many lanes of chains (each running its share in turn) as the parallelism; both timed as whole runs,
 * warmed and repeated alike, and every run's outputs checked after its clock stopped
 * ({@link dev.fanout.jobs.openssl.bench.OutputCheck}: every ciphertext decrypted and compared with its own payload).
 */
package dev.fanout.jobs.openssl.bench;
