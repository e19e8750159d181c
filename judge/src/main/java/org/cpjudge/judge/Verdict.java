package org.cpjudge.judge;

/** The outcome of judging one test case or a whole submission. */
public enum Verdict {
    /** Accepted. */
    AC,
    /** Wrong answer: the output validator rejected the output. */
    WA,
    /** Time limit exceeded. */
    TLE,
    /** Memory limit exceeded. */
    MLE,
    /** Run-time error: non-zero exit or killed by a signal. */
    RTE,
    /** Output limit exceeded. */
    OLE,
    /** Compile error. */
    CE,
    /** Judge error: the sandbox, a validator or the package failed; never the submission's fault. */
    JE;

    /** The verdict the folders of {@code submissions/} name, such as {@code wrong_answer}; empty if none. */
    public static java.util.Optional<Verdict> forSubmissionFolder(String folder) {
        return java.util.Optional.ofNullable(switch (folder) {
            case "accepted" -> AC;
            case "wrong_answer" -> WA;
            case "time_limit_exceeded" -> TLE;
            case "run_time_error" -> RTE;
            case "memory_limit_exceeded" -> MLE;
            case "output_limit_exceeded" -> OLE;
            case "compile_error" -> CE;
            default -> null;
        });
    }
}
