package org.cpjudge.judge.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cpjudge.judge.Verdict;
import org.junit.jupiter.api.Test;

class DefaultValidatorTest {

    private static Verdict check(String output, String answer, String... flags) {
        return new DefaultValidator(List.of(flags))
                .check(output.getBytes(StandardCharsets.UTF_8), answer.getBytes(StandardCharsets.UTF_8)).verdict();
    }

    @Test
    void whitespaceOnlySeparatesTokensByDefault() {
        assertEquals(Verdict.AC, check("1  2\n3", "1 2 3\n"));
        assertEquals(Verdict.AC, check("\n\t1 2 3   ", "1 2 3"));
        assertEquals(Verdict.WA, check("1 2", "1 2 3"));
        assertEquals(Verdict.WA, check("1 2 3 4", "1 2 3"));
        assertEquals(Verdict.WA, check("12 3", "1 2 3"));
    }

    @Test
    void caseInsensitiveUnlessAsked() {
        assertEquals(Verdict.AC, check("YES", "yes"));
        assertEquals(Verdict.WA, check("YES", "yes", "case_sensitive"));
        assertEquals(Verdict.AC, check("yes", "yes", "case_sensitive"));
    }

    @Test
    void spaceChangeSensitiveComparesWhitespaceToo() {
        assertEquals(Verdict.AC, check("1 2\n", "1 2\n", "space_change_sensitive"));
        assertEquals(Verdict.WA, check("1  2\n", "1 2\n", "space_change_sensitive"));
        assertEquals(Verdict.WA, check("1 2", "1 2\n", "space_change_sensitive"));
    }

    @Test
    void floatTolerances() {
        assertEquals(Verdict.AC, check("0.3333", "0.333333", "float_absolute_tolerance", "1e-3"));
        assertEquals(Verdict.WA, check("0.33", "0.333333", "float_absolute_tolerance", "1e-3"));
        assertEquals(Verdict.AC, check("1000100", "1000000", "float_relative_tolerance", "1e-4"));
        assertEquals(Verdict.WA, check("1000200", "1000000", "float_relative_tolerance", "1e-4"));
        assertEquals(Verdict.AC, check("1.0000001e2", "100", "float_tolerance", "1e-6"));
        assertEquals(Verdict.WA, check("abc", "1.5", "float_tolerance", "1e-6"));
        // Without a tolerance numbers are strings.
        assertEquals(Verdict.WA, check("1.0", "1"));
        // Non-numeric answer tokens are still compared as words.
        assertEquals(Verdict.AC, check("Impossible", "impossible", "float_tolerance", "1e-6"));
    }

    @Test
    void unknownFlagIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DefaultValidator(List.of("no_such_flag")));
    }
}
