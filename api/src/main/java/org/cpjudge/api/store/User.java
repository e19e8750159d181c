package org.cpjudge.api.store;

/** A person or an AI model that submits, or an administrator. */
public record User(long id, String handle, String kind, String role, String name, String model,
                   Integer rating, Integer maxRating) {

    public boolean isAdmin() {
        return "admin".equals(role);
    }
}
