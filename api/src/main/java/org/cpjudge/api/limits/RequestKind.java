package org.cpjudge.api.limits;

import io.vertx.core.http.HttpMethod;

/** Which allowances a request draws on, from its method and path alone (nothing is read before it is let in). */
enum RequestKind {
    /** Liveness and readiness probes and metrics scrapes: a monitor's, never limited. */
    PROBE,
    /** Creating submissions, one or a batch: each costs a judge's time, so it is limited more strictly. */
    SUBMISSION,
    /** Importing a problem package: large bodies and a long import. */
    UPLOAD,
    OTHER;

    static RequestKind of(HttpMethod method, String path) {
        if (path.startsWith("/health/") || path.equals("/metrics")) {
            return PROBE;
        }
        if (method == HttpMethod.POST) {
            String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            if (p.equals("/api/v1/submissions") || p.equals("/api/v1/submissions/batch")) {
                return SUBMISSION;
            }
            if (p.equals("/api/v1/problems")) {
                return UPLOAD;
            }
        }
        return OTHER;
    }
}
