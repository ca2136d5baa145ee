package dev.telemetry.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.MutableClock;
import dev.telemetry.health.HealthListener.HealthTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthMatrixTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private final MutableClock clock = new MutableClock(T0);
  private final CountDownLatch release = new CountDownLatch(1);
  private HealthMatrix matrix;

  @AfterEach
  void tearDown() {
    release.countDown();
    if (matrix != null) {
      matrix.close();
    }
  }

  @Test
  void beforeTheFirstCheckEveryServiceIsUnavailableNotCheckedYet() {
    matrix = HealthMatrix.builder().clock(clock).service("db", () -> ProbeResult.healthy("ok")).build();
    assertThat(matrix.snapshot()).containsExactly(
        new ServiceHealth("db", HealthStatus.UNAVAILABLE, "not checked yet", null, 0));
  }

  @Test
  void aHangingProbeIsDownAfterItsTimeoutAndTheOthersAreUnaffected() {
    CountDownLatch hangingStarted = new CountDownLatch(1);
    matrix = HealthMatrix.builder().clock(clock)
        .service("hangs", () -> {
          hangingStarted.countDown();
          release.await();
          return ProbeResult.healthy("late");
        }, Duration.ofMillis(50))
        .service("db", () -> ProbeResult.healthy("fine"))
        .service("cache", () -> ProbeResult.degraded("slow"))
        .build();

    List<ServiceHealth> round = matrix.checkNow().join();

    assertThat(round).extracting(ServiceHealth::service, ServiceHealth::status, ServiceHealth::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("hangs", HealthStatus.DOWN, "timed out after 50 ms"),
            org.assertj.core.groups.Tuple.tuple("db", HealthStatus.HEALTHY, "fine"),
            org.assertj.core.groups.Tuple.tuple("cache", HealthStatus.DEGRADED, "slow"));
    assertThat(round.get(0).latencyMs()).isEqualTo(50.0);
    assertThat(round).allSatisfy(h -> assertThat(h.checkedAt()).isEqualTo(T0));
    assertThat(matrix.snapshot()).isEqualTo(round);
  }

  @Test
  void aProbeStillRunningIsNotStartedTwice() throws Exception {
    AtomicInteger starts = new AtomicInteger();
    CountDownLatch interrupted = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    matrix = HealthMatrix.builder().clock(clock)
        .service("stubborn", () -> {
          starts.incrementAndGet();
          started.countDown();
          while (true) { // ignores interruption, like a driver without a timeout
            try {
              release.await();
              return ProbeResult.healthy("finally");
            } catch (InterruptedException e) {
              interrupted.countDown();
            }
          }
        }, Duration.ofMillis(20))
        .build();

    assertThat(matrix.checkNow().join().get(0).detail()).isEqualTo("timed out after 20 ms");
    assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("probe thread interrupted on timeout").isTrue();
    ServiceHealth second = matrix.checkNow().join().get(0);

    assertThat(second.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(second.detail()).isEqualTo("previous check still running (probe not returning)");
    assertThat(starts).hasValue(1);
  }

  @Test
  void aThrowingOrNullProbeIsContainedAsDownWithTheExceptionAsDetail() {
    matrix = HealthMatrix.builder().clock(clock)
        .service("throws", () -> {
          throw new IllegalStateException("pool exhausted");
        })
        .service("errors", () -> {
          throw new StackOverflowError();
        })
        .service("null", () -> null)
        .build();

    assertThat(matrix.checkNow().join()).extracting(ServiceHealth::status, ServiceHealth::detail).containsExactly(
        org.assertj.core.groups.Tuple.tuple(HealthStatus.DOWN, "probe threw IllegalStateException: pool exhausted"),
        org.assertj.core.groups.Tuple.tuple(HealthStatus.DOWN, "probe threw StackOverflowError"),
        org.assertj.core.groups.Tuple.tuple(HealthStatus.DOWN, "probe returned no result"));
  }

  @Test
  void statusChangesAreDeliveredToListenersAndAThrowingListenerIsContained() {
    AtomicReference<ProbeResult> next = new AtomicReference<>(ProbeResult.healthy("ok"));
    List<HealthTransition> seen = new CopyOnWriteArrayList<>();
    matrix = HealthMatrix.builder().clock(clock).service("db", next::get).build();
    matrix.addListener(t -> {
      throw new RuntimeException("listener bug");
    });
    matrix.addListener(seen::add);

    matrix.checkNow().join(); // first result: not a transition
    clock.advance(Duration.ofSeconds(10));
    matrix.checkNow().join(); // unchanged
    next.set(ProbeResult.down("refused"));
    clock.advance(Duration.ofSeconds(10));
    matrix.checkNow().join();
    next.set(ProbeResult.healthy("back"));
    clock.advance(Duration.ofSeconds(10));
    matrix.checkNow().join();

    assertThat(seen).containsExactly(
        new HealthTransition("db", HealthStatus.HEALTHY, HealthStatus.DOWN, "refused", T0.plusSeconds(20)),
        new HealthTransition("db", HealthStatus.DOWN, HealthStatus.HEALTHY, "back", T0.plusSeconds(30)));
    assertThat(matrix.listenerFailures()).isEqualTo(2);
  }

  @Test
  void startRunsARoundImmediatelyOnTheGivenSchedulerAndRefusesASecondStart() throws Exception {
    CountDownLatch checked = new CountDownLatch(1);
    matrix = HealthMatrix.builder().clock(clock).service("db", () -> {
      checked.countDown();
      return ProbeResult.healthy("ok");
    }).build();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      matrix.start(scheduler);
      assertThat(checked.await(5, TimeUnit.SECONDS)).isTrue();
      assertThatThrownBy(() -> matrix.start(scheduler)).hasMessage("health matrix already started");
    } finally {
      matrix.close();
      scheduler.shutdownNow();
    }
  }

  @Test
  void builderRejectsBadNamesDuplicatesAndOutOfRangeDurations() {
    HealthProbe ok = () -> ProbeResult.healthy("");
    assertThatThrownBy(() -> HealthMatrix.builder().service("", ok)).hasMessageContaining("health service name ''");
    assertThatThrownBy(() -> HealthMatrix.builder().service("db", ok).service("db", ok))
        .hasMessage("health service 'db' is declared twice");
    assertThatThrownBy(() -> HealthMatrix.builder().service("db", ok, Duration.ZERO))
        .hasMessage("timeout of 'db' must be between PT0.001S and PT5M, was PT0S");
    assertThatThrownBy(() -> HealthMatrix.builder().interval(Duration.ofMillis(10)))
        .hasMessage("interval must be between PT1S and PT1H, was PT0.01S");
  }
}
