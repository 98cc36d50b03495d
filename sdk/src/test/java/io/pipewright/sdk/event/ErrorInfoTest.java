package io.pipewright.sdk.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorInfoTest {

  @Test
  void shouldUseFullClassNameAndMessageWhenFromThrowable() {
    ErrorInfo info = ErrorInfo.from(new IllegalStateException("boom"));

    assertThat(info.message()).isEqualTo("java.lang.IllegalStateException: boom");
    assertThat(info.className()).isEqualTo("java.lang.IllegalStateException");
    assertThat(info.cause()).isNull();
    assertThat(info.context()).isNull();
  }

  @Test
  void shouldUseClassNameAloneWhenThrowableHasNoMessage() {
    assertThat(ErrorInfo.from(new NullPointerException()).message())
        .isEqualTo("java.lang.NullPointerException");
  }

  @Test
  void shouldRenderFramesLikeJavaWhenFromThrowable() {
    ErrorInfo info = ErrorInfo.from(new IllegalStateException("boom"));

    assertThat(info.stack()).isNotEmpty();
    assertThat(info.stack().get(0))
        .startsWith("  at io.pipewright.sdk.event.ErrorInfoTest.")
        .contains("(ErrorInfoTest.java:");
  }

  @Test
  void shouldCapFramesWhenStackIsDeep() {
    RuntimeException deep = new RuntimeException("deep");
    StackTraceElement[] frames = new StackTraceElement[ErrorInfo.MAX_FRAMES + 50];
    for (int i = 0; i < frames.length; i++) {
      frames[i] = new StackTraceElement("pkg.Cls", "m" + i, "Cls.java", i + 1);
    }
    deep.setStackTrace(frames);

    ErrorInfo info = ErrorInfo.from(deep);

    assertThat(info.stack()).hasSize(ErrorInfo.MAX_FRAMES + 1);
    assertThat(info.stack().get(0)).isEqualTo("  at pkg.Cls.m0(Cls.java:1)");
    assertThat(info.stack().get(ErrorInfo.MAX_FRAMES)).isEqualTo("  ... 50 more frames");
  }

  @Test
  void shouldWalkCauseChainWhenFromThrowable() {
    IOException root = new IOException("disk full");
    RuntimeException top = new RuntimeException("write failed", root);

    ErrorInfo info = ErrorInfo.from(top);

    assertThat(info.message()).isEqualTo("java.lang.RuntimeException: write failed");
    assertThat(info.cause()).isNotNull();
    assertThat(info.cause().message()).isEqualTo("java.io.IOException: disk full");
    assertThat(info.cause().className()).isEqualTo("java.io.IOException");
    assertThat(info.cause().cause()).isNull();
  }

  @Test
  void shouldElideFramesSharedWithEnclosingErrorWhenCause() {
    IOException root = new IOException("disk full");
    root.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement("io.Disk", "write", "Disk.java", 9),
          new StackTraceElement("app.Job", "run", "Job.java", 5),
          new StackTraceElement("app.Main", "main", "Main.java", 1)
        });
    RuntimeException top = new RuntimeException("write failed", root);
    top.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement("app.Job", "save", "Job.java", 7),
          new StackTraceElement("app.Job", "run", "Job.java", 5),
          new StackTraceElement("app.Main", "main", "Main.java", 1)
        });

    ErrorInfo info = ErrorInfo.from(top);

    assertThat(info.stack()).hasSize(3);
    assertThat(info.cause().stack())
        .containsExactly("  at io.Disk.write(Disk.java:9)", "  ... 2 more");
  }

  @Test
  void shouldStopWhenCauseChainLoops() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);

    ErrorInfo info = ErrorInfo.from(a);

    assertThat(info.message()).endsWith(": a");
    assertThat(info.cause().message()).endsWith(": b");
    assertThat(info.cause().cause()).isNull();
  }

  @Test
  void shouldCapCauseDepthWhenChainIsLong() {
    Throwable t = new RuntimeException("level 0");
    for (int i = 1; i <= 30; i++) {
      t = new RuntimeException("level " + i, t);
    }

    ErrorInfo info = ErrorInfo.from(t);

    int causes = 0;
    for (ErrorInfo c = info.cause(); c != null; c = c.cause()) {
      causes++;
    }
    assertThat(causes).isEqualTo(ErrorInfo.MAX_CAUSE_DEPTH);
    assertThat(info.message()).endsWith("level 30");
  }

  @Test
  void shouldHaveNoStackWhenOf() {
    ErrorInfo info = ErrorInfo.of("TimeoutError", "step took too long");

    assertThat(info.message()).isEqualTo("TimeoutError: step took too long");
    assertThat(info.className()).isEqualTo("TimeoutError");
    assertThat(info.stack()).isEmpty();
    assertThat(ErrorInfo.of("X", null).message()).isEqualTo("X");
    assertThatThrownBy(() -> ErrorInfo.of(" ", "m")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRenderMessageStackAndCausesWhenDisplayString() {
    ErrorInfo cause =
        new ErrorInfo(
            "java.io.IOException: disk",
            List.of("  at b.B.b(B.java:2)"),
            "java.io.IOException",
            null,
            null);
    ErrorInfo context = ErrorInfo.of("Ctx", "earlier");
    ErrorInfo top =
        new ErrorInfo(
            "java.lang.RuntimeException: top",
            List.of("  at a.A.a(A.java:1)"),
            "java.lang.RuntimeException",
            cause,
            context);

    assertThat(top.toDisplayString())
        .isEqualTo(
            "java.lang.RuntimeException: top\n"
                + "  at a.A.a(A.java:1)\n"
                + "Caused by: java.io.IOException: disk\n"
                + "  at b.B.b(B.java:2)\n"
                + "While handling: Ctx: earlier");
  }

  @Test
  void shouldReturnFirstLineWhenMessageIsMultiLine() {
    assertThat(ErrorInfo.of("X", "one\ntwo").firstLine()).isEqualTo("X: one");
    assertThat(ErrorInfo.of("X", "one").firstLine()).isEqualTo("X: one");
  }

  @Test
  void shouldCopyStackAndRejectMissingFieldsWhenConstructed() {
    List<String> stack = new ArrayList<>(List.of("  at a"));
    ErrorInfo info = new ErrorInfo("m", stack, "C", null, null);
    stack.add("  at b");

    assertThat(info.stack()).containsExactly("  at a");
    assertThat(new ErrorInfo("m", null, "C", null, null).stack()).isEmpty();
    assertThatThrownBy(() -> new ErrorInfo(null, List.of(), "C", null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ErrorInfo("m", List.of(), null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ErrorInfo.from(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
