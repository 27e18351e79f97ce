/**
 * Packet codecs for what Dom0 does with a vif's frames: Ethernet II with an optional 802.1Q
 * tag, ARP for IPv4 over Ethernet (RFC 826), IPv4 (RFC 791), ICMP (RFC 792), UDP (RFC 768),
 * TCP headers (RFC 9293) as far as NAT needs them, and DHCP (RFC 2131 and RFC 2132), with the
 * Internet checksum of RFC 1071 and its incremental update of RFC 1624.
 *
 * <p>UNTRUSTED: every {@code decode} takes bytes a guest wrote. It reads each field once, checks
 * every length against the buffer before reading, and never throws on bad input: it answers a
 * {@link io.xenon.network.packet.Decoded} that holds either the value or the
 * {@link io.xenon.network.packet.Malformed} reason, so a caller counts the drop by reason and
 * goes on. A decoded payload is a {@link io.xenon.network.packet.ByteSlice} view of the input,
 * not a copy; a caller that keeps it past the input's life copies it.
 *
 * <p>Encoders are for trusted callers (the bridge, NAT, the DHCP server, the guests' IP stack):
 * they produce exact wire bytes with lengths and checksums filled in, and throw
 * {@link java.lang.IllegalArgumentException} for a value that cannot be put on the wire.
 *
 * <p>Multi-byte fields are in network byte order. Unsigned 16-bit fields are Java {@code int}s,
 * unsigned 32-bit fields (TCP sequence numbers, the DHCP xid) are {@code int} bit patterns.
 */
package io.xenon.network.packet;
