package org.cpjudge.judge.checker;

import java.io.IOException;
import java.nio.file.Path;
import org.cpjudge.judge.problem.TestCase;

/** Decides whether a submission's output for a test case is right. */
public interface Checker {

    /**
     * @param output   the submission's output (a host file outside any box)
     * @param scratch  a folder this check may use, not made yet: a check that needs one makes it (the default
     *                 checker needs none, and each folder made and removed costs per test case)
     */
    CheckResult check(TestCase test, Path output, Path scratch) throws IOException, InterruptedException;
}
