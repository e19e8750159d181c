package org.cpjudge.api.contest;

/** Who may register: anyone (public) or those an administrator registers or who hold the invitation code. */
public enum Visibility {
    PUBLIC, PRIVATE
}
