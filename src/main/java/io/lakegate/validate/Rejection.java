package io.lakegate.validate;

/** A check's refusal: the stable code and a sentence the producer can act on. */
public final class Rejection extends Exception {

    private final RejectCode code;

    public Rejection(RejectCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public RejectCode code() {
        return code;
    }
}
