package io.pipewright.sdk.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.sdk.metadata.Metadata;
import org.junit.jupiter.api.Test;

class TypeCheckTest {

  @Test
  void shouldReturnSharedConstantWhenSuccess() {
    assertThat(TypeCheck.success()).isSameAs(TypeCheck.success());
    assertThat(TypeCheck.success().passed()).isTrue();
    assertThat(TypeCheck.success().failed()).isFalse();
    assertThat(TypeCheck.success().description()).isNull();
    assertThat(TypeCheck.success().metadata()).isSameAs(Metadata.empty());
    assertThat(TypeCheck.success(Metadata.empty())).isSameAs(TypeCheck.success());
  }

  @Test
  void shouldKeepMetadataWhenSuccessWithMetadata() {
    TypeCheck check = TypeCheck.success(Metadata.of("rows", 3));

    assertThat(check.passed()).isTrue();
    assertThat(check.metadata()).isEqualTo(Metadata.of("rows", 3));
  }

  @Test
  void shouldCarryDescriptionWhenFailure() {
    TypeCheck check = TypeCheck.failure("Expected Int", Metadata.of("k", "v"));

    assertThat(check.passed()).isFalse();
    assertThat(check.failed()).isTrue();
    assertThat(check.description()).isEqualTo("Expected Int");
    assertThat(check.metadata()).isEqualTo(Metadata.of("k", "v"));
    assertThat(TypeCheck.failure("x")).isEqualTo(new TypeCheck(false, "x", null));
  }

  @Test
  void shouldRejectFailureWithoutDescriptionWhenCreated() {
    assertThatThrownBy(() -> TypeCheck.failure(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a description");
    assertThatThrownBy(() -> new TypeCheck(false, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
