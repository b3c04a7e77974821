package dev.switchboard.plugins.secure;

/**
 * One stretch of text to replace: {@code [start, end)} of the scanned string, the marker that
 * replaces it, and the rank of the detector that found it (lower ranks name merged findings).
 */
record Finding(int start, int end, String marker, int rank) {
}
