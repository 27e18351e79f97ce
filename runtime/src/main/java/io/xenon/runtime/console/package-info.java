/** Console output kept in memory: a domain's console and the hypervisor's own ring ({@code xl dmesg}). */
package io.xenon.runtime.console;
