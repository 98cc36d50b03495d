/** Leader election: one daemon acts, the others wait and take over within 15 s. */
package io.pipewright.daemon.leader;
