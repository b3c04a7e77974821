package dev.switchboard.core.event;

/**
 * Recognises the timestamps senders write almost always, {@code 2025-11-12T10:30:45.123456} with
 * an optional {@code Z}, without the date-time formatter: a valid date (leap years included),
 * a valid time, one to nine fraction digits. The formatter's resolving costs several times the
 * rest of an event's parse. A text this check does not accept may still be valid (lower case,
 * an offset, no seconds, a five-digit year): the caller then asks the formatter.
 */
final class PlainTimestamps {

    private static final int[] DAYS_IN_MONTH = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private PlainTimestamps() {
    }

    /** @return true only if {@code text} is a valid ISO-8601 local date-time (or one with Z) */
    static boolean plainlyValid(String text) {
        int length = text.length();
        if (length < 19 || length > 30 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return false;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]
                || (month == 2 && day == 29 && !isLeap(year))
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return false;
        }
        int end = text.charAt(length - 1) == 'Z' ? length - 1 : length;
        if (end == 19) {
            return true;
        }
        int fraction = end - 20;
        return text.charAt(19) == '.' && fraction >= 1 && fraction <= 9 && digits(text, 20, fraction) >= 0;
    }

    /** @return the number the digits spell, or -1 if one of them is not an ASCII digit */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isLeap(int year) {
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    }
}
