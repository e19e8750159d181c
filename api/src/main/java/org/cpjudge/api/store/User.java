package org.cpjudge.api.store;

/**
 * A person or an AI model that submits, or an administrator.
 *
 * @param provider     for AI users: who serves the model (null when not given)
 * @param modelVersion for AI users: the model's version or snapshot (null when not given)
 */
public record User(long id, String handle, String kind, String role, String name, String model,
                   Integer rating, Integer maxRating, String provider, String modelVersion) {

    /** A user with no provider or model version named. */
    public User(long id, String handle, String kind, String role, String name, String model, Integer rating,
                Integer maxRating) {
        this(id, handle, kind, role, name, model, rating, maxRating, null, null);
    }

    public boolean isAdmin() {
        return "admin".equals(role);
    }
}
