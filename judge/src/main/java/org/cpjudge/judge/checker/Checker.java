package org.cpjudge.judge.checker;

import java.io.IOException;
import java.nio.file.Path;
import org.cpjudge.judge.problem.TestCase;

/** Decides whether a submission's output for a test case is right. */
public interface Checker {

    /**
     * @param output   the submission's output (a host file outside any box)
     * @param scratch  an empty folder this check may use
     */
    CheckResult check(TestCase test, Path output, Path scratch) throws IOException, InterruptedException;
}
