package org.cpjudge.api.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.cpjudge.judge.SubtaskScore;
import org.cpjudge.judge.Verdict;

/**
 * What a worker writes back for one submission, in one transaction.
 *
 * @param subtasks what each subtask earned (scoring problems), stored as {@code submissions.subtask_scores}
 */
public record Judgement(Verdict verdict, Double score, int timeMs, int memoryKb, String compileOutput,
                        List<JudgedTest> testcases, List<SubtaskScore> subtasks) {

    public Judgement {
        subtasks = subtasks == null ? List.of() : List.copyOf(subtasks);
    }

    public Judgement(Verdict verdict, Double score, int timeMs, int memoryKb, String compileOutput,
                     List<JudgedTest> testcases) {
        this(verdict, score, timeMs, memoryKb, compileOutput, testcases, List.of());
    }

    /** The subtask scores as the JSONB column holds them ([{"name", "score", "max"}]), or null when none. */
    public String subtasksJson() {
        if (subtasks.isEmpty()) {
            return null;
        }
        JsonArray list = new JsonArray();
        subtasks.forEach(s -> list.add(new JsonObject().put("name", s.name()).put("score", s.score()).put("max", s.max())));
        return list.encode();
    }
}
