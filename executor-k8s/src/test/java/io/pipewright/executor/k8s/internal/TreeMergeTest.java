package io.pipewright.executor.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipewright.executor.k8s.MergeBehavior;
import org.junit.jupiter.api.Test;

class TreeMergeTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static ObjectNode json(String json) throws Exception {
    return (ObjectNode) MAPPER.readTree(json.replace('\'', '"'));
  }

  @Test
  void shouldMergeObjectsKeyByKeyWhenDeep() throws Exception {
    ObjectNode merged =
        TreeMerge.merge(
            json("{'resources': {'limits': {'cpu': '1', 'memory': '1Gi'}}}"),
            json("{'resources': {'limits': {'memory': '2Gi'}, 'requests': {'cpu': '1'}}}"),
            MergeBehavior.DEEP);

    assertThat(merged)
        .isEqualTo(
            json(
                "{'resources': {'limits': {'cpu': '1', 'memory': '2Gi'},"
                    + " 'requests': {'cpu': '1'}}}"));
  }

  @Test
  void shouldReplaceNamedItemInPlaceWhenDeep() throws Exception {
    ObjectNode merged =
        TreeMerge.merge(
            json("{'env': [{'name': 'A', 'value': '1'}, {'name': 'B', 'value': '2'}]}"),
            json(
                "{'env': [{'name': 'A', 'valueFrom': {'secretKeyRef': {'name': 's', 'key':"
                    + " 'k'}}}, {'name': 'C', 'value': '3'}]}"),
            MergeBehavior.DEEP);

    assertThat(merged)
        .isEqualTo(
            json(
                "{'env': [{'name': 'A', 'valueFrom': {'secretKeyRef': {'name': 's', 'key':"
                    + " 'k'}}}, {'name': 'B', 'value': '2'}, {'name': 'C', 'value': '3'}]}"));
  }

  @Test
  void shouldMergeVolumeMountsByMountPathWhenDeep() throws Exception {
    ObjectNode merged =
        TreeMerge.merge(
            json("{'volumeMounts': [{'name': 'data', 'mountPath': '/a'}]}"),
            json(
                "{'volumeMounts': [{'name': 'data', 'mountPath': '/b'},"
                    + " {'name': 'other', 'mountPath': '/a', 'readOnly': true}]}"),
            MergeBehavior.DEEP);

    assertThat(merged)
        .isEqualTo(
            json(
                "{'volumeMounts': [{'name': 'other', 'mountPath': '/a', 'readOnly': true},"
                    + " {'name': 'data', 'mountPath': '/b'}]}"));
  }

  @Test
  void shouldAppendWithoutDuplicatesWhenListItemsHaveNoName() throws Exception {
    ObjectNode merged =
        TreeMerge.merge(
            json("{'tolerations': [{'key': 'a', 'operator': 'Exists'}]}"),
            json(
                "{'tolerations': [{'key': 'a', 'operator': 'Exists'},"
                    + " {'key': 'b', 'operator': 'Exists'}]}"),
            MergeBehavior.DEEP);

    assertThat(merged)
        .isEqualTo(
            json(
                "{'tolerations': [{'key': 'a', 'operator': 'Exists'},"
                    + " {'key': 'b', 'operator': 'Exists'}]}"));
  }

  @Test
  void shouldRemoveKeyWhenUpperValueIsNull() throws Exception {
    ObjectNode merged =
        TreeMerge.merge(
            json("{'activeDeadlineSeconds': 10, 'securityContext': {'runAsNonRoot': true}}"),
            json("{'activeDeadlineSeconds': null, 'securityContext': {'runAsNonRoot': null}}"),
            MergeBehavior.DEEP);

    assertThat(merged).isEqualTo(json("{'securityContext': {}}"));
  }

  @Test
  void shouldReplaceTopLevelKeysWhenShallow() throws Exception {
    ObjectNode merged =
        TreeMerge.merge(
            json("{'resources': {'limits': {'cpu': '1'}}, 'env': [{'name': 'A', 'value': '1'}]}"),
            json("{'resources': {'requests': {'cpu': '1', 'memory': null}}}"),
            MergeBehavior.SHALLOW);

    assertThat(merged)
        .isEqualTo(
            json(
                "{'resources': {'requests': {'cpu': '1'}}, 'env': [{'name': 'A', 'value':"
                    + " '1'}]}"));
  }

  @Test
  void shouldLeaveInputsUnchangedWhenMerging() throws Exception {
    ObjectNode lower = json("{'a': {'b': 1}}");
    ObjectNode upper = json("{'a': {'c': 2}}");

    TreeMerge.merge(lower, upper, MergeBehavior.DEEP);

    assertThat(lower).isEqualTo(json("{'a': {'b': 1}}"));
    assertThat(upper).isEqualTo(json("{'a': {'c': 2}}"));
  }
}
