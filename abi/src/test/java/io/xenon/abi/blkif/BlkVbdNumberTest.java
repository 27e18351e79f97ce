package io.xenon.abi.blkif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BlkVbdNumberTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "xvda, 51712", "xvdb, 51728", "xvda1, 51713", "xvdp15, 51967",
        "xvdq, 268439552", "xvda16, 268435472", "xvdaa, 268442112", "xvdzz3, 268614915",
        "hda, 768", "hdb, 832", "hdc, 5632", "hdd, 5696", "hda63, 831",
        "sda, 2048", "sdb, 2064", "sdp15, 2303",
        "d0p0, 51712", "d0p1, 51713", "d1p2, 51730", "d16p0, 268439552", "d0p255, 268435711",
        "51712, 51712", "0x100, 256", "010, 8", "0, 0", "2147483647, 2147483647"})
    void parsesEveryFamilyWithXensEncoding(String vdev, int number) {
        assertEquals(number, VbdNumber.parse(vdev).value());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "51712, xvda", "51728, xvdb", "51713, xvda1", "268442112, xvdaa", "268614915, xvdzz3",
        "768, hda", "832, hdb", "5632, hdc", "5697, hdd1", "2048, sda", "2303, sdp15",
        "5, 5", "536870912, 536870912"})
    void namesANumberByItsFamily(int number, String name) {
        assertEquals(name, new VbdNumber(number).name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"xvda", "xvdz", "xvdaa", "xvdabc7", "hdc", "sdb3", "xvdq", "xvda200"})
    void aNameSurvivesTheRoundTrip(String vdev) {
        assertEquals(vdev, VbdNumber.parse(vdev).name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "xvd", "xvda0", "xvda01", "xvdA", "xvda256", "xvda-1", "hde", "hda64",
        "sdq", "sda16", "d0", "dxp1", "d0p", "d-1p0", "d1048576p0", "d0p256", "2147483648", "0x", "09",
        "xvdaaaaaa", "vda", " xvda"})
    void refusesWhatLibxlRefuses(String vdev) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VbdNumber.parse(vdev));
        assertEquals("invalid virtual disk identifier: " + vdev, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, Integer.MIN_VALUE})
    void aNegativeNumberIsNoVbd(int value) {
        assertThrows(IllegalArgumentException.class, () -> new VbdNumber(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"xvda", "d0p0", "51712"})
    void theDevidIsTheDecimalNumber(String vdev) {
        assertEquals("51712", VbdNumber.parse(vdev).toString());
    }
}
