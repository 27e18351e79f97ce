package io.xenon.runtime.domain;

import io.xenon.runtime.mm.P2m;
import io.xenon.runtime.mm.Page;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes a domain's core in Xen's dump-core format ({@code docs/misc/dump-core-format.txt},
 * {@code tools/libs/guest/xg_core.c}): an ELF64 file with no program headers and these sections,
 * in this order:
 *
 * <pre>
 *   [0] null
 *   [1] .shstrtab       section names
 *   [2] .note.Xen       notes named "Xen": DUMPCORE_NONE, HEADER, XEN_VERSION, FORMAT_VERSION
 *   [3] .xen_prstatus   one record per vCPU
 *   [4] .xen_pages      the touched pages, 4 KiB each, page-aligned
 *   [5] .xen_pfn        one u64 guest frame number per page, in the same order
 * </pre>
 *
 * <p>Only touched pages are written: an untouched page reads as zeros and is absent, as Xen
 * leaves out pages a domain does not own. The header note uses the auto-translated magic
 * ({@code XC_CORE_MAGIC_HVM}) because the page list is a {@code .xen_pfn} table.
 *
 * <p>XEN-DIFF: Xen's {@code .xen_prstatus} holds {@code vcpu_guest_context_t}, the register file.
 * A Xenon vCPU has no registers, so each record is 32 bytes:
 * {@code u32 vcpu_id, u32 flags (bit 0 up, bit 1 blocked), u64 cpu_time_ns, i32 pcpu, u32 pad,
 * u64 reserved}.
 */
public final class CoreDump {

    static final int XEN_ELFNOTE_DUMPCORE_NONE = 0x2000000;
    static final int XEN_ELFNOTE_DUMPCORE_HEADER = 0x2000001;
    static final int XEN_ELFNOTE_DUMPCORE_XEN_VERSION = 0x2000002;
    static final int XEN_ELFNOTE_DUMPCORE_FORMAT_VERSION = 0x2000003;
    static final long XC_CORE_MAGIC_HVM = 0xF00FEBEEL;
    static final long FORMAT_VERSION = 1;
    static final int PRSTATUS_BYTES = 32;
    /** {@code struct xen_dumpcore_elfnote_xen_version_desc}: major, minor, extra[16], compile info[144], caps[1024], changeset[64], platform u64, pagesize u64. */
    static final int XEN_VERSION_DESC_BYTES = 8 + 8 + 16 + 144 + 1024 + 64 + 8 + 8;

    private static final int EHDR = 64;
    private static final int SHDR = 64;
    private static final int SECTIONS = 6;
    private static final byte[] SHSTRTAB =
            "\0.shstrtab\0.note.Xen\0.xen_prstatus\0.xen_pages\0.xen_pfn\0".getBytes(StandardCharsets.US_ASCII);

    private CoreDump() {
    }

    /**
     * Writes {@code domain}'s core to {@code file}, replacing it, through a temporary file so a
     * reader never sees half a dump.
     *
     * @return the number of pages written
     */
    public static long write(Domain domain, Path file, int xenMajor, int xenMinor, String xenExtra) throws IOException {
        P2m memory = domain.memory();
        long[] gfns = touchedGfns(memory);
        List<Vcpu> vcpus = domain.vcpus();

        byte[] notes = notes(vcpus.size(), gfns.length, xenMajor, xenMinor, xenExtra);
        long notesOff = EHDR + (long) SHDR * SECTIONS;
        long shstrOff = notesOff + notes.length;
        long prOff = align(shstrOff + SHSTRTAB.length, 8);
        long prSize = (long) PRSTATUS_BYTES * vcpus.size();
        long pagesOff = align(prOff + prSize, Page.SIZE);
        long pagesSize = (long) Page.SIZE * gfns.length;
        long pfnOff = pagesOff + pagesSize;
        long pfnSize = 8L * gfns.length;

        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".partial");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            ByteBuffer head = le(EHDR + SHDR * SECTIONS);
            elfHeader(head);
            sectionHeader(head, 0, 0, 0, 0, 0, 0);
            sectionHeader(head, 1, 3 /* SHT_STRTAB */, shstrOff, SHSTRTAB.length, 1, 0);
            sectionHeader(head, 11, 7 /* SHT_NOTE */, notesOff, notes.length, 4, 0);
            sectionHeader(head, 21, 1 /* SHT_PROGBITS */, prOff, prSize, 8, PRSTATUS_BYTES);
            sectionHeader(head, 35, 1, pagesOff, pagesSize, Page.SIZE, Page.SIZE);
            sectionHeader(head, 46, 1, pfnOff, pfnSize, 8, 8);
            out.write(head.array());
            out.write(notes);
            out.write(SHSTRTAB);
            pad(out, prOff - (shstrOff + SHSTRTAB.length));
            ByteBuffer pr = le((int) prSize);
            for (Vcpu v : vcpus) {
                pr.putInt(v.vcpuId());
                pr.putInt((v.isUp() ? 1 : 0) | (v.isBlocked() ? 2 : 0));
                pr.putLong(v.cpuTimeNanos());
                pr.putInt(v.pcpu());
                pr.putInt(0);
                pr.putLong(0);
            }
            out.write(pr.array());
            pad(out, pagesOff - (prOff + prSize));
            byte[] zero = new byte[Page.SIZE];
            for (long gfn : gfns) {
                Page p = memory.peek(gfn);
                out.write(p == null ? zero : p.bytes());
            }
            ByteBuffer pfns = le((int) pfnSize);
            for (long gfn : gfns) {
                pfns.putLong(gfn);
            }
            out.write(pfns.array());
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return gfns.length;
    }

    private static long[] touchedGfns(P2m memory) {
        long[] out = new long[(int) memory.touchedPages()];
        int[] n = {0};
        memory.forEachTouched(gfn -> {
            if (n[0] < out.length) {
                out[n[0]++] = gfn;
            }
        });
        return n[0] == out.length ? out : java.util.Arrays.copyOf(out, n[0]);
    }

    private static byte[] notes(int nrVcpus, long nrPages, int major, int minor, String extra) {
        ByteBuffer b = le(4 * (12 + 4) + 8 + 32 + XEN_VERSION_DESC_BYTES + 8);
        note(b, XEN_ELFNOTE_DUMPCORE_NONE, new byte[0]);
        ByteBuffer header = le(32);
        header.putLong(XC_CORE_MAGIC_HVM).putLong(nrVcpus).putLong(nrPages).putLong(Page.SIZE);
        note(b, XEN_ELFNOTE_DUMPCORE_HEADER, header.array());
        ByteBuffer version = le(XEN_VERSION_DESC_BYTES);
        version.putLong(major).putLong(minor);
        byte[] ex = extra.getBytes(StandardCharsets.US_ASCII);
        version.put(ex, 0, Math.min(15, ex.length));
        version.position(XEN_VERSION_DESC_BYTES - 8);
        version.putLong(Page.SIZE);
        note(b, XEN_ELFNOTE_DUMPCORE_XEN_VERSION, version.array());
        note(b, XEN_ELFNOTE_DUMPCORE_FORMAT_VERSION, le(8).putLong(FORMAT_VERSION).array());
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    /** An ELF note: namesz, descsz, type, "Xen\0", then the descriptor padded to 4 bytes. */
    private static void note(ByteBuffer b, int type, byte[] desc) {
        b.putInt(4).putInt(desc.length).putInt(type);
        b.put("Xen\0".getBytes(StandardCharsets.US_ASCII));
        b.put(desc);
        while (b.position() % 4 != 0) {
            b.put((byte) 0);
        }
    }

    private static void elfHeader(ByteBuffer b) {
        b.put(new byte[] {0x7F, 'E', 'L', 'F', 2 /* ELFCLASS64 */, 1 /* ELFDATA2LSB */, 1 /* EV_CURRENT */, 0});
        b.put(new byte[8]);
        b.putShort((short) 4);          // e_type ET_CORE
        b.putShort((short) 62);         // e_machine EM_X86_64
        b.putInt(1);                    // e_version
        b.putLong(0);                   // e_entry
        b.putLong(0);                   // e_phoff
        b.putLong(EHDR);                // e_shoff
        b.putInt(0);                    // e_flags
        b.putShort((short) EHDR);       // e_ehsize
        b.putShort((short) 56);         // e_phentsize
        b.putShort((short) 0);          // e_phnum
        b.putShort((short) SHDR);       // e_shentsize
        b.putShort((short) SECTIONS);   // e_shnum
        b.putShort((short) 1);          // e_shstrndx
    }

    private static void sectionHeader(ByteBuffer b, int name, int type, long offset, long size, long align,
            long entsize) {
        b.putInt(name).putInt(type).putLong(0 /* flags */).putLong(0 /* addr */).putLong(offset).putLong(size)
                .putInt(0 /* link */).putInt(0 /* info */).putLong(align).putLong(entsize);
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static long align(long v, long a) {
        return (v + a - 1) / a * a;
    }

    private static void pad(OutputStream out, long n) throws IOException {
        for (long i = 0; i < n; i++) {
            out.write(0);
        }
    }
}
