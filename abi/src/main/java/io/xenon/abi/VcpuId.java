package io.xenon.abi;

/** A virtual CPU of one domain, numbered from 0 as in {@code struct vcpu}'s {@code vcpu_id}. */
public record VcpuId(DomId domain, int vcpu) {

    public VcpuId {
        if (domain == null) {
            throw new IllegalArgumentException("domain is null");
        }
        if (vcpu < 0 || vcpu >= Xen.MAX_VIRT_CPUS) {
            throw new IllegalArgumentException("vcpu out of range: " + vcpu);
        }
    }

    @Override
    public String toString() {
        return "d" + domain.value() + "v" + vcpu;
    }
}
