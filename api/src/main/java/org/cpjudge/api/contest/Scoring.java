package org.cpjudge.api.contest;

/** How a contest turns tries into standings; {@link ScoringRule} holds each rule's arithmetic. */
public enum Scoring {
    /** Solved problems, then penalty minutes, then the earlier last accepted try. */
    ICPC,
    /** Points per problem from its subtasks (or its best submission), summed. */
    IOI,
    /** Codeforces round: each problem's value falls with time and rejected tries. */
    CODEFORCES
}
