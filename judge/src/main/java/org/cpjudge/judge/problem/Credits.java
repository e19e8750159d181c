package org.cpjudge.judge.problem;

import java.util.List;
import java.util.Map;

/**
 * Who made a problem, as {@code problem.yaml}'s {@code credits} (2023-07 and later) or {@code author} (legacy)
 * says: each role with the people in it, a person as "Full Name" or "Full Name &lt;email&gt;".
 *
 * @param byRole  {@code authors}, {@code contributors}, {@code testers}, {@code translators} (as "lang: name"),
 *                {@code packagers}, {@code acknowledgements}, in that order, only the roles given
 * @param source  where the problem was first used ({@code source}, with its URL when given), if said
 */
public record Credits(Map<String, List<String>> byRole, List<String> source) {

    public static final Credits NONE = new Credits(Map.of(), List.of());

    public Credits {
        byRole = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byRole));
        source = List.copyOf(source);
    }

    public List<String> authors() {
        return byRole.getOrDefault("authors", List.of());
    }
}
