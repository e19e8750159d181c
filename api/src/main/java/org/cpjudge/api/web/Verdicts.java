package org.cpjudge.api.web;

/** What each verdict means, in words, for readers who do not know the abbreviations. */
final class Verdicts {

    private Verdicts() {
    }

    static String describe(String verdict) {
        if (verdict == null) {
            return "";
        }
        return switch (verdict) {
            case "AC" -> "Accepted";
            case "WA" -> "Wrong answer";
            case "TLE" -> "Time limit exceeded";
            case "MLE" -> "Memory limit exceeded";
            case "RTE" -> "Run-time error";
            case "OLE" -> "Output limit exceeded";
            case "CE" -> "Compilation error";
            case "JE" -> "Judge error (not the contestant's fault)";
            default -> verdict;
        };
    }
}
