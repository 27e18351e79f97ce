/**
 * Machine memory: the host's frame pool of 4 KiB pages, backed lazily, and each domain's
 * physical-to-machine map (P2M). A granted page mapped by another domain is the same
 * {@link io.xenon.runtime.mm.Page}, never a copy.
 */
package io.xenon.runtime.mm;
