/**
 * The {@code openssl} job: the book's item 52 (child processes, pipelines between them, timeouts) as a tasklet.
 * <p>
 * <b>Chains.</b> {@link dev.fanout.jobs.openssl.chain.EncryptHashChain} starts {@code openssl enc | tee | openssl dgst}
 * with {@link java.lang.ProcessBuilder#startPipeline}; the input and digest files are redirected, so no Java thread
 * copies bytes and the book's deadlock (writing all input before anyone reads the output) cannot happen. Every
 * process's exit code is checked: when {@code enc} fails, {@code dgst} still exits 0 with the digest of nothing.
 * <p>
 * <b>Concurrency.</b> {@link dev.fanout.jobs.openssl.ChainsTasklet} keeps {@code parallelism} chains in flight, each
 * waited for by its own virtual thread (the waiting is all a thread does: the work happens in the child processes).
 * Timeouts destroy the chain's processes and their children, politely then forcibly.
 * <p>
 * <b>Restart.</b> The step's context records the finished inputs (a bit set over a snapshot of the inputs taken at the
 * first run), committed every commit interval; outputs are moved into place only when complete.
 * <p>
 * <b>Secrets.</b> The password lives in the configuration's environment variable or file, travels to {@code enc}
 * through its environment only, and is never a job parameter, an argument or a log line
 * ({@link dev.fanout.jobs.openssl.OpensslPassword}; a bench with none configured encrypts its own generated payloads
 * with a random one).
 * <p>
 * <b>Layout.</b> This package holds the job's configuration, parameters, description and its tasklet; the chains,
 * the openssl binary, the password, the inputs and the manifest are Spring-free in
 * {@code dev.fanout.jobs.openssl.chain}.
 */
package dev.fanout.jobs.openssl;
