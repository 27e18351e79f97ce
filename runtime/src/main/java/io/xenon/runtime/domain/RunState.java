package io.xenon.runtime.domain;

/**
 * A vCPU's run state ({@code RUNSTATE_*} in {@code xen/include/public/vcpu.h}): running on a
 * pCPU, runnable and waiting for one, blocked waiting for an event, or offline (down or paused).
 */
public enum RunState {
    RUNNING,
    RUNNABLE,
    BLOCKED,
    OFFLINE
}
