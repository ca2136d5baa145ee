package dev.telemetry.contract;

/**
 * Classifies one path segment {@code route[start, end)} by scanning its characters, never by
 * substring or regex: {@link RouteTemplates#isNormalised(String)} runs on every recorded route and
 * must not allocate. {@link RouteTemplates#normalise(String)} uses the same checks, so the two can
 * never disagree about what a normalised route is.
 */
final class RouteSegments {

    static final String ID = "{id}";
    static final String UUID = "{uuid}";
    static final String HEX = "{hex}";
    static final String EMAIL = "{email}";
    static final String TOKEN = "{token}";
    static final String PHONE = "{phone}";

    static final int MIN_HEX_LENGTH = 16;
    static final int MIN_TOKEN_LENGTH = 20;
    /** Random mixed-case tokens (no digit needed) qualify from this length. */
    static final int MIN_MIXED_CASE_TOKEN_LENGTH = 16;
    static final int MIN_PHONE_DIGITS = 7;
    static final int MIN_CODE_ID_LENGTH = 8;
    static final int MAX_TEMPLATE_NAME_LENGTH = 64;

    private static final int UUID_LENGTH = 36;

    private RouteSegments() {}

    /**
     * The default placeholder replacing the segment, or null when no default rule applies. Callers
     * check {@link #isTemplate} first: templates are kept as they are.
     */
    static String defaultPlaceholder(String route, int start, int end) {
        if (isAllDigits(route, start, end)) {
            return ID;
        }
        if (isUuid(route, start, end)) {
            return UUID;
        }
        if (end - start >= MIN_HEX_LENGTH && isAllHex(route, start, end)) {
            return HEX;
        }
        if (isEmail(route, start, end)) {
            return EMAIL;
        }
        if (isOpaqueToken(route, start, end) || isMixedCaseToken(route, start, end)) {
            return TOKEN;
        }
        if (isPhoneNumber(route, start, end)) {
            return PHONE;
        }
        if (isCodeId(route, start, end)) {
            return ID;
        }
        return null;
    }

    /**
     * An identifier written in capitals and digits, such as {@code T024BE7LD} or
     * {@code ORD20261129X}: at least {@value #MIN_CODE_ID_LENGTH} characters, two or more of them
     * digits. Workspace, order and ticket ids have this shape; words and versions do not.
     */
    private static boolean isCodeId(String s, int start, int end) {
        if (end - start < MIN_CODE_ID_LENGTH) {
            return false;
        }
        int digits = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (isDigit(c)) {
                digits++;
            } else if (!(c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return digits >= 2 && digits < end - start;
    }

    /** {@code {name}}, {@code :name} or {@code *} / {@code **}: already a route template. */
    static boolean isTemplate(String route, int start, int end) {
        int length = end - start;
        if (length == 0) {
            return false;
        }
        char first = route.charAt(start);
        if (first == '*') {
            return length == 1 || (length == 2 && route.charAt(start + 1) == '*');
        }
        if (first == ':') {
            return isName(route, start + 1, end);
        }
        return first == '{' && route.charAt(end - 1) == '}' && isName(route, start + 1, end - 1);
    }

    /** A template variable name: a letter or underscore, then letters, digits or underscores. */
    static boolean isName(String s, int start, int end) {
        int length = end - start;
        if (length < 1 || length > MAX_TEMPLATE_NAME_LENGTH) {
            return false;
        }
        char first = s.charAt(start);
        if (!(isLetter(first) || first == '_')) {
            return false;
        }
        for (int i = start + 1; i < end; i++) {
            char c = s.charAt(i);
            if (!(isLetter(c) || isDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAllDigits(String s, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return end > start;
    }

    private static boolean isAllHex(String s, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!isHex(s.charAt(i))) {
                return false;
            }
        }
        return end > start;
    }

    /** 8-4-4-4-12 hex digits, any case. */
    private static boolean isUuid(String s, int start, int end) {
        if (end - start != UUID_LENGTH) {
            return false;
        }
        for (int i = 0; i < UUID_LENGTH; i++) {
            char c = s.charAt(start + i);
            boolean dashPosition = i == 8 || i == 13 || i == 18 || i == 23;
            if (dashPosition ? c != '-' : !isHex(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Deliberately broad, because a missed email is a privacy leak while a false hit only costs a
     * placeholder: an {@code @} after the first character. That also takes URL user info
     * ({@code user:password@host}) in a path whose {@code //} was collapsed, and hostless or
     * dotless addresses; {@code /@scope/package} keeps its leading {@code @}.
     */
    private static boolean isEmail(String s, int start, int end) {
        for (int i = start + 1; i < end; i++) {
            if (s.charAt(i) == '@') {
                return true;
            }
        }
        return false;
    }

    /**
     * At least 20 base64url characters ({@code [A-Za-z0-9_-]}, {@code =} padding) mixing letters
     * and digits: session ids, API keys, signed links. Dots are not token characters, so file
     * names such as {@code bootstrap-5.3.2.min.js} stay; a JWT ({@code eyJ…}) is a token despite
     * its dots.
     */
    private static boolean isOpaqueToken(String s, int start, int end) {
        if (end - start < MIN_TOKEN_LENGTH) {
            return false;
        }
        boolean jwt = s.startsWith("eyJ", start);
        boolean letter = false;
        boolean digit = false;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (isLetter(c)) {
                letter = true;
            } else if (isDigit(c)) {
                digit = true;
            } else if (!(c == '-' || c == '_' || c == '=' || (jwt && c == '.'))) {
                return false;
            }
        }
        return letter && digit;
    }

    /**
     * At least 16 letters and base64url characters mixing upper and lower case the way random
     * text does, so a session id without digits ({@code ZRsTDQpLmXwKqBvN}) is a token while a
     * camelCase name ({@code getCustomerOrders}) stays: most of a name's letters sit in
     * lowercase runs of three or more.
     */
    private static boolean isMixedCaseToken(String s, int start, int end) {
        if (end - start < MIN_MIXED_CASE_TOKEN_LENGTH) {
            return false;
        }
        boolean upper = false;
        boolean lower = false;
        int letters = 0;
        int inWords = 0;
        int run = 0;
        for (int i = start; i <= end; i++) {
            char c = i < end ? s.charAt(i) : '/';
            if (i < end && !(isLetter(c) || isDigit(c) || c == '-' || c == '_' || c == '=')) {
                return false;
            }
            boolean isLower = c >= 'a' && c <= 'z';
            upper |= c >= 'A' && c <= 'Z';
            lower |= isLower;
            letters += isLetter(c) ? 1 : 0;
            if (isLower) {
                run++;
            } else {
                inWords += run >= 3 ? run : 0;
                run = 0;
            }
        }
        return upper && lower && inWords * 10 < letters * 6;
    }

    /**
     * A phone number: an optional {@code +}, then digits with {@code - . ( )} between them, at
     * least 7 digits and not only digits (those are {@link #ID}); ISO dates are not phones.
     */
    private static boolean isPhoneNumber(String s, int start, int end) {
        int digits = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (isDigit(c)) {
                digits++;
            } else if (!(c == '-' || c == '.' || c == '(' || c == ')' || (c == '+' && i == start))) {
                return false;
            }
        }
        boolean isoDate = end - start == 10 && s.charAt(start + 4) == '-' && s.charAt(start + 7) == '-';
        return digits >= MIN_PHONE_DIGITS && digits <= 15 && !isoDate;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
