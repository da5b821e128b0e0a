/**
 * The network sandbox's public API: a deterministic simulated internet. Plain Java that
 * depends on {@code java.base} only; no wall clock, no unseeded randomness, no hash-order
 * iteration in anything observable.
 */
package portolan.sandbox;
