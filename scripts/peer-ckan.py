"""Helper for scripts/peer-ckan: runs inside CKAN's virtualenv (target/peer-ckan/venv).

    CKAN_INI=target/peer-ckan/run/ckan.ini target/peer-ckan/venv/bin/python scripts/peer-ckan.py \
        seed --user benchadmin --org bench-org --dataset bench-dataset

`seed` creates one organization and one dataset with two resources through CKAN's own action
functions (`ckan.logic.get_action`, the functions behind the HTTP Action API), acting as the
given sysadmin, so CKAN's own authorisation and validation run as they do for an HTTP call.

Why not over HTTP: CKAN 2.12 has no switch to turn the Solr index off (the old
`ckan.search.automatic_indexing` was removed in 2.10 because it "cannot be set to False").
Over HTTP, `package_create` sends the new dataset to Solr before committing, so without Solr it
answers 500 "Search Index Error" and rolls the dataset back; `organization_create` commits the
organization and then fails (500 "Search Connection Error") on the `organization_show` it returns,
which counts the organization's datasets with a Solr query. In-process callers may set the
context flag `defer_commit` (with `return_id_only`), which CKAN's actions honour by skipping
both the index step and the commit; this helper then commits itself. Nothing in CKAN is patched.

Prints one JSON object: {"organization_id": ..., "package_id": ..., "package_name": ...}.

`lookup-cost` times, in one process and without HTTP, what an anonymous `package_show` costs
with and without its first step: CKAN 2.12's `package_show` first asks Solr for a cached copy of
the dataset (`ckan.lib.search.show`), and only when that fails builds it from the database. With
no Solr that lookup is a refused loopback connection on every call; this shows what it adds.
Prints one JSON object with milliseconds (wall and CPU) per call.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys


def dataset_dict(name: str, org: str) -> dict:
    # The dataset measured by `package_show`. Its shape is documented in docs/benchmarks/ckan.md
    # so that the comparison side can seed the same one.
    return {
        "name": name,
        "title": "Guang'an district budget execution 2025",
        "owner_org": org,
        "notes": (
            "Quarterly budget execution of the district government: revenue and expenditure "
            "by functional category, published under the open-data catalogue."
        ),
        "license_id": "cc-by",
        "version": "2025.4",
        "author": "District Finance Bureau",
        "author_email": "finance@example.invalid",
        "tags": [{"name": "budget"}, {"name": "finance"}, {"name": "government"}],
        "extras": [
            {"key": "update_frequency", "value": "quarterly"},
            {"key": "spatial_coverage", "value": "Guang'an District"},
        ],
        "resources": [
            {
                "name": "Budget execution 2025 (CSV)",
                "url": "http://data.example.invalid/budget-2025.csv",
                "format": "CSV",
                "description": "One row per functional category and quarter.",
            },
            {
                "name": "Budget execution 2025 (JSON)",
                "url": "http://data.example.invalid/budget-2025.json",
                "format": "JSON",
                "description": "The same figures as JSON.",
            },
        ],
    }


def seed(user: str, org: str, dataset: str) -> dict:
    import ckan.model as model
    from ckan.logic import get_action

    app = _app()
    # CKAN's own CLI commands run actions inside a test request context of the app.
    with app._wsgi_app.test_request_context():  # type: ignore[attr-defined]
        def ctx() -> dict:
            # Not ignore_auth: the sysadmin's rights are checked as for an HTTP call.
            return {"user": user, "defer_commit": True, "return_id_only": True}

        org_id = get_action("organization_create")(
            ctx(),
            {
                "name": org,
                "title": "District Finance Bureau",
                "description": "Publishes the district's budget and spending data.",
            },
        )
        model.repo.commit()
        pkg_id = get_action("package_create")(ctx(), dataset_dict(dataset, org))
        model.repo.commit()
    return {"organization_id": org_id, "package_id": pkg_id, "package_name": dataset}


def _app():
    from ckan.cli import load_config
    from ckan.config.middleware import make_app

    return make_app(load_config(os.environ["CKAN_INI"]))


def lookup_cost(dataset: str, n: int) -> dict:
    import socket
    import time

    app = _app()
    logging.disable(logging.CRITICAL)  # the failed lookups would log tracebacks
    from ckan.lib import search
    from ckan.logic import get_action

    def timed(fn) -> dict:
        fn()  # once untimed: imports and first queries
        w, c = time.perf_counter(), time.process_time()
        for _ in range(n):
            fn()
        return {
            "wall_ms": round((time.perf_counter() - w) * 1000 / n, 3),
            "cpu_ms": round((time.process_time() - c) * 1000 / n, 3),
        }

    def failed_lookup() -> None:
        try:
            search.show(dataset)
        except (search.SearchError, socket.error):
            return
        raise SystemExit("a search index answered: is Solr running at solr_url?")

    with app._wsgi_app.test_request_context():  # type: ignore[attr-defined]
        return {
            "calls": n,
            "solr_lookup_refused": timed(failed_lookup),
            "package_show_anonymous": timed(
                lambda: get_action("package_show")({"user": ""}, {"id": dataset})
            ),
            "package_show_anonymous_use_cache_false": timed(
                lambda: get_action("package_show")(
                    {"user": "", "use_cache": False}, {"id": dataset}
                )
            ),
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("seed", help="create the organization and the dataset")
    s.add_argument("--user", required=True)
    s.add_argument("--org", required=True)
    s.add_argument("--dataset", required=True)
    c = sub.add_parser("lookup-cost", help="time package_show with and without the Solr lookup")
    c.add_argument("--dataset", required=True)
    c.add_argument("--calls", type=int, default=300)
    args = parser.parse_args()
    if "CKAN_INI" not in os.environ:
        parser.error("CKAN_INI must point to the ckan.ini to use")
    logging.basicConfig(level=logging.WARNING)
    if args.cmd == "seed":
        print(json.dumps(seed(args.user, args.org, args.dataset)))
    elif args.cmd == "lookup-cost":
        print(json.dumps(lookup_cost(args.dataset, args.calls)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
