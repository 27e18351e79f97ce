/**
 * The guests' IP stack, after Mini-OS's lwIP glue and Linux's {@code net/ipv4}: ARP with a
 * cache, IPv4, ICMP echo, UDP sockets and a DHCP client, driven by received frames and by
 * timers on the guest's one-shot {@code set_timer_op}.
 *
 * <p>Everything here is plain Java confined to the guest's vCPU 0, as the rest of
 * {@link io.xenon.guests.os.MiniOs} is; nothing blocks and nothing is thread-safe. The link
 * below is a {@link io.xenon.guests.net.Link} (netfront in a guest, a fake in tests) and the
 * packet codecs are the network module's {@code io.xenon.network.packet}.
 */
package io.xenon.guests.net;
