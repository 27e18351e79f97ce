/**
 * Domain-0's side of nat, route, host-only and isolated networks: the {@link io.xenon.network.gateway.Gateway}
 * at a subnet's first host, which answers ARP and ping, serves DHCP, and on a nat network
 * translates guests' traffic to a TUN or TAP uplink (source NAT and per-domain port forwards), as
 * {@code vif-nat}, dnsmasq and iptables do on a Xen host. On a route network it serves no DHCP
 * and routes instead ({@link io.xenon.network.gateway.Router}): a /32 per vif address, proxy
 * ARP, and forwarding to the uplink without translation, as {@code vif-route} sets up.
 */
package io.xenon.network.gateway;
