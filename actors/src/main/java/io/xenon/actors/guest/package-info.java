/**
 * The guest-kernel SPI: what a DomU runs ({@link io.xenon.actors.guest.GuestKernel}), the only
 * door it has to the hypervisor ({@link io.xenon.actors.guest.Hypercalls}), and how a config's
 * {@code kernel} names one ({@code builtin:NAME} or {@code java:CLASS}).
 */
package io.xenon.actors.guest;
