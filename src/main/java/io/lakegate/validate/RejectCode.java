package io.lakegate.validate;

import java.util.Locale;

/**
 * Why a file was refused at the door. The lower-case names are the stable codes written to
 * {@code reason.json}; producers and alerts may match on them, so they never change meaning.
 */
public enum RejectCode {
    UNSUPPORTED_FILE_TYPE,
    FILE_TOO_LARGE,
    UNKNOWN_DATASET,
    EMPTY_FILE,
    INVALID_COMPRESSION,
    BINARY_CONTENT,
    INVALID_ENCODING,
    /**
     * The file is not UTF-8 and language statistics cannot tell its code page for sure; the reason shows a line
     * read each likely way, and the contract's {@code source.encoding} settles it.
     */
    AMBIGUOUS_ENCODING,
    UNDETECTABLE_DELIMITER,
    UNCLOSED_QUOTE,
    MISSING_HEADER,
    DUPLICATE_COLUMN_NAME,
    TOO_MANY_COLUMNS,
    MISSING_REQUIRED_COLUMNS,
    UNEXPECTED_COLUMNS,
    RAGGED_ROWS,
    /** The key cannot be written in the lake's zones: too long, or not UTF-8 text. */
    UNSUPPORTED_FILE_NAME,
    /** S3 refuses to let the object be read for a reason retrying does not change; the reason names S3's code. */
    UNREADABLE_OBJECT,
    VALIDATION_FAILED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
