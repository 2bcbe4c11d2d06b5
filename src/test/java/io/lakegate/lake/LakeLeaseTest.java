package io.lakegate.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.TestClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeLeaseTest {

    private static final Duration TTL = Duration.ofMinutes(3);
    private static final Instant NOON = Instant.parse("2026-11-27T12:00:00Z");

    @TempDir
    static Path folder;

    static EmbeddedLake lake;

    @BeforeAll
    static void start() {
        lake = new EmbeddedLake(folder.resolve("lake-data"));
    }

    @AfterAll
    static void stop() throws Exception {
        lake.close();
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private static LakeLease.Acquisition acquire(String key, String owner, Instant now) {
        return LakeLease.acquire(lake.storage(), key, owner, TTL, at(now));
    }

    @Test
    void onlyOneWorkerHoldsALeaseAndTheOtherIsToldWhoAndUntilWhen() {
        LakeLease.Acquisition first = acquire("_leases/one.json", "pod-a", NOON);
        LakeLease.Acquisition second = acquire("_leases/one.json", "pod-b", NOON.plusSeconds(10));

        assertThat(first.lease()).isPresent();
        assertThat(second.lease()).isEmpty();
        assertThat(second.refusal()).isEqualTo("pod-a holds the lease _leases/one.json until 2026-11-27T12:03:00Z");
    }

    @Test
    void aReleasedLeaseCanBeTakenAtOnce() {
        acquire("_leases/two.json", "pod-a", NOON).lease().orElseThrow().close();

        assertThat(lake.storage().head("_leases/two.json")).isEmpty();
        assertThat(acquire("_leases/two.json", "pod-b", NOON.plusSeconds(1)).lease()).isPresent();
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheFormerHolderLearnsItLostItWhenItRenews() {
        TestClock podA = new TestClock(NOON);
        LakeLease stalled = LakeLease.acquire(lake.storage(), "_leases/three.json", "pod-a", TTL, podA).lease().orElseThrow();

        LakeLease.Acquisition takeover = acquire("_leases/three.json", "pod-b", NOON.plus(TTL).plusSeconds(1));

        assertThat(takeover.lease()).isPresent();
        podA.set(NOON.plus(TTL).plusSeconds(2));
        assertThatThrownBy(stalled::renewIfDue).hasMessageContaining("was lost to another worker");
        stalled.close();
        assertThat(lake.storage().head("_leases/three.json")).as("pod-a must not release pod-b's lease").isPresent();
    }

    @Test
    void aHolderThatLostItsLeaseCannotRenewOrReleaseItEvenUnderTheSameOwnerName() {
        // Two instances on one host once shared an owner name: the loser's release deleted the winner's lease.
        TestClock first = new TestClock(NOON);
        LakeLease stalled = LakeLease.acquire(lake.storage(), "_leases/same.json", "host-1", TTL, first).lease().orElseThrow();
        LakeLease winner = acquire("_leases/same.json", "host-1", NOON.plus(TTL).plusSeconds(1)).lease().orElseThrow();

        first.set(NOON.plus(TTL).plusSeconds(2));
        assertThatThrownBy(stalled::renewIfDue).hasMessageContaining("was lost to another worker");
        stalled.close();

        assertThat(lake.storage().head("_leases/same.json")).as("the winner's lease stays").isPresent();
        winner.close();
        assertThat(lake.storage().head("_leases/same.json")).isEmpty();
    }

    @Test
    void eachProcessHasItsOwnOwnerName() {
        assertThat(ReplicaName.get()).contains("-" + ProcessHandle.current().pid() + "-").matches("[^/\\s]+");
    }

    @Test
    void eachTakeoverOfALeaseLeftToExpireIsCounted() {
        assertThat(acquire("_leases/dying.json", "pod-a", NOON).lease().orElseThrow().takeovers()).isZero();
        LakeLease second = acquire("_leases/dying.json", "pod-b", NOON.plus(TTL).plusSeconds(1)).lease().orElseThrow();
        LakeLease third = acquire("_leases/dying.json", "pod-c", NOON.plus(TTL.multipliedBy(2)).plusSeconds(2)).lease().orElseThrow();

        assertThat(second.takeovers()).isEqualTo(1);
        assertThat(third.takeovers()).isEqualTo(2);
        third.close();
        assertThat(acquire("_leases/dying.json", "pod-d", NOON.plus(TTL.multipliedBy(3))).lease().orElseThrow().takeovers())
                .as("a lease given back starts again at 0").isZero();
    }

    @Test
    void renewingMovesTheExpiryOnSoNobodyTakesItOverWhileTheWorkGoesOn() {
        TestClock clock = new TestClock(NOON);
        LakeLease lease = LakeLease.acquire(lake.storage(), "_leases/four.json", "pod-a", TTL, clock).lease().orElseThrow();

        clock.set(NOON.plus(Duration.ofMinutes(2)));
        lease.renewIfDue();

        assertThat(acquire("_leases/four.json", "pod-b", NOON.plus(TTL).plusSeconds(1)).lease())
                .as("renewed at 12:02, the lease runs until 12:05").isEmpty();
        assertThat(acquire("_leases/four.json", "pod-b", NOON.plus(Duration.ofMinutes(5)).plusSeconds(1)).lease()).isPresent();
    }
}
