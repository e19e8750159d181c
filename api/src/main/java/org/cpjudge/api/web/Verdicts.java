package org.cpjudge.api.web;

import java.util.Arrays;
import java.util.Optional;
import org.cpjudge.judge.Verdict;

/** What each verdict means, in words, for readers who do not know the abbreviations. */
final class Verdicts {

    private Verdicts() {
    }

    /** The words for a verdict as the JSON names it; a word that names no verdict is shown as it is. */
    static String describe(String verdict) {
        if (verdict == null) {
            return "";
        }
        return named(verdict).map(Verdicts::describe).orElse(verdict);
    }

    static String describe(Verdict verdict) {
        return switch (verdict) {
            case AC -> "Accepted";
            case WA -> "Wrong answer";
            case TLE -> "Time limit exceeded";
            case MLE -> "Memory limit exceeded";
            case RTE -> "Run-time error";
            case OLE -> "Output limit exceeded";
            case CE -> "Compilation error";
            case JE -> "Judge error (not the contestant's fault)";
        };
    }

    /** The verdict a JSON word names; pages read JSON, where the word is the enum's name. */
    private static Optional<Verdict> named(String word) {
        return Arrays.stream(Verdict.values()).filter(v -> v.name().equals(word)).findFirst();
    }
}
