package org.arxivpipeline.arxivapi.client;

import java.util.Optional;

/**
 * The {@code User-Agent} sent to arXiv: the software and its version ({@code ARXIV_USER_AGENT}, by default
 * {@code arxiv-pipeline/} and the build's version), then the deployment's contact when one is configured
 * ({@code ARXIV_CONTACT}), as arXiv asks of API clients: whoever runs a client that misbehaves can be
 * reached rather than blocked.
 */
public final class UserAgent {

    private UserAgent() {
    }

    /**
     * {@code product} alone, or {@code product (+contact)}.
     *
     * @throws IllegalArgumentException when the contact holds what a header comment cannot (a control
     *         character, a parenthesis, a backslash, anything not ASCII): refused at start rather than
     *         sent garbled, or refused by the HTTP client at every call
     */
    public static String header(String product, Optional<String> contact) {
        Optional<String> given = contact.map(String::strip).filter(value -> !value.isEmpty());
        if (given.isEmpty()) {
            return product;
        }
        String value = given.get();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '(' || c == ')' || c == '\\') {
                throw new IllegalArgumentException("ARXIV_CONTACT must be an e-mail address or URL in printable ASCII, "
                        + "without parentheses or backslashes: character " + (i + 1) + " is not");
            }
        }
        return product + " (+" + value + ")";
    }
}
