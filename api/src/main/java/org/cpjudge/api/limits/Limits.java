package org.cpjudge.api.limits;

/**
 * What one API process lets callers do: request rates per token and per address (all requests; then submissions
 * and problem uploads, more strictly, on top), and how many event streams may be open per address and in total.
 * The defaults are declared once, with the settings, in {@link org.cpjudge.api.config.ServerConfig}.
 */
public record Limits(
        Rate perToken,
        Rate perAddress,
        Rate submissionsPerToken,
        Rate submissionsPerAddress,
        Rate uploadsPerAddress,
        int streamsPerAddress,
        int streamsTotal,
        ClientAddress clientAddress) {

    public Limits {
        if (streamsPerAddress < 1 || streamsTotal < 1) {
            throw new IllegalArgumentException("stream caps must be at least 1");
        }
    }

    public Limits withRates(Rate perToken, Rate perAddress, Rate submissionsPerToken, Rate submissionsPerAddress,
                            Rate uploadsPerAddress) {
        return new Limits(perToken, perAddress, submissionsPerToken, submissionsPerAddress, uploadsPerAddress,
                streamsPerAddress, streamsTotal, clientAddress);
    }

    public Limits withStreams(int perAddress, int total) {
        return new Limits(perToken, this.perAddress, submissionsPerToken, submissionsPerAddress, uploadsPerAddress,
                perAddress, total, clientAddress);
    }

    /** These limits, counting per address the client that the given proxies forward for. */
    public Limits withClientAddress(ClientAddress other) {
        return new Limits(perToken, perAddress, submissionsPerToken, submissionsPerAddress, uploadsPerAddress,
                streamsPerAddress, streamsTotal, other);
    }
}
