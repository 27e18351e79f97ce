/**
 * Domains as actors: the {@link io.xenon.actors.domain.DomainSupervisor} that applies each
 * domain's {@code on_poweroff} / {@code on_reboot} / {@code on_watchdog} / {@code on_crash}
 * action, one {@link io.xenon.actors.domain.DomainActor} per domain, one
 * {@link io.xenon.actors.domain.VcpuActor} per vCPU, and the hypercall surface guests call.
 */
package io.xenon.actors.domain;
