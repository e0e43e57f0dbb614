package org.arxivpipeline.queries.rest;

import static io.restassured.RestAssured.given;

/** One series of the service's /q/metrics, read as the scraper reads it. */
final class Metrics {

    private Metrics() {
    }

    /** The value of the first series whose line starts with {@code nameAndFirstLabels} (e.g. {@code name{label="x"}). */
    static double value(String nameAndFirstLabels) {
        for (String line : given().when().get("/q/metrics").then().statusCode(200).extract().asString().split("\n")) {
            if (line.startsWith(nameAndFirstLabels)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError(nameAndFirstLabels + " is not exposed");
    }
}
