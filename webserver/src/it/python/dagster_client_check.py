"""Runs Dagster's official Python GraphQL client, unchanged, against a Pipewright webserver.

Usage: python dagster_client_check.py <host> <port>

The webserver must serve a workspace with a loaded code location "test" defining the jobs "etl"
(config: ops.extract.config.limit, an int) and "hello" (no config), and a location "down" whose
server does not answer (DagsterPythonClientTest sets this up). Each check prints one line; the
script exits 1 at the first failure, with what was expected and what came back.
"""

import sys
import warnings

from dagster import DagsterRunStatus
from dagster_graphql import DagsterGraphQLClient, DagsterGraphQLClientError
from dagster_graphql.client.utils import (
    ReloadRepositoryLocationStatus,
    ShutdownRepositoryLocationStatus,
)

ETL_CONFIG = {"ops": {"extract": {"config": {"limit": 10}}}}


def check(name, condition, detail=""):
    if not condition:
        print(f"FAIL {name}: {detail}")
        sys.exit(1)
    print(f"ok   {name}")


def expect_error(name, call, first_arg, message_part=None):
    try:
        call()
    except DagsterGraphQLClientError as e:
        args = e.args
        check(name, args and args[0] == first_arg, f"expected {first_arg!r}, got {args!r}")
        if message_part is not None:
            text = " ".join(str(a) for a in args[1:])
            check(name + " (message)", message_part in text, f"{message_part!r} not in {text!r}")
        return e
    check(name, False, "no DagsterGraphQLClientError was raised")


def main(host, port):
    warnings.simplefilter("ignore")  # the deprecated shutdown method warns
    client = DagsterGraphQLClient(host, port_number=int(port))

    # Submit a job with config and tags; the client locates the job itself (repositoriesOrError).
    run_id = client.submit_job_execution("etl", run_config=ETL_CONFIG, tags={"owner": "ana"})
    check("submit_job_execution returns a run id", isinstance(run_id, str) and len(run_id) > 0, run_id)
    status = client.get_run_status(run_id)
    check("get_run_status of a new run is QUEUED", status == DagsterRunStatus.QUEUED, status)

    # The same, with the location and repository given (no lookup).
    explicit = client.submit_job_execution(
        "hello", repository_location_name="test", repository_name="__repository__"
    )
    check("submit_job_execution with a selector", isinstance(explicit, str), explicit)

    # Terminate one run, then several.
    client.terminate_run(run_id)
    status = client.get_run_status(run_id)
    check("terminate_run cancels a queued run", status == DagsterRunStatus.CANCELED, status)
    others = [client.submit_job_execution("hello") for _ in range(2)]
    client.terminate_runs(others)
    check(
        "terminate_runs cancels every run",
        all(client.get_run_status(r) == DagsterRunStatus.CANCELED for r in others),
    )

    # Reload and shut down code locations.
    info = client.reload_repository_location("test")
    check("reload_repository_location succeeds", info.status == ReloadRepositoryLocationStatus.SUCCESS, info)
    info = client.reload_repository_location("down")
    check(
        "reload_repository_location of a location that is down fails with a PythonError",
        info.status == ReloadRepositoryLocationStatus.FAILURE and info.failure_type == "PythonError",
        (info.status, info.failure_type, info.message),
    )
    info = client.reload_repository_location("nowhere")
    check(
        "reload_repository_location of an unknown location fails",
        info.status == ReloadRepositoryLocationStatus.FAILURE
        and info.failure_type == "RepositoryLocationNotFound",
        (info.status, info.failure_type, info.message),
    )
    info = client.shutdown_repository_location("test")
    check("shutdown_repository_location succeeds", info.status == ShutdownRepositoryLocationStatus.SUCCESS, info)
    info = client.shutdown_repository_location("nowhere")
    check(
        "shutdown_repository_location of an unknown location fails",
        info.status == ShutdownRepositoryLocationStatus.FAILURE and info.message,
        info,
    )

    # Errors the client turns into exceptions.
    expect_error(
        "an unknown job raises JobNotFoundError",
        lambda: client.submit_job_execution("nope"),
        "JobNotFoundError",
        "No jobs with the name `nope` exist",
    )
    expect_error(
        "an unknown job in a given location raises PipelineNotFoundError",
        lambda: client.submit_job_execution(
            "nope", repository_location_name="test", repository_name="__repository__"
        ),
        "PipelineNotFoundError",
        "Could not find Pipeline test.__repository__.nope",
    )
    error = expect_error(
        "invalid config raises RunConfigValidationInvalid",
        lambda: client.submit_job_execution(
            "etl", run_config={"ops": {"extract": {"config": {"limit": "ten"}}}}
        ),
        "RunConfigValidationInvalid",
    )
    errors = error.args[1]
    check(
        "invalid config errors carry path and reason",
        errors[0]["path"] == ["ops", "extract", "config", "limit"]
        and errors[0]["reason"] == "RUNTIME_TYPE_MISMATCH",
        errors,
    )
    expect_error(
        "the status of an unknown run raises RunNotFoundError",
        lambda: client.get_run_status("no-such-run"),
        "RunNotFoundError",
        "no-such-run",
    )
    expect_error(
        "terminating an unknown run raises RunNotFoundError",
        lambda: client.terminate_run("no-such-run"),
        "RunNotFoundError",
        "Run Id no-such-run not found",
    )
    expect_error(
        "terminating a finished run raises TerminateRunFailure",
        lambda: client.terminate_run(run_id),
        "TerminateRunFailure",
        "could not be terminated",
    )
    expect_error(
        "a job of a location that is down raises PipelineNotFoundError",
        lambda: client.submit_job_execution(
            "etl", repository_location_name="down", repository_name="__repository__"
        ),
        "PipelineNotFoundError",
        "is not loaded",
    )
    print("all checks passed")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
