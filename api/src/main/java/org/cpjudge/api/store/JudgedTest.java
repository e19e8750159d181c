package org.cpjudge.api.store;

/** One test case's result as stored. */
public record JudgedTest(String name, String verdict, int timeMs, int memoryKb, Double score) {
}
