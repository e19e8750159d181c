package org.cpjudge.api.limits;

/**
 * A token bucket's shape: {@code perSecond} tokens come back each second, up to {@code burst} held at once. Written
 * {@code "20:100"} (20 a second, bursts of 100) in settings; {@code "off"} is no limit.
 */
public record Rate(double perSecond, int burst) {

    public static final Rate UNLIMITED = new Rate(Double.POSITIVE_INFINITY, Integer.MAX_VALUE);

    public Rate {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("a rate needs more than 0 per second and a burst of at least 1");
        }
    }

    public boolean unlimited() {
        return Double.isInfinite(perSecond);
    }

    /** {@code "RATE:BURST"} (RATE per second, a decimal; BURST a whole number) or {@code "off"}. */
    public static Rate parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("off")) {
            return UNLIMITED;
        }
        int colon = t.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("write RATE:BURST (e.g. 20:100, 20 a second in bursts of 100) or off,"
                    + " got '" + text + "'");
        }
        try {
            double perSecond = Double.parseDouble(t.substring(0, colon).trim());
            int burst = Integer.parseInt(t.substring(colon + 1).trim());
            if (Double.isNaN(perSecond) || Double.isInfinite(perSecond)) {
                throw new NumberFormatException();
            }
            return new Rate(perSecond, burst);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("RATE:BURST needs a number and a whole number, got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return unlimited() ? "off" : perSecond + ":" + burst;
    }
}
