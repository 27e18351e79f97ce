package io.xenon.abi.blkif;

/**
 * A virtual block device number, the {@code virtual-device} node and the {@code <devid>} of a
 * vbd's XenStore paths, as {@code docs/man/xen-vbd-interface.7.pandoc} defines it and libxl
 * computes it from a vdev name ({@code libxl__device_disk_dev_number}):
 *
 * <pre>
 *  1 &lt;&lt; 28 | disk &lt;&lt; 8 | partition      xvd, disk or partition 16 onwards (disks &lt; 2^20, partitions &lt; 256)
 *  202 &lt;&lt; 8 | disk &lt;&lt; 4 | partition     xvd, disks and partitions up to 15
 *  8 &lt;&lt; 8 | disk &lt;&lt; 4 | partition       sd, disks and partitions up to 15
 *  3 &lt;&lt; 8 | disk &lt;&lt; 6 | partition       hd, disks 0..1, partitions 0..63
 *  22 &lt;&lt; 8 | (disk-2) &lt;&lt; 6 | partition  hd, disks 2..3, partitions 0..63
 * </pre>
 *
 * <p>A disk is written in bijective base 26 ({@code a} = 0, {@code z} = 25, {@code aa} = 26),
 * a partition in decimal without leading zeros (none = the whole disk). {@code dNpM} means
 * xvd disk N partition M, and a bare number (C's {@code strtoul} base 0: decimal, {@code 0x}
 * hex or leading-{@code 0} octal, at most {@code INT_MAX}) is taken verbatim.
 *
 * @param value the number, 0 to {@code INT_MAX}
 */
public record VbdNumber(int value) {

    /** Bit 28 marks the extended xvd encoding. */
    public static final int EXTENDED = 1 << 28;

    private static final int XVD_MAJOR = 202;
    private static final int SD_MAJOR = 8;
    private static final int HD_MAJOR_0_1 = 3;
    private static final int HD_MAJOR_2_3 = 22;
    private static final int XVD_MAX_DISK = (1 << 20) - 1;
    private static final int XVD_MAX_PARTITION = 255;

    public VbdNumber {
        if (value < 0) {
            throw new IllegalArgumentException("vbd number out of range: " + value);
        }
    }

    /**
     * The number a vdev name stands for, tried in libxl's order: {@code dNpM}, {@code xvd...}, a
     * bare number, {@code hd...}, {@code sd...}.
     *
     * <p>XEN-DIFF: libxl's {@code sscanf("d%ip%i")} also takes signs, hex and octal, its
     * partition {@code strtoul} a sign, and a bare {@code xvd} slips through as disk -1; Xenon
     * takes plain decimal (no leading zeros) and requires a disk letter.
     *
     * @throws IllegalArgumentException naming the vdev if it is none of these or out of range
     */
    public static VbdNumber parse(String vdev) {
        int number = dNpM(vdev);
        if (number < 0) {
            number = family(vdev, "xvd", XVD_MAX_DISK, XVD_MAX_PARTITION);
        }
        if (number < 0) {
            number = bareNumber(vdev);
        }
        if (number < 0) {
            number = family(vdev, "hd", 3, 63);
        }
        if (number < 0) {
            number = family(vdev, "sd", 15, 15);
        }
        if (number < 0) {
            throw new IllegalArgumentException("invalid virtual disk identifier: " + vdev);
        }
        return new VbdNumber(number);
    }

    /**
     * The name this number stands for ({@code xvda}, {@code xvdb3}, {@code hdc}, {@code sda}), or
     * the number in decimal if it is in no family (a reserved or deprecated value).
     */
    public String name() {
        if ((value >>> 28) == 1) {
            return name("xvd", (value >>> 8) & XVD_MAX_DISK, value & 0xFF);
        }
        if (value <= 0xFFFF) {
            switch (value >>> 8) {
                case XVD_MAJOR:
                    return name("xvd", (value >>> 4) & 0xF, value & 0xF);
                case SD_MAJOR:
                    return name("sd", (value >>> 4) & 0xF, value & 0xF);
                case HD_MAJOR_0_1:
                    return name("hd", (value >>> 6) & 1, value & 0x3F);
                case HD_MAJOR_2_3:
                    return name("hd", 2 + ((value >>> 6) & 1), value & 0x3F);
                default:
                    break;
            }
        }
        return Integer.toString(value);
    }

    /** The decimal number, as XenStore paths and the {@code virtual-device} node spell it. */
    @Override
    public String toString() {
        return Integer.toString(value);
    }

    private static int xvd(int disk, int partition) {
        if (disk <= 15 && partition <= 15) {
            return (XVD_MAJOR << 8) | (disk << 4) | partition;
        }
        return EXTENDED | (disk << 8) | partition;
    }

    /** {@code dNpM}, or -1. */
    private static int dNpM(String vdev) {
        int p = vdev.indexOf('p');
        if (!vdev.startsWith("d") || p < 0) {
            return -1;
        }
        long disk = decimal(vdev.substring(1, p));
        long partition = decimal(vdev.substring(p + 1));
        if (disk < 0 || partition < 0 || disk > XVD_MAX_DISK || partition > XVD_MAX_PARTITION) {
            return -1;
        }
        return xvd((int) disk, (int) partition);
    }

    /** {@code device_virtdisk_matches}: a prefix, disk letters and an optional partition, or -1. */
    private static int family(String vdev, String prefix, int maxDisk, int maxPartition) {
        if (!vdev.startsWith(prefix)) {
            return -1;
        }
        int i = prefix.length();
        long disk = -1;
        while (i < vdev.length() && vdev.charAt(i) >= 'a' && vdev.charAt(i) <= 'z') {
            disk = (disk + 1) * 26 + (vdev.charAt(i) - 'a');
            if (disk > maxDisk) {
                return -1;
            }
            i++;
        }
        if (disk < 0) {
            return -1;
        }
        // A partition "0" or with leading zeros is refused, as libxl refuses it.
        long partition = i == vdev.length() ? 0 : vdev.charAt(i) == '0' ? -1 : decimal(vdev.substring(i));
        if (partition < 0 || partition > maxPartition) {
            return -1;
        }
        int d = (int) disk;
        int part = (int) partition;
        return switch (prefix) {
            case "xvd" -> xvd(d, part);
            case "hd" -> ((d < 2 ? HD_MAJOR_0_1 : HD_MAJOR_2_3) << 8) | ((d & 1) << 6) | part;
            default -> (SD_MAJOR << 8) | (d << 4) | part;
        };
    }

    /** A bare number as {@code strtoul(s, &ep, 0)} reads it, at most {@code INT_MAX}, or -1. */
    private static int bareNumber(String s) {
        boolean hex = s.startsWith("0x") || s.startsWith("0X");
        boolean octal = !hex && s.length() > 1 && s.startsWith("0");
        int radix = hex ? 16 : octal ? 8 : 10;
        String digits = s.substring(hex ? 2 : octal ? 1 : 0);
        if (digits.isEmpty() || digits.length() > 11 || !digits.chars().allMatch(c -> Character.digit(c, radix) >= 0)) {
            return -1;
        }
        long n = Long.parseLong(digits, radix);
        return n <= Integer.MAX_VALUE ? (int) n : -1;
    }

    /** Up to 7 decimal digits without a leading zero (but "0" itself), or -1. */
    private static long decimal(String s) {
        if (s.isEmpty() || s.length() > 7 || !s.chars().allMatch(c -> c >= '0' && c <= '9')
                || (s.length() > 1 && s.charAt(0) == '0')) {
            return -1;
        }
        return Long.parseLong(s);
    }

    private static String name(String prefix, int disk, int partition) {
        StringBuilder letters = new StringBuilder();
        for (int n = disk; ; n = n / 26 - 1) {
            letters.insert(0, (char) ('a' + n % 26));
            if (n < 26) {
                break;
            }
        }
        return prefix + letters + (partition == 0 ? "" : Integer.toString(partition));
    }
}
