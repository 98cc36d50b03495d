package io.pipewright.executor.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NamesTest {

  private static final String RUN = "0f6c2a1e-1111-2222-3333-444455556666";

  @Test
  void shouldBuildReadablePodNameWhenEverythingFits() {
    String name = Names.podName(RUN, "extract_orders", 2);

    assertThat(name).startsWith("pw-0f6c2a1e-extract-orders-2-").hasSize(39);
    assertThat(Names.isDns1123Label(name)).isTrue();
  }

  @Test
  void shouldBuildTheSameNameWhenCalledAgain() {
    assertThat(Names.podName(RUN, "etl.clean", 0)).isEqualTo(Names.podName(RUN, "etl.clean", 0));
  }

  @Test
  void shouldBuildDifferentNamesWhenRunStepOrAttemptDiffer() {
    Set<String> names = new HashSet<>();
    names.add(Names.podName(RUN, "a.b", 0));
    names.add(Names.podName(RUN, "a_b", 0)); // same slug, different key
    names.add(Names.podName(RUN, "A.B", 0)); // same slug after lowercasing
    names.add(Names.podName(RUN, "a.b", 1));
    names.add(Names.podName(RUN.replace('0', '9'), "a.b", 0));
    names.add(Names.podName("0f6c2a1e-other", "a.b", 0)); // same first 8 characters

    assertThat(names).hasSize(6);
  }

  @Test
  void shouldCutAndHashWhenStepKeyIsLong() {
    String key = "graph_one.graph_two.a_very_long_op_name_that_goes_on_and_on[mapping/key 7]";

    String name = Names.podName(RUN, key, 123456);

    assertThat(name).hasSizeLessThanOrEqualTo(63).startsWith("pw-0f6c2a1e-graph-one-graph-two-");
    assertThat(Names.isDns1123Label(name)).isTrue();
    assertThat(name).endsWith("-123456-" + Names.hash(RUN + "\n" + key + "\n" + 123456));
  }

  @Test
  void shouldBuildValidNameWhenIdsHaveNoNameCharacters() {
    String name = Names.podName("___", "[?]", 0);

    assertThat(Names.isDns1123Label(name)).isTrue();
    assertThat(name).startsWith("pw-0-");
  }

  @Test
  void shouldKeepLabelValueWhenValid() {
    assertThat(Names.labelValue("etl.clean")).isEqualTo("etl.clean");
    assertThat(Names.labelValue(RUN)).isEqualTo(RUN);
  }

  @Test
  void shouldHashLabelValueWhenInvalid() {
    String value = Names.labelValue("clean[2024-01-01]");

    assertThat(value).isEqualTo("clean_2024-01-01-" + Names.hash("clean[2024-01-01]"));
    assertThat(Names.isValidLabelValue(value)).isTrue();
  }

  @Test
  void shouldHashLabelValueWhenTooLong() {
    String key = "x".repeat(80);

    String value = Names.labelValue(key);

    assertThat(value).hasSize(63).isEqualTo("x".repeat(52) + "-" + Names.hash(key));
  }

  @Test
  void shouldExplainLabelKeyProblemWhenKeyIsInvalid() {
    assertThat(Names.labelKeyProblem("team")).isNull();
    assertThat(Names.labelKeyProblem("example.com/team")).isNull();
    assertThat(Names.labelKeyProblem("Example.com/team")).contains("prefix");
    assertThat(Names.labelKeyProblem("team!")).contains("name 'team!'");
    assertThat(Names.labelKeyProblem("/team")).contains("prefix");
  }
}
