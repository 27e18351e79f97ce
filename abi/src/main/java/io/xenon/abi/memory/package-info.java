/** The memory reservation ABI ({@code xen/include/public/memory.h}). */
package io.xenon.abi.memory;
