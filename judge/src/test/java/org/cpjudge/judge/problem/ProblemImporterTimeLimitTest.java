package org.cpjudge.judge.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProblemImporterTimeLimitTest {

    @Test
    void slowestTimesMultiplierRoundedUpToWholeSeconds() {
        assertEquals(1000, ProblemImporter.timeLimitFor(0, 5, 1000));
        assertEquals(1000, ProblemImporter.timeLimitFor(200, 5, 1000));
        assertEquals(2000, ProblemImporter.timeLimitFor(201, 5, 1000));
        assertEquals(3000, ProblemImporter.timeLimitFor(1400, 2.0, 1000));
        assertEquals(250, ProblemImporter.timeLimitFor(120, 2.0, 250));
        assertEquals(500, ProblemImporter.timeLimitFor(130, 2.0, 250));
    }
}
