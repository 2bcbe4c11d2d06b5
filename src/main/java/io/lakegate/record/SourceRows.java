package io.lakegate.record;

/** Where a typed row came from: each source row's text and fields, made Strings only when asked. */
public interface SourceRows {

    /** The row exactly as it stood in the file. */
    String text(int row);

    /** The row's field values. */
    String[] fields(int row);
}
