package io.lakegate.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.validate.EncodingDetector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LateEncodingReaderTest {

    private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");

    private final EncodingDetector detector = new EncodingDetector(List.of(Charset.forName("windows-1252")));

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 8192, 100_000})
    void readsTheRestOfAFileInTheCodePageItsFirstByteThatIsNotUtf8IsIn(int chunk) throws IOException {
        String ascii = asciiRows(90_000);
        String russian = Files.readString(Path.of("src", "test", "resources", "encodings", "ru.csv"));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(ascii.getBytes(StandardCharsets.US_ASCII));
        file.writeBytes(russian.getBytes(WINDOWS_1251));
        LateEncodingReader reader = reader(file.toByteArray());

        assertThat(readAll(reader, chunk)).isEqualTo(ascii + russian);
        assertThat(reader.decision()).hasValueSatisfying(decision -> {
            assertThat(decision.offset()).isEqualTo(ascii.length() + russian.indexOf('н'));
            assertThat(decision.sample().charset()).isEqualTo(WINDOWS_1251);
        });
    }

    @Test
    void readsOnAsUtf8WithReplacementCharactersWhenTheDetectorIsNotSure() throws IOException {
        String ascii = asciiRows(90_000);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(ascii.getBytes(StandardCharsets.US_ASCII));
        file.writeBytes("1;Тверь;10\n".getBytes(WINDOWS_1251));
        LateEncodingReader reader = reader(file.toByteArray());

        assertThat(readAll(reader, 4096)).isEqualTo(ascii + "1;\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD;10\n");
        assertThat(reader.decision()).isEmpty();
    }

    @Test
    void readsUtf8AsUtf8() throws IOException {
        String text = asciiRows(90_000) + "1;Zoë Ærøskøbing;10\n";
        LateEncodingReader reader = reader(text.getBytes(StandardCharsets.UTF_8));

        assertThat(readAll(reader, 4096)).isEqualTo(text);
        assertThat(reader.decision()).isEmpty();
    }

    private LateEncodingReader reader(byte[] content) {
        return new LateEncodingReader(new ByteArrayInputStream(content), detector, List.of());
    }

    private static String asciiRows(int chars) {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; rows.length() < chars; i++) {
            rows.append(i).append(";S01;").append(i * 3).append('\n');
        }
        return rows.toString();
    }

    private static String readAll(Reader reader, int chunk) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[chunk];
        for (int read; (read = reader.read(buffer, 0, chunk)) >= 0; ) {
            text.append(buffer, 0, read);
        }
        assertThat(reader.read(buffer, 0, chunk)).isEqualTo(-1);
        return text.toString();
    }
}
