/**
 * TAP and TUN devices as Pekko Streams flows: how a network's uplink reaches a real Linux host.
 *
 * <p>A {@link io.xenon.network.tap.FrameDevice} is one end of a virtual link that carries
 * whole frames: a {@link io.xenon.network.tap.DeviceKind#TAP TAP} carries Ethernet frames, a
 * {@link io.xenon.network.tap.DeviceKind#TUN TUN} carries IP packets. Two implementations:
 * {@link io.xenon.network.tap.LinuxTun} over the kernel's {@code /dev/net/tun}, the device a
 * Xen Dom0 bridges a vif to when it runs qemu's {@code -netdev tap}; and
 * {@link io.xenon.network.tap.MemoryTap}, an in-memory pair for tests that run without root.
 * {@link io.xenon.network.tap.TapFlow} turns either into a
 * {@code Flow<byte[], byte[], CompletionStage<Done>>} that a bridge, route or NAT network uses
 * as its uplink: elements that come in are written to the device, frames read from it go out.
 *
 * <p>XEN-DIFF: in Xen, a vif is itself a Linux netdev in Dom0 and the kernel's bridge joins it
 * to a TAP or a NIC; here the networks are stream graphs in Xenon and a TAP is only where such
 * a graph meets the host, so frames cross into the kernel once, at the uplink.
 *
 * <p>Frames that come from the device are {@code UNTRUSTED:} they were written by whatever
 * runs on the Linux side. The flow checks only their length; the network that consumes them
 * parses and validates the rest.
 */
package io.xenon.network.tap;
