package org.cpjudge.api.contest;

import java.util.Map;
import org.cpjudge.rating.NewcomerRule;

/** The newcomer rules by the names the API and the configuration use. */
public final class NewcomerRules {

    private static final Map<String, NewcomerRule> BY_NAME = Map.of(
            "codeforces-2020", NewcomerRule.CODEFORCES_2020,
            "start-1500", NewcomerRule.START_AT_1500);

    private NewcomerRules() {
    }

    public static boolean known(String name) {
        return BY_NAME.containsKey(name);
    }

    public static NewcomerRule parse(String name) {
        NewcomerRule rule = BY_NAME.get(name);
        if (rule == null) {
            throw new IllegalArgumentException("newcomer rule must be one of " + BY_NAME.keySet() + ", got " + name);
        }
        return rule;
    }
}
