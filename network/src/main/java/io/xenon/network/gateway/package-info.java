/**
 * Domain-0's side of nat, host-only and isolated networks: the {@link io.xenon.network.gateway.Gateway}
 * at a subnet's first host, which answers ARP and ping, serves DHCP, and on a nat network
 * translates guests' traffic to a TUN or TAP uplink (source NAT and per-domain port forwards), as
 * {@code vif-nat}, dnsmasq and iptables do on a Xen host.
 */
package io.xenon.network.gateway;
