package io.pipewright.codelocation.grpc;

import io.grpc.Status;
import io.pipewright.codelocation.service.RequestRejectedException;

/** The gRPC status of each reason to reject a request. */
final class Statuses {

  private Statuses() {}

  static Status of(RequestRejectedException rejected) {
    Status status =
        switch (rejected.reason()) {
          case NOT_FOUND -> Status.NOT_FOUND;
          case INVALID_REQUEST -> Status.INVALID_ARGUMENT;
          case DEFINITIONS_NOT_LOADED -> Status.FAILED_PRECONDITION;
        };
    return status.withDescription(rejected.getMessage());
  }
}
