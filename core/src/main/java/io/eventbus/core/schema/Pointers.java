package io.eventbus.core.schema;

/** JSON pointers (RFC 6901), built one step at a time. */
final class Pointers {

    private Pointers() {
    }

    /** {@code base} followed by the object member {@code name}, escaped. */
    static String member(String base, String name) {
        return base + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    /** {@code base} followed by the array element {@code index}. */
    static String element(String base, int index) {
        return base + "/" + index;
    }

    /** The pointer as prose: {@code the root} for {@code ""}, else itself. */
    static String prose(String pointer) {
        return pointer.isEmpty() ? "the root" : pointer;
    }
}
