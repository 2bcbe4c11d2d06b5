package io.lakegate.quality;

import io.lakegate.record.RowReason;
import io.lakegate.record.TypedRecord;

/** One rule applied to one row: the reason it fails, or null when the row passes. */
@FunctionalInterface
interface RowCheck {
    RowReason check(TypedRecord row);
}
