package io.pipewright.codelocation.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.codelocation.snapshot.DefinitionsSnapshotter;
import io.pipewright.codelocation.testlocation.TestLocation;
import io.pipewright.protocol.mapping.SnapshotMapper;
import io.pipewright.protocol.v1.CodeLocation;
import io.pipewright.protocol.v1.GetSnapshotResponse;
import org.junit.jupiter.api.Test;

/** The pre-serialized {@code GetSnapshot} answer is, byte for byte, the ordinary one. */
class PreSerializedSnapshotTest {

  @Test
  void shouldWriteTheSameBytesAsTheResponseWithItsFieldSet() throws Exception {
    CodeLocation snapshot =
        SnapshotMapper.toProto(
            DefinitionsSnapshotter.forLocation("loc", "server", null)
                .snapshot(TestLocation.definitions()));

    GetSnapshotResponse cached = CodeLocationRuntime.preSerialized(snapshot);
    byte[] expected = GetSnapshotResponse.newBuilder().setSnapshot(snapshot).build().toByteArray();

    assertThat(cached.toByteArray()).isEqualTo(expected);
    assertThat(cached.getSerializedSize()).isEqualTo(expected.length);
    assertThat(GetSnapshotResponse.parseFrom(cached.toByteArray()).getSnapshot())
        .isEqualTo(snapshot);
  }
}
