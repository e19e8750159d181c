package org.cpjudge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cpjudge.api.callback.CallbackState;
import org.cpjudge.api.contest.AiParticipation;
import org.cpjudge.api.contest.IoiRule;
import org.cpjudge.api.contest.Scoring;
import org.cpjudge.api.contest.Visibility;
import org.cpjudge.api.contest.WireEnum;
import org.cpjudge.api.db.Database;
import org.cpjudge.api.queue.JobPriority;
import org.cpjudge.judge.SubmissionStatus;
import org.cpjudge.judge.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The schema's CHECKs and the code's enums are one vocabulary: each column's CHECK, as the migrated database
 * itself states it ({@code pg_get_constraintdef}), allows exactly the words its enum writes. A value added to an
 * enum without a migration, or a migration that changes a CHECK without the enum, fails here.
 */
class SchemaVocabularyTest {

    private static Database db;

    @BeforeAll
    static void migrate() throws Exception {
        db = TestDatabaseAccess.freshDatabase();
    }

    @AfterAll
    static void close() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void verdictColumnsAllowExactlyTheVerdicts() throws Exception {
        Set<String> verdicts = words(Verdict.class, Verdict::name);
        assertEquals(verdicts, allowed("submissions", "verdict"));
        assertEquals(verdicts, allowed("submission_judgements", "verdict"));
        assertEquals(verdicts, allowed("submission_testcases", "verdict"));
    }

    @Test
    void submissionStatusAllowsExactlyTheStatuses() throws Exception {
        assertEquals(words(SubmissionStatus.class, SubmissionStatus::wire), allowed("submissions", "status"));
    }

    @Test
    void contestRulesAllowExactlyTheirEnums() throws Exception {
        assertEquals(words(Scoring.class, WireEnum::wire), allowed("contests", "scoring"));
        assertEquals(words(IoiRule.class, WireEnum::wire), allowed("contests", "ioi_rule"));
        assertEquals(words(Visibility.class, WireEnum::wire), allowed("contests", "visibility"));
        assertEquals(words(AiParticipation.class, WireEnum::wire), allowed("contests", "ai_participation"));
    }

    @Test
    void contestAiAttemptsAllowsExactlyTheRules() throws Exception {
        assertEquals(words(org.cpjudge.api.contest.AiAttempts.class, WireEnum::wire), allowed("contests", "ai_attempts"));
    }

    @Test
    void virtualRunPolicyAllowsExactlyThePolicies() throws Exception {
        assertEquals(words(org.cpjudge.api.virtual.VirtualPolicy.class, WireEnum::wire), allowed("virtual_runs", "policy"));
    }

    @Test
    void callbackStateAllowsExactlyTheStates() throws Exception {
        assertEquals(words(CallbackState.class, CallbackState::wire), allowed("submission_callbacks", "state"));
    }

    @Test
    void jobPriorityAllowsExactlyTheLevels() throws Exception {
        assertEquals(words(JobPriority.class, p -> String.valueOf(p.level())), allowed("judge_jobs", "priority"));
    }

    @Test
    void parsesBothFormsPostgresPrints() {
        assertEquals(List.of("AC", "WA"), listed("CHECK ((verdict = ANY (ARRAY['AC'::text, 'WA'::text])))"));
        assertEquals(List.of("0", "1", "2"), listed("CHECK ((priority = ANY (ARRAY[0, 1, 2])))"));
        assertEquals(List.of("it's"), listed("CHECK ((x = ANY (ARRAY['it''s'::text])))"));
    }

    private static <E extends Enum<E>> Set<String> words(Class<E> type, Function<E, String> word) {
        return Arrays.stream(type.getEnumConstants()).map(word).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The words the one CHECK over exactly this column lists. */
    private static Set<String> allowed(String table, String column) throws Exception {
        List<String> definitions = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("SELECT pg_get_constraintdef(k.oid) FROM pg_constraint k"
                     + " JOIN pg_attribute a ON a.attrelid = k.conrelid AND k.conkey = ARRAY[a.attnum]"
                     + " WHERE k.contype = 'c' AND k.conrelid = ?::regclass AND a.attname = ?")) {
            q.setString(1, table);
            q.setString(2, column);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    definitions.add(rs.getString(1));
                }
            }
        }
        List<String> lists = definitions.stream().filter(d -> d.contains("ARRAY[")).toList();
        assertEquals(1, lists.size(), table + "." + column + " has one CHECK listing its words: " + definitions);
        List<String> words = listed(lists.get(0));
        assertEquals(words.size(), new TreeSet<>(words).size(), "no word twice: " + lists.get(0));
        return new TreeSet<>(words);
    }

    /**
     * The elements of the definition's {@code ARRAY[...]}: PostgreSQL prints {@code col IN ('a', 'b')} as
     * {@code (col = ANY (ARRAY['a'::text, 'b'::text]))} and a list of numbers as {@code ARRAY[0, 1]}.
     */
    static List<String> listed(String definition) {
        int open = definition.indexOf("ARRAY[");
        assertTrue(open >= 0, "no ARRAY in " + definition);
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = open + "ARRAY[".length(); i < definition.length(); i++) {
            char ch = definition.charAt(i);
            if (quoted) {
                if (ch == '\'' && i + 1 < definition.length() && definition.charAt(i + 1) == '\'') {
                    word.append('\'');
                    i++;
                } else if (ch == '\'') {
                    quoted = false;
                } else {
                    word.append(ch);
                }
            } else if (ch == '\'') {
                quoted = true;
                inWord = true;
            } else if (ch == ',' || ch == ']') {
                words.add(word.toString());
                word.setLength(0);
                inWord = false;
                if (ch == ']') {
                    return words;
                }
            } else if (ch == ':') {
                // a cast such as ::text follows the word: skip to the next separator
                while (i + 1 < definition.length() && definition.charAt(i + 1) != ','
                        && definition.charAt(i + 1) != ']') {
                    i++;
                }
            } else if (!Character.isWhitespace(ch) || inWord) {
                word.append(ch);
                inWord = true;
            }
        }
        throw new AssertionError("unterminated ARRAY in " + definition);
    }
}
