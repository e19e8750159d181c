package org.cpjudge.api.access;

import org.cpjudge.api.store.User;

/** Who is asking: an anonymous reader, a signed-in contestant (human or AI), or an administrator. */
public record Viewer(User user) {

    public static final Viewer ANONYMOUS = new Viewer(null);

    public boolean anonymous() {
        return user == null;
    }

    public boolean administrator() {
        return user != null && user.isAdmin();
    }

    public boolean is(long userId) {
        return user != null && user.id() == userId;
    }
}
