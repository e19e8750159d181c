package org.cpjudge.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuSetTest {

    @Test
    void aListIsReadAndWrittenWithRanges() {
        CpuSet set = CpuSet.parse(" 0-2,5 ,7-8");
        assertEquals(List.of(0, 1, 2, 5, 7, 8), set.cpus());
        assertEquals("0-2,5,7-8", set.toString());
        assertEquals(set, CpuSet.parse(set.toString()));
        assertEquals("3", CpuSet.of(3, 3).toString());
    }

    @Test
    void whatIsNotAListIsRefused() {
        for (String bad : List.of("", "a", "1-", "3-1", "-1", "1,,2", "1-2-3", "5000")) {
            assertThrows(IllegalArgumentException.class, () -> CpuSet.parse(bad), bad);
        }
    }

    @Test
    void theJudgeKeepsTheLowestCoreUnlessThereIsOnlyOne() {
        assertEquals("1-3", CpuSet.parse("0-3").withoutLowest().toString());
        assertEquals("2", CpuSet.parse("2").withoutLowest().toString());
        CpuSet here = CpuSet.ofThisProcess();
        assertEquals(Math.max(1, here.size() - 1), Sandboxes.defaultBoxCores().size());
    }
}
