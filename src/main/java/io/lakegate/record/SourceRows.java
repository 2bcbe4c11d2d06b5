package io.lakegate.record;

/** Where a typed row came from: the source text of each row of a batch, made a String only when asked. */
public interface SourceRows {
    String text(int row);
}
