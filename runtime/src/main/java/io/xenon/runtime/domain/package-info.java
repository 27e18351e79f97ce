/**
 * Domains and vCPUs as the hypervisor keeps them ({@code struct domain}, {@code struct vcpu}):
 * ids, names, memory, pause and shutdown state, run states and CPU time, and the {@link
 * io.xenon.runtime.domain.Host} that allocates domids and memory and holds the domain table.
 */
package io.xenon.runtime.domain;
