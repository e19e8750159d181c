package org.cpjudge.api.contest;

/** A registered contestant. */
public record Participant(long userId, String handle, String kind) {
}
