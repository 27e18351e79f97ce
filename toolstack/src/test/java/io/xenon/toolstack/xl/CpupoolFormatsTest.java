package io.xenon.toolstack.xl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.xenon.toolstack.api.CpupoolView;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code xl cpupool-list} as {@code main_cpupoollist} prints it. */
class CpupoolFormatsTest {

    @Test
    void cpupoolListRowsAreXensColumns() {
        assertEquals("Name               CPUs   Sched     Active   Domain count", Formats.cpupoolHeader(false));
        assertEquals("Pool-0               4    credit       y          3",
                Formats.cpupoolRow(new CpupoolView(0, "Pool-0", "credit", List.of(0, 1, 2, 3), 3), false));
        assertEquals("a-rather-long-pool-name  0      fair       y          0",
                Formats.cpupoolRow(new CpupoolView(2, "a-rather-long-pool-name", "fair", List.of(), 0), false),
                "a name wider than 19 pushes the columns right, as printf does");
    }

    @Test
    void cpupoolListWithCpusListsThemCommaSeparated() {
        assertEquals("Name               CPU list", Formats.cpupoolHeader(true));
        assertEquals("p1                 1,3,5",
                Formats.cpupoolRow(new CpupoolView(1, "p1", "credit", List.of(1, 3, 5), 1), true));
        assertEquals("empty              ", Formats.cpupoolRow(new CpupoolView(1, "empty", "credit", List.of(), 0), true));
    }
}
