"""Checks that Pipewright's GraphQL schema is a subset of Dagster's.

Usage: python schema_subset.py <schema.graphqls>... (reads Pipewright's schema files)

Dagster's schema is built from the installed dagster-graphql package (the same one whose client the
compatibility test runs). For every type Pipewright declares, Dagster must declare a type of the same
name and kind; every field, argument and input field must exist there with the same type (printed
form); union members and implemented interfaces must be Dagster's too; enum values must be a subset.
Prints one line per difference and exits 1 when there is any.
"""

import sys

from dagster_graphql.schema import create_schema
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLUnionType,
    build_schema,
)


def kind(t):
    for k in (GraphQLObjectType, GraphQLInterfaceType, GraphQLUnionType, GraphQLEnumType,
              GraphQLInputObjectType, GraphQLScalarType):
        if isinstance(t, k):
            return k.__name__
    return type(t).__name__


def main(paths):
    ours = build_schema("\n".join(open(p).read() for p in paths))
    theirs = create_schema().graphql_schema
    problems = []
    for name, t in ours.type_map.items():
        if name.startswith("__"):
            continue
        d = theirs.type_map.get(name)
        if d is None:
            problems.append(f"type {name}: not in Dagster's schema")
            continue
        if kind(t) != kind(d):
            problems.append(f"type {name}: {kind(t)} here, {kind(d)} in Dagster")
            continue
        if isinstance(t, (GraphQLObjectType, GraphQLInterfaceType)):
            for iface in t.interfaces:
                if iface.name not in {i.name for i in d.interfaces}:
                    problems.append(f"type {name}: implements {iface.name}, Dagster's does not")
            for fname, f in t.fields.items():
                df = d.fields.get(fname)
                if df is None:
                    problems.append(f"field {name}.{fname}: not in Dagster's schema")
                    continue
                if str(f.type) != str(df.type):
                    problems.append(f"field {name}.{fname}: {f.type} here, {df.type} in Dagster")
                for aname, a in f.args.items():
                    da = df.args.get(aname)
                    if da is None:
                        problems.append(f"argument {name}.{fname}({aname}): not in Dagster's schema")
                    elif str(a.type) != str(da.type):
                        problems.append(
                            f"argument {name}.{fname}({aname}): {a.type} here, {da.type} in Dagster")
                for aname, da in df.args.items():
                    if aname not in f.args and str(da.type).endswith("!"):
                        problems.append(f"argument {name}.{fname}({aname}): required in Dagster, missing here")
        elif isinstance(t, GraphQLUnionType):
            theirs_members = {m.name for m in d.types}
            ours_members = {m.name for m in t.types}
            for m in ours_members - theirs_members:
                problems.append(f"union {name}: member {m} is not Dagster's")
            for m in theirs_members - ours_members:
                problems.append(f"union {name}: lacks Dagster's member {m}")
        elif isinstance(t, GraphQLEnumType):
            for v in t.values:
                if v not in d.values:
                    problems.append(f"enum {name}: value {v} is not Dagster's")
        elif isinstance(t, GraphQLInputObjectType):
            for fname, f in t.fields.items():
                df = d.fields.get(fname)
                if df is None:
                    problems.append(f"input {name}.{fname}: not in Dagster's schema")
                elif str(f.type) != str(df.type):
                    problems.append(f"input {name}.{fname}: {f.type} here, {df.type} in Dagster")
            for fname, df in d.fields.items():
                if fname not in t.fields:
                    problems.append(f"input {name}.{fname}: Dagster's field is missing here")
    for p in problems:
        print(p)
    print(f"{len(ours.type_map)} types checked, {len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
