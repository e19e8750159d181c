package org.cpjudge.judge.checker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cpjudge.judge.HostFiles;
import org.cpjudge.judge.problem.TestCase;

/** Runs the {@link DefaultValidator} in the judge itself: it is our code, so it needs no box. */
public final class DefaultChecker implements Checker {

    private final int maxOutputBytes;

    public DefaultChecker(long outputLimitBytes) {
        this.maxOutputBytes = (int) Math.min(Integer.MAX_VALUE - 16, outputLimitBytes + 1);
    }

    @Override
    public CheckResult check(TestCase test, Path output, Path scratch) throws IOException {
        DefaultValidator validator;
        try {
            validator = new DefaultValidator(test.validatorArgs());
        } catch (IllegalArgumentException e) {
            return CheckResult.judgeError(e.getMessage());
        }
        return validator.check(HostFiles.readRegular(output, maxOutputBytes), Files.readAllBytes(test.answer()));
    }
}
