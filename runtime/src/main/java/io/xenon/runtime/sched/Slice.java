package io.xenon.runtime.sched;

/** A scheduling decision: run {@code unit} for at most {@code nanos} ({@code struct sched_resource}'s next). */
public record Slice(SchedUnit unit, long nanos) {
}
