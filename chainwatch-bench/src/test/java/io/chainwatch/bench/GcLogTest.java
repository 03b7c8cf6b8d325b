package io.chainwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcLogTest {
  @TempDir Path dir;

  /** A hunt that ends before its first collection still reports the heap it used: the parallel collector's exit figures. */
  @Test
  void withoutPauses_theHeapInUseAtExitIsThePeak() throws IOException {
    Path log = dir.resolve("gc.log");
    Files.writeString(log, String.join("\n",
        "[0.005s][info][gc] Using Parallel",
        "[4.113s][info][gc,heap,exit] Heap",
        "[4.113s][info][gc,heap,exit]  PSYoungGen      total 458752K, used 374442K [0x00000000e0000000, 0x0000000100000000)",
        "[4.113s][info][gc,heap,exit]   eden space 393216K, 95% used [0x00000000e0000000,0x00000000f6daabf0)",
        "[4.113s][info][gc,heap,exit]  ParOldGen       total 524288K, used 10240K [0x00000000c0000000, 0x00000000e0000000)",
        "[4.113s][info][gc,heap,exit]   object space 524288K, 1% used [0x00000000c0000000,0x00000000c0000000)",
        "[4.113s][info][gc,heap,exit]  Metaspace       used 3570K, committed 3840K, reserved 1114112K", ""));
    GcLog gc = GcLog.read(log);
    assertThat(gc.pauses()).isZero();
    assertThat(gc.peakUsedMb()).isEqualTo((374442 + 10240) / 1024);
    assertThat(gc.peakCommittedMb()).isEqualTo((458752 + 524288) / 1024);
  }

  @Test
  void pausesGiveThePeakBeforeAndAfterCollections() throws IOException {
    Path log = dir.resolve("gc.log");
    Files.writeString(log, String.join("\n",
        "[2.938s][info][gc] GC(0) Pause Young (Allocation Failure) 384M->166M(960M) 111.674ms",
        "[3.862s][info][gc] GC(1) Pause Young (Allocation Failure) 550M->282M(960M) 121.068ms",
        "[4.113s][info][gc,heap,exit]  PSYoungGen      total 458752K, used 102400K [0x00000000e0000000)",
        "[4.113s][info][gc,heap,exit]  ParOldGen       total 524288K, used 204800K [0x00000000c0000000)", ""));
    GcLog gc = GcLog.read(log);
    assertThat(gc.pauses()).isEqualTo(2);
    assertThat(gc.peakUsedMb()).isEqualTo(550);
    assertThat(gc.peakLiveMb()).isEqualTo(282);
    assertThat(gc.pauseMillis()).isEqualTo(111.674 + 121.068, org.assertj.core.data.Offset.offset(1e-9));
  }
}
