package io.pipewright.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.sdk.metadata.Metadata;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class FailureTest {

  @Test
  void shouldAllowRetriesWithEmptyMetadataWhenOnlyDescriptionGiven() {
    Failure failure = new Failure("Source file is empty");

    assertThat(failure.description()).isEqualTo("Source file is empty");
    assertThat(failure.getMessage()).isEqualTo("Source file is empty");
    assertThat(failure.metadata()).isSameAs(Metadata.empty());
    assertThat(failure.allowRetries()).isTrue();
    assertThat(failure.getCause()).isNull();
  }

  @Test
  void shouldKeepMetadataWhenGiven() {
    Failure failure = new Failure("bad rows", Metadata.of("bad_rows", 3));

    assertThat(failure.metadata()).isEqualTo(Metadata.of("bad_rows", 3));
    assertThat(failure.allowRetries()).isTrue();
  }

  @Test
  void shouldTreatNullMetadataAsEmptyWhenGiven() {
    assertThat(new Failure("x", (Metadata) null).metadata()).isSameAs(Metadata.empty());
  }

  @Test
  void shouldForbidRetriesWhenAllowRetriesIsFalse() {
    assertThat(new Failure("x", Metadata.empty(), false).allowRetries()).isFalse();
    assertThat(Failure.withoutRetries("bad input").allowRetries()).isFalse();
    assertThat(Failure.withoutRetries("bad input").description()).isEqualTo("bad input");
    Failure withMetadata = Failure.withoutRetries("bad input", Metadata.of("k", "v"));
    assertThat(withMetadata.allowRetries()).isFalse();
    assertThat(withMetadata.metadata()).isEqualTo(Metadata.of("k", "v"));
  }

  @Test
  void shouldKeepCauseWhenCreatedWithCause() {
    IOException cause = new IOException("disk full");

    Failure failure = new Failure("could not write", cause);

    assertThat(failure.getCause()).isSameAs(cause);
    assertThat(failure.allowRetries()).isTrue();
    assertThat(failure).hasMessage("could not write");
  }
}
