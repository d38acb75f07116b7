"""Action step: post a pull-request comment, or update the one posted before.

    python pr_comment.py BODY_FILE

The body's first line is its marker (``<!-- archgen-diff -->``, an HTML comment GitHub does not
show). The comment to update is found through the GitHub REST API: the first comment on the
pull request whose body starts with that marker, whoever else has commented since. (``gh pr
comment --edit-last`` would edit the token owner's last comment, whatever it is.)

Env: ARCHGEN_REPOSITORY (owner/name), ARCHGEN_PULL_REQUEST (number), GH_TOKEN for ``gh``.
Exit 0 posted, updated or unchanged; 1 the API refused (e.g. the read-only token of a fork's
pull request); 2 usage. Needs only the standard library and the ``gh`` CLI.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile

PAGE_SIZE = 100
MARKER = re.compile(r"^<!-- [\w .:-]+ -->$")


class ApiError(Exception):
    pass


def gh_api(path: str, *, method: str = "GET", body: dict | None = None):
    """One ``gh api`` call; the JSON answer. A body goes through a file (no size limit, no quoting)."""
    args = ["gh", "api", "--method", method, path]
    with tempfile.TemporaryDirectory() as scratch:
        if body is not None:
            request = os.path.join(scratch, "request.json")
            with open(request, "w", encoding="utf-8") as handle:
                json.dump(body, handle, ensure_ascii=False)
            args += ["--input", request]
        result = subprocess.run(args, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise ApiError(f"gh api {method} {path}: {(result.stderr or result.stdout).strip()}")
    return json.loads(result.stdout or "null")


def comments(repository: str, number: str) -> list[dict]:
    """Every comment on the pull request, oldest first, page by page."""
    out: list[dict] = []
    page = 1
    while True:
        batch = gh_api(f"repos/{repository}/issues/{number}/comments?per_page={PAGE_SIZE}&page={page}")
        out.extend(batch)
        if len(batch) < PAGE_SIZE:
            return out
        page += 1


def upsert(repository: str, number: str, body: str) -> str:
    """Post ``body`` or update the comment carrying its marker; what was done."""
    marker = body.split("\n", 1)[0].strip()
    if not MARKER.match(marker):
        raise ValueError(f"the body's first line must be its marker, an HTML comment: {marker[:80]!r}")
    mine = [c for c in comments(repository, number) if (c.get("body") or "").lstrip().startswith(marker)]
    if not mine:
        created = gh_api(f"repos/{repository}/issues/{number}/comments", method="POST", body={"body": body})
        return f"posted comment {created.get('id')}"
    comment = mine[0]
    if comment.get("body") == body:
        return f"comment {comment['id']} is already up to date"
    gh_api(f"repos/{repository}/issues/comments/{comment['id']}", method="PATCH", body={"body": body})
    return f"updated comment {comment['id']}"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: pr_comment.py BODY_FILE", file=sys.stderr)
        return 2
    repository, number = os.environ.get("ARCHGEN_REPOSITORY", ""), os.environ.get("ARCHGEN_PULL_REQUEST", "")
    if not re.fullmatch(r"[\w.-]+/[\w.-]+", repository) or not number.isdigit():
        print(f"pr_comment: ARCHGEN_REPOSITORY (owner/name) and ARCHGEN_PULL_REQUEST (a number) are needed, "
              f"got {repository!r} and {number!r}", file=sys.stderr)
        return 2
    try:
        with open(argv[0], encoding="utf-8") as handle:
            body = handle.read()
    except OSError as exc:
        print(f"::warning title=archgen::no comment posted: {argv[0]}: {exc.strerror} (an earlier step failed)")
        return 1
    try:
        print(upsert(repository, number, body))
    except (ApiError, ValueError) as exc:
        print(f"::warning title=archgen::could not post the pull-request comment "
              f"(a fork's pull request has a read-only token; the diff is in the job summary): {exc}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
