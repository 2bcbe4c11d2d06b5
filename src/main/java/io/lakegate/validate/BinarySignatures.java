package io.lakegate.validate;

/**
 * Recognises well-known binary formats by their first bytes, so a producer who uploads a workbook or a
 * compressed file under a .csv name is told what the file really is.
 */
final class BinarySignatures {

    private record Signature(byte[] magic, String description, String advice) {
    }

    private static final Signature[] SIGNATURES = {
        new Signature(bytes(0x1F, 0x8B), "gzip-compressed", "name it with a .gz suffix (e.g. sales.csv.gz)"),
        new Signature(bytes('P', 'K', 0x03, 0x04), "a ZIP archive (an .xlsx workbook is one)", "export the sheet as CSV"),
        new Signature(bytes(0xD0, 0xCF, 0x11, 0xE0), "a legacy Office document (.xls)", "export the sheet as CSV"),
        new Signature(bytes('%', 'P', 'D', 'F'), "a PDF document", "send the data as delimited text"),
        new Signature(bytes('P', 'A', 'R', '1'), "a Parquet file", "send the data as delimited text"),
        new Signature(bytes(0x89, 'P', 'N', 'G'), "a PNG image", "send the data as delimited text"),
        new Signature(bytes(0xFF, 0xD8, 0xFF), "a JPEG image", "send the data as delimited text"),
        new Signature(bytes(0x7F, 'E', 'L', 'F'), "an executable", "send the data as delimited text"),
    };

    private BinarySignatures() {
    }

    static void rejectKnownBinary(byte[] start) throws Rejection {
        for (Signature signature : SIGNATURES) {
            if (startsWith(start, signature.magic())) {
                throw new Rejection(RejectCode.BINARY_CONTENT,
                        "The file is " + signature.description() + ", not delimited text; " + signature.advice() + ".");
            }
        }
    }

    static boolean isGzip(byte[] start) {
        return startsWith(start, SIGNATURES[0].magic());
    }

    static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
