/**
 * The embedded job repository shared by every Fanout process of a machine: an H2 database under
 * {@code <data-dir>/repository}, hosted by a server process of its own ({@link dev.fanout.repository.RepositoryServer})
 * that clients start on demand ({@link dev.fanout.repository.RepositoryClient}) and that stops when no client has used
 * it for its idle timeout. Loopback only, a generated password in a file only its owner can read. Every connection
 * gives up waiting for an answer after {@code fanout.repository.network-timeout} (PostgreSQL's too): a stalled
 * server or database is a failure, not a wait for ever.
 */
package dev.fanout.repository;
