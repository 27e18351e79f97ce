/**
 * Packet capture in the classic libpcap file format ({@code pcap-savefile(5)}), link type
 * Ethernet: what {@code tcpdump -i vifN.0 -w} writes on a Xen Domain 0, so captures of a
 * network's frames open in tshark and Wireshark.
 */
package io.xenon.network.pcap;
