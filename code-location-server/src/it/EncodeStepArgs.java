import io.pipewright.core.launch.StepExecutionArgs;
import io.pipewright.protocol.mapping.StepArgsCodec;

/**
 * Prints the execute-step arguments of one step, for measure-step-worker.sh:
 * {@code java -cp <app's lib/main jars> EncodeStepArgs.java <location> <job> <step>}.
 */
public class EncodeStepArgs {
  public static void main(String[] args) {
    System.out.println(
        StepArgsCodec.encode(
            StepExecutionArgs.builder("run-measure", args[1], args[2])
                .codeLocationName(args[0])
                .build()));
  }
}
