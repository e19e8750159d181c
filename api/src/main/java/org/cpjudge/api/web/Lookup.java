package org.cpjudge.api.web;

import java.util.Optional;

/**
 * Where a page's JSON comes from: the same query the matching API endpoint answers with. Called off the
 * event loop (it may talk JDBC); empty when the key names nothing.
 */
@FunctionalInterface
public interface Lookup<T> {

    Optional<T> find(String key) throws Exception;
}
