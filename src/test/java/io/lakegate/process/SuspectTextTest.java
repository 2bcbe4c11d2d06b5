package io.lakegate.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SuspectTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"RenÃ©e MÃ¼ller", "Ð¢Ð²ÐµÑ€ÑŒ", "Itâ€™s done", "cafÃ\u00A0", "Zo\uFFFD", "ðŸ˜€ smile"})
    void flagsUtf8ReadAsASingleBytePageAndTheReplacementCharacter(String value) {
        assertThat(SuspectText.looksMisdecoded(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"T-1001", "Renée Müller", "voilà\u00A0!", "Ñandú", "naïve", "Straße", "Ørsted", "Тверь",
        "東京", "Âge d'or", "à», dit-il"})
    void leavesRealTextAlone(String value) {
        assertThat(SuspectText.looksMisdecoded(value)).isFalse();
    }

    @Test
    void countsSuspectValuesPerStringColumnWithTheFirstAsExample() {
        SuspectText text = new SuspectText(new String[] {"customer", null, "city"});

        text.count(0, "RenÃ©e", true);
        text.count(0, "Ann", false);
        text.count(0, "JosÃ©", true);
        text.count(2, "Paris", false);

        assertThat(text.watches(1)).isFalse();
        assertThat(text.suspectColumns()).containsOnlyKeys("customer");
        SuspectText.Column customer = text.suspectColumns().get("customer");
        assertThat(customer.suspect()).isEqualTo(2);
        assertThat(customer.values()).isEqualTo(3);
        assertThat(customer.example()).isEqualTo("RenÃ©e");
    }
}
