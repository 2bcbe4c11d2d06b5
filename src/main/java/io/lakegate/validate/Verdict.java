package io.lakegate.validate;

import io.lakegate.lake.LakeObject;

/** A raw object with the decision taken on it; the body the validate route routes on. */
public record Verdict(LakeObject object, ValidationReport report) {

    public boolean isAccepted() {
        return report.isAccepted();
    }
}
