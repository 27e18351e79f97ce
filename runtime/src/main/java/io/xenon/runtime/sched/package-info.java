/**
 * vCPU schedulers behind one table of operations, as Xen's {@code struct scheduler}
 * ({@code sched_ops}): the framework calls insert, wake, sleep, do_schedule and the end of a slice;
 * each scheduler keeps its own run queues and accounting.
 */
package io.xenon.runtime.sched;
