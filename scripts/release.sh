#!/usr/bin/env bash
# Make a release that users can pin: tag vVERSION at main's HEAD, then point the README's,
# the example workflow's and .pre-commit-hooks.yaml's snippets at that commit (full SHA with
# a "# vVERSION" comment) in one more commit. Run on a clean main whose pyproject.toml and
# archgen/__init__.py already say VERSION:
#   bash scripts/release.sh 0.2.0
#   git push origin main v0.2.0
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:?usage: bash scripts/release.sh VERSION}
[[ $(git rev-parse --abbrev-ref HEAD) == main ]] || { echo "release: run on main" >&2; exit 2; }
[[ -z $(git status --porcelain) ]] || { echo "release: commit or stash your changes first" >&2; exit 2; }
grep -qx "version = \"$version\"" pyproject.toml || { echo "release: pyproject.toml does not say version $version" >&2; exit 2; }
grep -qx "__version__ = \"$version\"" archgen/__init__.py || { echo "release: archgen/__init__.py does not say $version" >&2; exit 2; }
git rev-parse -q --verify "refs/tags/v$version" >/dev/null && { echo "release: tag v$version exists" >&2; exit 2; }

git tag -a "v$version" -m "archgen $version"
python3 scripts/pin_refs.py "$(git rev-parse "v$version^{commit}")" "v$version"
git commit -qam "Pin the Action and pre-commit snippets to v$version"
echo "release: tagged v$version; now: git push origin main v$version"
