/** The scheduler actor: owns a {@link io.xenon.runtime.sched.Scheduler} and hands slices of the pCPUs to vCPU actors. */
package io.xenon.actors.sched;
