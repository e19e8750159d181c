package org.cpjudge.api.statement;

/** A statement in one language and format: {@code file} is its name inside the statement folder. */
public record StatementEdition(String language, StatementFormat format, String file) {
}
