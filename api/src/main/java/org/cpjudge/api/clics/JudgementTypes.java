package org.cpjudge.api.clics;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.cpjudge.judge.Verdict;

/**
 * Our verdicts as the specification's judgement types. Every verdict we give has a standard id of the same
 * name (AC, WA, TLE, MLE, RTE, OLE, CE, JE), so the mapping is the identity on names; what it adds is the name
 * and whether the type costs penalty time, which follows our scoring rule: compile errors and the judge's own
 * errors cost nothing, every other rejection does.
 */
public final class JudgementTypes {

    private JudgementTypes() {
    }

    public static String id(Verdict v) {
        return switch (v) {
            case AC -> "AC";
            case WA -> "WA";
            case TLE -> "TLE";
            case MLE -> "MLE";
            case RTE -> "RTE";
            case OLE -> "OLE";
            case CE -> "CE";
            case JE -> "JE";
        };
    }

    static String name(Verdict v) {
        return switch (v) {
            case AC -> "Accepted";
            case WA -> "Wrong Answer";
            case TLE -> "Time Limit Exceeded";
            case MLE -> "Memory Limit Exceeded";
            case RTE -> "Run-Time Error";
            case OLE -> "Output Limit Exceeded";
            case CE -> "Compile Error";
            case JE -> "Judging Error";
        };
    }

    static boolean penalty(Verdict v) {
        return v != Verdict.AC && v != Verdict.CE && v != Verdict.JE;
    }

    static JsonObject json(Verdict v) {
        return new JsonObject().put("id", id(v)).put("name", name(v)).put("penalty", penalty(v))
                .put("solved", v == Verdict.AC);
    }

    static JsonArray all() {
        JsonArray list = new JsonArray();
        for (Verdict v : Verdict.values()) {
            list.add(json(v));
        }
        return list;
    }

    /** A stored test case verdict; anything we do not know is the judge's error, never the contestant's. */
    static Verdict parse(String text) {
        try {
            return Verdict.valueOf(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Verdict.JE;
        }
    }
}
