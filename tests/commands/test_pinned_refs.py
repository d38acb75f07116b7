"""The version references users copy (README, example workflow, .pre-commit-hooks.yaml) name a
commit of this repository that carries the hooks and Action inputs the snippets use, and the
release comment next to each pin is the version of that commit."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import textwrap

import pytest
import yaml

from tests.support import ROOT

_spec = importlib.util.spec_from_file_location("pin_refs", ROOT / "scripts" / "pin_refs.py")
pin_refs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pin_refs)

YAML_BLOCK = re.compile(r"```yaml\n(.*?)```", re.S)


def git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)


def text_of(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


def all_pins() -> dict[str, list[tuple[str, str]]]:
    return {name: pin_refs.pins(text_of(name)) for name in pin_refs.FILES}


def pinned_commit() -> str:
    (sha,) = {ref for pins in all_pins().values() for ref, _ in pins}
    return sha


def at_pin(path: str) -> str:
    result = git("show", f"{pinned_commit()}:{path}")
    assert result.returncode == 0, f"{path} does not exist at the pinned commit: {result.stderr}"
    return result.stdout


def snippets() -> dict[str, object]:
    """The README's pre-commit config and Action steps, the hooks comment's config, the example workflow."""
    readme = [yaml.safe_load(block) for block in YAML_BLOCK.findall(text_of("README.md"))
              if "archgen@" in block or "rev:" in block]
    (precommit,) = [b for b in readme if isinstance(b, dict) and "repos" in b]
    (steps,) = [b for b in readme if isinstance(b, list)]
    comment = re.search(r"^# Use in .*?\n((?:#   .*\n)+)", text_of(".pre-commit-hooks.yaml"), re.M).group(1)
    hooks_comment = yaml.safe_load(textwrap.dedent(re.sub(r"^#", "", comment, flags=re.M)))
    workflow = yaml.safe_load(text_of("docs/examples/archgen-workflow.yml"))
    return {"precommit": precommit, "steps": steps, "hooks_comment": hooks_comment, "workflow": workflow}


def test_every_snippet_pins_one_full_commit_sha_with_its_release():
    pins = all_pins()
    assert all(pins.values()), pins
    refs = {ref for found in pins.values() for ref, _ in found}
    assert len(refs) == 1, f"the snippets name different refs: {pins}"
    assert re.fullmatch(r"[0-9a-f]{40}", refs.pop()), "pin a full 40-digit commit SHA, not a tag or branch"
    labels = {label for found in pins.values() for _, label in found}
    assert len(labels) == 1 and re.fullmatch(r"(archgen |v)\d+\.\d+\.\d+", labels.pop())


def test_the_pinned_commit_resolves_in_this_repository():
    sha = pinned_commit()
    if git("rev-parse", "--is-shallow-repository").stdout.strip() == "true":
        pytest.fail("this clone is shallow: the pinned commit cannot be checked (clone with full history)")
    assert git("cat-file", "-e", f"{sha}^{{commit}}").returncode == 0, f"{sha} is not a commit of this repository"
    assert git("merge-base", "--is-ancestor", sha, "HEAD").returncode == 0, f"{sha} is not in main's history"


def test_the_release_comment_is_the_version_of_the_pinned_commit():
    (label,) = {label for found in all_pins().values() for _, label in found}
    version = re.search(r'^version = "(.+)"$', at_pin("pyproject.toml"), re.M).group(1)
    assert label in (f"archgen {version}", f"v{version}")


def test_the_pinned_commit_has_the_hooks_and_inputs_the_snippets_use():
    found = snippets()
    hooks_there = {hook["id"] for hook in yaml.safe_load(at_pin(".pre-commit-hooks.yaml"))}
    (repo,) = found["precommit"]["repos"]
    (commented,) = found["hooks_comment"]
    for config in (repo, commented):
        assert config["repo"].endswith("/archgen")
        assert {hook["id"] for hook in config["hooks"]} <= hooks_there
    inputs_there = set(yaml.safe_load(at_pin("action.yml"))["inputs"])
    (job,) = found["workflow"]["jobs"].values()
    for steps in (found["steps"], job["steps"]):
        (step,) = [s for s in steps if "archgen@" in s.get("uses", "")]
        assert set(step.get("with", {})) <= inputs_there


def test_the_readme_documents_every_input_of_the_action():
    inputs = yaml.safe_load(text_of("action.yml"))["inputs"]
    table = {m.group(1): m.group(2) for m in re.finditer(r"^\| `([\w-]+)` \| `([^`]*)` \|", text_of("README.md"), re.M)}
    assert table == {name: spec["default"] for name, spec in inputs.items()}


def test_pin_refs_rewrites_every_reference_and_nothing_else():
    text = ("- uses: actions/checkout@v4\n- uses: octo/archgen@v0.1.0\n"
            "#   rev: v0.1.0\n    rev: 0123456789abcdef0123456789abcdef01234567  # archgen 0.1.0\nrevision: 3\n")
    sha = "f" * 40
    assert pin_refs.repin(text, sha, "v0.2.0") == (
        f"- uses: actions/checkout@v4\n- uses: octo/archgen@{sha}  # v0.2.0\n"
        f"#   rev: {sha}  # v0.2.0\n    rev: {sha}  # v0.2.0\nrevision: 3\n")
