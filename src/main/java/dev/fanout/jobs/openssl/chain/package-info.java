/**
 * The process chains of the {@code openssl} job, without Spring: one {@code openssl enc | tee | openssl dgst} chain
 * with its timeout ({@link dev.fanout.jobs.openssl.chain.EncryptHashChain}), the binary and the algorithms it runs
 * ({@link dev.fanout.jobs.openssl.chain.OpensslTool}), the password it is given through its environment only
 * ({@link dev.fanout.jobs.openssl.chain.Secret}, {@link dev.fanout.jobs.openssl.chain.SecretSource}), the inputs of a
 * run fixed at its first start ({@link dev.fanout.jobs.openssl.chain.InputSnapshot}) and the manifest of how each
 * chain ended ({@link dev.fanout.jobs.openssl.chain.Manifest}).
 * <p>
 * Chains run concurrently on one {@link dev.fanout.jobs.openssl.chain.EncryptHashChain}, which is stateless; results
 * are immutable records. The job's package on top runs them from a tasklet.
 */
package dev.fanout.jobs.openssl.chain;
