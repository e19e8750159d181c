package org.cpjudge.judge.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cpjudge.judge.Verdict;
import org.cpjudge.judge.problem.SubmissionRules.Rule;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class SubmissionRulesTest {

    private static SubmissionRules parse(String yaml) {
        Map<String, Object> map = new Yaml().load(yaml);
        return SubmissionRules.parse(map);
    }

    @Test
    void eachDefaultFolderHasTheFormatsRule() {
        Rule accepted = SubmissionRules.DEFAULT.forSubmission("accepted/a.py").rules().get(0);
        assertEquals(Set.of(Verdict.AC), accepted.permitted());
        assertTrue(accepted.lowerBound());
        assertFalse(accepted.upperBound());
        Rule tle = SubmissionRules.DEFAULT.forSubmission("time_limit_exceeded/slow.cpp").rules().get(0);
        assertEquals(Set.of(Verdict.AC, Verdict.TLE), tle.permitted());
        assertTrue(tle.upperBound());
        Rule rte = SubmissionRules.DEFAULT.forSubmission("run_time_error/x.c").rules().get(0);
        assertTrue(rte.required().contains(Verdict.MLE), "the judge's MLE is Kattis' RTE");
        Rule brute = SubmissionRules.DEFAULT.forSubmission("brute_force/b.py").rules().get(0);
        assertFalse(brute.lowerBound() || brute.upperBound(), "required [RTE, TLE] bounds nothing");
        assertFalse(SubmissionRules.DEFAULT.forSubmission("mystery/m.py").says());
    }

    @Test
    void globsMatchAFileOrItsFolderAndBracesChoose() {
        SubmissionRules rules = parse("""
                time_limit_exceeded/{slow,slower}.py:
                  secret/*-easy:
                    permitted: [AC]
                accepted:
                  use_for_time_limit: false
                "*/author.*":
                  language: pypy3
                """);
        var slow = rules.forSubmission("time_limit_exceeded/slow.py");
        assertEquals(2, slow.rules().size());
        Rule easy = slow.rules().get(1);
        assertTrue(easy.covers("secret/01-easy/3"));
        assertTrue(easy.covers("secret/01-easy"));
        assertFalse(easy.covers("secret/02-hard/1"));
        assertFalse(easy.covers("secret/a/b-easy/1") && !easy.covers("secret/a"), "* does not cross /");
        assertEquals(1, rules.forSubmission("time_limit_exceeded/fast.py").rules().size());
        // overriding a default folder keeps what it does not say
        Rule accepted = rules.forSubmission("accepted/a.py").rules().get(0);
        assertEquals(Set.of(Verdict.AC), accepted.permitted());
        assertFalse(accepted.lowerBound());
        assertEquals("pypy3", rules.forSubmission("accepted/author.py").language().orElseThrow());
        assertTrue(rules.forSubmission("accepted/other.py").language().isEmpty());
    }

    @Test
    void scoresAndRangesAndMessagesAreRead() {
        SubmissionRules rules = parse("""
                partial/a.py:
                  score: [20, 30.5]
                  message: too slow
                  required: [RTE]
                """);
        Rule rule = rules.forSubmission("partial/a.py").rules().get(0);
        assertTrue(rule.score().orElseThrow().contains(30.5));
        assertFalse(rule.score().orElseThrow().contains(31));
        assertEquals("too slow", rule.message().orElseThrow());
        assertEquals(EnumSet.of(Verdict.RTE, Verdict.MLE, Verdict.OLE), rule.required());
    }

    @Test
    void badEntriesAreRefusedWithTheirName() {
        for (String bad : List.of("a.py:\n  permitted: [XX]\n", "a.py:\n  score: [3, 1]\n",
                "a.py:\n  use_for_time_limit: sometimes\n", "a.py:\n  frobnicate: 1\n", "a.py: 5\n",
                "'{a.py': {}\n")) {
            var e = assertThrows(IllegalArgumentException.class, () -> parse(bad), bad);
            assertTrue(e.getMessage().contains("a.py"), e.getMessage());
        }
    }
}
