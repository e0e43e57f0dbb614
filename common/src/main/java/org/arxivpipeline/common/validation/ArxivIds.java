package org.arxivpipeline.common.validation;

import java.util.regex.Pattern;

/** arXiv identifiers: their two forms, and the paper an id names whatever its version. */
public final class ArxivIds {

    /** {@code 2405.01234}, {@code 0704.0001v2}: the scheme since April 2007, four or five digits after the dot. */
    private static final Pattern NEW_ID = Pattern.compile("\\d{4}\\.\\d{4,5}(v[1-9]\\d{0,3})?");
    /** {@code hep-th/9901001}, {@code math.CO/0101001v1}: archive, optional subject class, YYMMNNN. */
    private static final Pattern OLD_ID = Pattern.compile("[a-z]+(-[a-z]+)?(\\.[A-Z]{2})?/\\d{7}(v[1-9]\\d{0,3})?");
    private static final Pattern VERSION = Pattern.compile("v\\d+$");

    /** How the messages describe a valid id. */
    public static final String FORMS = "2405.01234, 2405.01234v2, hep-th/9901001 or math.CO/0101001v1";

    /** The message for a parameter that should hold one id and does not. */
    public static final String NOT_AN_ID = "is not an arXiv id; ids look like " + FORMS;

    private ArxivIds() {
    }

    /** True for an arXiv id of either form, with or without a version. */
    public static boolean isValid(String id) {
        return id != null && (NEW_ID.matcher(id).matches() || OLD_ID.matcher(id).matches());
    }

    /** The id without its version ({@code 2405.01234v2} → {@code 2405.01234}): the paper it names. */
    public static String paper(String id) {
        return VERSION.matcher(id).replaceFirst("");
    }
}
