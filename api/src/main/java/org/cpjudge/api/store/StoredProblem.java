package org.cpjudge.api.store;

/** A problem as the database knows it; the package itself is fetched apart, by hash, when a worker needs it. */
public record StoredProblem(String id, String name, int timeLimitMs, int memoryLimitMb, int testcases,
                            String packageSha256) {
}
