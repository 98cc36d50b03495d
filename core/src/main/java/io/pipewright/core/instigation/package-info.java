/**
 * Schedules and sensors as the control plane stores them: each instigator's on/off state and cursor
 * ({@link io.pipewright.core.instigation.InstigatorState}), and its ticks ({@link
 * io.pipewright.core.instigation.Tick}), behind the {@link
 * io.pipewright.core.instigation.InstigatorStore} port. A tick's lifecycle is the transition table
 * of {@link io.pipewright.core.instigation.TickStatus}.
 */
package io.pipewright.core.instigation;
