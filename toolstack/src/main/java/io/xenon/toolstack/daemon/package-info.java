/**
 * The daemon ({@code xenon up}): loads the host's configuration, boots the hypervisor's actor
 * tree, serves the REST API and the Prometheus endpoint on loopback, starts the autostart
 * domains, and on SIGTERM shuts the domains down and stops cleanly.
 */
package io.xenon.toolstack.daemon;
