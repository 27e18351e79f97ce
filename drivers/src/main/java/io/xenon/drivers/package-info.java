/**
 * Xen's split drivers: a front end in a DomU and a back end in Domain-0 (or a driver domain)
 * that share rings over granted pages. {@code ring} holds the generic shared ring of
 * {@code io/ring.h} and its stream stages; then one package per device kind, each with
 * {@code front} and {@code back} halves named alike.
 */
package io.xenon.drivers;
