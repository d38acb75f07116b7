"""The GitHub Action (action.yml) driven step by step on a fixture repository, with a fake `gh`.

A small runner below plays GitHub Actions' part for a composite action: it evaluates the
`${{ }}` expressions and `if:` conditions action.yml uses, runs each `run:` step with bash as
Actions does (`bash --noprofile --norc -eo pipefail`), honours `continue-on-error`, and records
step outcomes and outputs. `uses:` steps are played by the test (setup-python: nothing to do;
upload-sarif: fails as where code scanning is unavailable, unless a test says otherwise); the
install step is skipped because archgen is already installed in this virtual environment.
The fake `gh` (tests/commands/data/github/gh) keeps the pull request's comments in a JSON file.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.support import ROOT, SPECS

DATA = Path(__file__).parent / "data" / "github"
ACTION = ROOT / "action.yml"
WORKFLOW = ROOT / "docs" / "examples" / "archgen-workflow.yml"
MARKER = "<!-- archgen-diff -->"
SKIPPED_STEPS = {"Install archgen"}  # archgen is installed in this venv already


class ActionsYamlLoader(yaml.SafeLoader):
    """YAML as GitHub reads workflows: `on`, `off`, `yes`, `no` are strings, only true/false are booleans."""


ActionsYamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
ActionsYamlLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def load_actions_yaml(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=ActionsYamlLoader)


# ---------------------------------------------------------------- schemas


@pytest.mark.parametrize("document, schema", [(ACTION, "github-action.schema.json"),
                                              (WORKFLOW, "github-workflow.schema.json")])
def test_action_and_example_workflow_match_the_published_schemas(document, schema):
    validator = jsonschema.Draft7Validator(json.loads((DATA / schema).read_text(encoding="utf-8")))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(load_actions_yaml(document))]
    assert errors == []


def test_the_schemas_catch_a_broken_action():
    """The vendored schema is strict enough to matter: an input without a description, a run step
    without a shell."""
    action = load_actions_yaml(ACTION)
    action["inputs"]["specs"] = {"default": "specs"}
    del action["runs"]["steps"][1]["shell"]
    validator = jsonschema.Draft7Validator(json.loads((DATA / "github-action.schema.json").read_text()))
    paths = {"/".join(map(str, e.absolute_path)) for e in validator.iter_errors(action)}
    assert {"inputs/specs", "runs"} <= paths


def test_the_example_workflow_grants_what_the_action_needs():
    workflow = load_actions_yaml(WORKFLOW)
    assert workflow["permissions"] == {"contents": "read", "pull-requests": "write", "security-events": "write"}
    (job,) = workflow["jobs"].values()
    checkout, archgen = job["steps"]
    assert checkout["with"]["fetch-depth"] == 0
    assert set(archgen["with"]) <= set(load_actions_yaml(ACTION)["inputs"])


# ---------------------------------------------------------------- a small Actions runner

TOKEN = re.compile(r"\s*(?:('(?:[^']|'')*')|(==|!=|&&|\|\||!|\(|\))|([A-Za-z_][\w.-]*(?:\(\))?))")


class Expression:
    """The subset of GitHub's expression language that action.yml uses (strings, contexts,
    ==, !=, &&, ||, !, parentheses and the status functions)."""

    def __init__(self, text: str, contexts: dict, job_failed: bool):
        self.tokens, position = [], 0
        text = text.strip()
        while position < len(text):
            match = TOKEN.match(text, position)
            assert match and match.end() > position, f"cannot parse expression at: {text[position:]!r}"
            self.tokens.append(next(g for g in match.groups() if g is not None))
            position = match.end()
        self.contexts, self.job_failed, self.at = contexts, job_failed, 0

    def value(self):
        result = self._or()
        assert self.at == len(self.tokens), f"trailing tokens: {self.tokens[self.at:]}"
        return result

    def _next(self):
        self.at += 1
        return self.tokens[self.at - 1]

    def _peek(self):
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def _or(self):
        left = self._and()
        while self._peek() == "||":
            self._next()
            right = self._and()
            left = left if truthy(left) else right
        return left

    def _and(self):
        left = self._unary()
        while self._peek() == "&&":
            self._next()
            right = self._unary()
            left = right if truthy(left) else left
        return left

    def _unary(self):
        if self._peek() == "!":
            self._next()
            return not truthy(self._unary())
        left = self._primary()
        if self._peek() in ("==", "!="):
            op, right = self._next(), self._primary()
            same = str(text_of(left)).lower() == str(text_of(right)).lower()
            return same if op == "==" else not same
        return left

    def _primary(self):
        token = self._next()
        if token == "(":
            inner = self._or()
            assert self._next() == ")"
            return inner
        if token.startswith("'"):
            return token[1:-1].replace("''", "'")
        functions = {"always()": True, "cancelled()": False, "success()": not self.job_failed,
                     "failure()": self.job_failed}
        if token in functions:
            return functions[token]
        value = self.contexts
        for part in token.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return value


def truthy(value) -> bool:
    return value not in (None, False, "", 0)


def text_of(value) -> str:
    return "" if value is None else ("true" if value else "false") if isinstance(value, bool) else str(value)


def substitute(text: str, contexts: dict, job_failed: bool) -> str:
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: text_of(Expression(m.group(1), contexts, job_failed).value()), str(text))


def condition(text: str | None, contexts: dict, job_failed: bool) -> bool:
    if text is None:
        return not job_failed
    text = text.strip()
    if text.startswith("${{") and text.endswith("}}"):
        text = text[3:-2]
    if not re.search(r"\b(always|cancelled|success|failure)\(\)", text):
        text = f"success() && ({text})"
    return truthy(Expression(text, contexts, job_failed).value())


def read_outputs(path: Path) -> dict[str, str]:
    """A GITHUB_OUTPUT file: name=value lines and name<<DELIMITER blocks."""
    outputs, lines = {}, path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    while lines:
        line = lines.pop(0)
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            block = []
            while lines[0] != delimiter:
                block.append(lines.pop(0))
            lines.pop(0)
            outputs[name] = "\n".join(block)
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
    return outputs


@dataclass
class StepRun:
    name: str
    outcome: str  # success | failure | skipped
    log: str = ""


@dataclass
class JobRun:
    steps: list[StepRun] = field(default_factory=list)
    failed: bool = False
    summary: str = ""
    uses: list[tuple[str, dict]] = field(default_factory=list)

    def step(self, name: str) -> StepRun:
        (found,) = [s for s in self.steps if s.name == name]
        return found

    @property
    def log(self) -> str:
        return "\n".join(s.log for s in self.steps)


def upload_unavailable(with_: dict, workspace: Path) -> bool:
    """upload-sarif where code scanning is not enabled: it fails (after reading the file)."""
    json.loads(Path(with_["sarif_file"]).read_text(encoding="utf-8"))
    return False


def run_action(workspace: Path, home: Path, *, event: str = "pull_request", inputs: dict | None = None,
               number: int = 7, upload=upload_unavailable, refuse_comments: bool = False,
               install_fails: bool = False) -> JobRun:
    """Run action.yml's steps in ``workspace`` as Actions would for ``event``; ``install_fails``
    plays a failed install (archgen nowhere on PATH)."""
    action = load_actions_yaml(ACTION)
    values = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    values.update({k: str(v) for k, v in (inputs or {}).items()})
    temp = home / "runner-temp"
    shutil.rmtree(temp, ignore_errors=True)
    temp.mkdir(parents=True)
    github = {"event_name": event, "base_ref": "main" if event == "pull_request" else "",
              "action_path": str(ROOT), "token": "fake-token", "repository": "octo/shop",
              "event": {"pull_request": {"number": number}} if event == "pull_request" else {}}
    contexts = {"inputs": values, "github": github, "steps": {}, "runner": {"temp": str(temp)}}
    bin_dir = home / "bin"
    bin_dir.mkdir(exist_ok=True)
    shutil.copy(DATA / "gh", bin_dir / "gh")
    summary = temp / "step-summary.md"
    base_env = {
        "PATH": os.pathsep.join([str(bin_dir), *([] if install_fails else [str(Path(sys.executable).parent)]),
                                 "/usr/local/bin", "/usr/bin", "/bin"]),
        "HOME": str(home), "LANG": "C.UTF-8", "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GITHUB_ACTION_PATH": str(ROOT), "GITHUB_WORKSPACE": str(workspace), "GITHUB_EVENT_NAME": event,
        "GITHUB_REPOSITORY": "octo/shop", "GITHUB_STEP_SUMMARY": str(summary), "RUNNER_TEMP": str(temp),
        "FAKE_GH_STATE": str(home / "gh-state.json"), "FAKE_GH_LOG": str(home / "gh-calls.jsonl"),
    }
    if refuse_comments:
        base_env["FAKE_GH_REFUSE"] = "1"
    job = JobRun()
    for index, step in enumerate(action["runs"]["steps"]):
        name = step.get("name", f"step {index}")
        if name in SKIPPED_STEPS and install_fails:
            job.steps.append(StepRun(name, "failure"))
            job.failed = True
            continue
        if name in SKIPPED_STEPS or not condition(step.get("if"), contexts, job.failed):
            job.steps.append(StepRun(name, "skipped"))
            if "id" in step:
                contexts["steps"][step["id"]] = {"outcome": "skipped", "conclusion": "skipped", "outputs": {}}
            continue
        outputs: dict[str, str] = {}
        if "uses" in step:
            with_ = {k: substitute(v, contexts, job.failed) for k, v in step.get("with", {}).items()}
            job.uses.append((step["uses"], with_))
            if step["uses"].startswith("actions/setup-python@"):
                ok, log = True, ""
            elif step["uses"].startswith("github/codeql-action/upload-sarif@"):
                ok, log = upload(with_, workspace), "upload-sarif"
            else:
                pytest.fail(f"the runner does not know {step['uses']}")
        else:
            assert step["shell"] == "bash"
            env = dict(base_env, **{k: substitute(v, contexts, job.failed) for k, v in step.get("env", {}).items()})
            env["GITHUB_OUTPUT"] = str(temp / f"output-{index}")
            assert "${{" not in step["run"], "inputs reach scripts through env, never pasted into them"
            script = temp / f"step-{index}.sh"
            script.write_text(step["run"], encoding="utf-8")
            result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=workspace,
                                    env=env, capture_output=True, text=True, timeout=300)
            ok, log = result.returncode == 0, result.stdout + result.stderr
            outputs = read_outputs(temp / f"output-{index}")
        outcome = "success" if ok else "failure"
        conclusion = "success" if ok or step.get("continue-on-error") is True else "failure"
        job.failed |= conclusion == "failure"
        job.steps.append(StepRun(name, outcome, log))
        if "id" in step:
            contexts["steps"][step["id"]] = {"outcome": outcome, "conclusion": conclusion, "outputs": outputs}
    job.summary = summary.read_text(encoding="utf-8") if summary.exists() else ""
    return job


# ---------------------------------------------------------------- the fixture repository

def git(cwd: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com", "PATH": "/usr/bin:/bin", "HOME": str(cwd), "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=env).stdout


def archgen(cwd: Path, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "archgen", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def origin(tmp_path_factory) -> Path:
    """A bare 'origin' whose main branch holds specs/shop.yaml and its built output/."""
    seed = tmp_path_factory.mktemp("seed")
    (seed / "specs").mkdir()
    shutil.copy(SPECS / "shop.yaml", seed / "specs" / "shop.yaml")
    archgen(seed, "build")
    git(seed, "init", "-q", "-b", "main")
    git(seed, "add", ".")
    git(seed, "commit", "-qm", "shop")
    bare = tmp_path_factory.mktemp("origin") / "shop.git"
    git(seed, "clone", "-q", "--bare", str(seed), str(bare))
    return bare


@dataclass
class PullRequest:
    workspace: Path
    home: Path

    def comments(self) -> list[dict]:
        return json.loads((self.home / "gh-state.json").read_text(encoding="utf-8"))["comments"]

    def gh_calls(self) -> list[dict]:
        path = self.home / "gh-calls.jsonl"
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []

    def push(self, *replacements: tuple[str, str], rebuild: bool = False) -> None:
        """Commit an edit of specs/shop.yaml on the pull request's branch (and the rebuilt outputs)."""
        spec = self.workspace / "specs" / "shop.yaml"
        text = spec.read_text(encoding="utf-8")
        for old, new in replacements:
            assert old in text, old
            text = text.replace(old, new, 1)
        spec.write_text(text, encoding="utf-8")
        if rebuild:
            archgen(self.workspace, "build")
        git(self.workspace, "add", "-A")
        git(self.workspace, "commit", "-qm", "change")

    def run(self, *, check_outputs: bool = False, inputs: dict | None = None, **kwargs) -> JobRun:
        """The Action on this pull request. The committed-outputs check is off unless asked for
        (``check_outputs``), so most tests need not rebuild output/ (Graphviz) after each edit."""
        inputs = {"check-outputs": "true" if check_outputs else "false", **(inputs or {})}
        return run_action(self.workspace, self.home, inputs=inputs, **kwargs)


@pytest.fixture
def pull_request(origin, tmp_path) -> PullRequest:
    """A clone of origin on a feature branch (shallow, as actions/checkout makes it by default),
    with no comment on the pull request yet."""
    workspace, home = tmp_path / "workspace", tmp_path / "home"
    home.mkdir()
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", str(workspace))
    git(workspace, "checkout", "-q", "-b", "feature")
    (home / "gh-state.json").write_text(json.dumps({"comments": [], "next_id": 100}), encoding="utf-8")
    return PullRequest(workspace, home)


REMOVE_DB_MULTI_AZ = ("    subnets: [data-a, data-b]\n    multi_az: true\n", "    subnets: [data-a, data-b]\n    multi_az: false\n")
REMOVE_CACHE_MULTI_AZ = ("    nodes: 2\n    multi_az: true\n", "    nodes: 2\n    multi_az: false\n")
RETITLE = ("title: Shop — storefront and orders API", "title: Shop — storefront, orders API and carts")


def header(body: str) -> list[str]:
    return body.split("\n")[:6]


# ---------------------------------------------------------------- the three verdicts

def test_a_change_that_adds_errors_gets_a_failing_comment_and_fails_the_job(pull_request):
    pull_request.push(REMOVE_DB_MULTI_AZ)
    job = pull_request.run()
    (comment,) = pull_request.comments()
    assert header(comment["body"]) == [
        MARKER, "## archgen architecture diff ❌", "",
        "❌ **Fails:** the change adds 2 findings at or above `error`: AG201, AG401.", "",
        "1 of 1 spec changed · 2 new findings · 0 resolved · fails on new `error` findings"]
    assert "| 🆕 new | 🔴 error | `AG201` rds-single-az | orders-db |" in comment["body"]
    assert "### `specs/shop.yaml` — Shop — storefront and orders API" in comment["body"]
    assert job.failed
    assert job.step("Compare the architecture with the base branch").outcome == "failure"
    assert "::error title=archgen::❌ the change adds findings at or above 'error'" in job.step("Verdict").log
    assert comment["body"] in job.summary  # also in the job summary, for forks that cannot comment


def test_a_change_that_only_adds_warnings_warns_and_passes(pull_request):
    pull_request.push(REMOVE_CACHE_MULTI_AZ)
    job = pull_request.run()
    (comment,) = pull_request.comments()
    assert header(comment["body"]) == [
        MARKER, "## archgen architecture diff ⚠️", "",
        "⚠️ **Warns:** the change adds 1 finding of severity warning or worse, below the fail-on level "
        "`error`: AG203.", "",
        "1 of 1 spec changed · 1 new finding · 0 resolved · fails on new `error` findings"]
    assert "| 🆕 new | 🟠 warning | `AG203` elasticache-no-failover | cache |" in comment["body"]
    assert not job.failed
    assert "::warning title=archgen::⚠️ the change adds warnings" in job.step("Verdict").log


def test_a_clean_change_passes(pull_request):
    pull_request.push(RETITLE, rebuild=True)
    job = pull_request.run(check_outputs=True)
    (comment,) = pull_request.comments()
    assert header(comment["body"]) == [
        MARKER, "## archgen architecture diff ✅", "",
        "✅ **Passes:** the change adds no finding of severity warning or worse.", "",
        "1 of 1 spec changed · 0 new findings · 0 resolved · fails on new `error` findings"]
    assert not job.failed, job.log
    assert [s.outcome for s in job.steps] == ["success", "skipped", "success", "success", "success", "success",
                                             "success", "failure", "success"]


def test_fail_on_warning_turns_new_warnings_into_a_failure(pull_request):
    pull_request.push(REMOVE_CACHE_MULTI_AZ)
    job = pull_request.run(inputs={"fail-on": "warning"})
    (comment,) = pull_request.comments()
    assert header(comment["body"])[1] == "## archgen architecture diff ❌"
    assert job.failed


# ---------------------------------------------------------------- the comment is found by its marker

def test_the_comment_is_updated_in_place_found_by_its_marker(pull_request):
    pull_request.push(REMOVE_DB_MULTI_AZ)
    pull_request.run()
    # someone else comments after the bot; then the author fixes the change
    state = json.loads((pull_request.home / "gh-state.json").read_text())
    state["comments"].append({"id": 555, "body": "LGTM once the database is Multi-AZ", "user": {"login": "reviewer"}})
    state["next_id"] = 556
    (pull_request.home / "gh-state.json").write_text(json.dumps(state))
    pull_request.push((REMOVE_DB_MULTI_AZ[1], REMOVE_DB_MULTI_AZ[0]), RETITLE)
    job = pull_request.run()
    first, review = pull_request.comments()
    assert (first["id"], review["id"]) == (100, 555)
    assert header(first["body"])[1] == "## archgen architecture diff ✅"
    assert review["body"] == "LGTM once the database is Multi-AZ"
    methods = [call["argv"][2] for call in pull_request.gh_calls()]
    assert methods == ["GET", "POST", "GET", "PATCH"]
    assert pull_request.gh_calls()[-1]["argv"][3] == "repos/octo/shop/issues/comments/100"
    assert not job.failed
    # a third run with nothing new leaves the comment alone
    pull_request.run()
    assert [call["argv"][2] for call in pull_request.gh_calls()][4:] == ["GET"]


def test_a_read_only_token_warns_and_the_verdict_still_decides(pull_request):
    pull_request.push(REMOVE_CACHE_MULTI_AZ)
    job = pull_request.run(refuse_comments=True)
    step = job.step("Post or update the pull-request comment")
    assert step.outcome == "failure"
    assert "::warning title=archgen::could not post the pull-request comment" in step.log
    assert "HTTP 403" in step.log
    assert not job.failed  # ⚠️: the job passes; the diff is in the job summary
    assert "## archgen architecture diff ⚠️" in job.summary


def test_comment_and_sarif_can_be_turned_off(pull_request):
    pull_request.push(RETITLE)
    job = pull_request.run(inputs={"comment": "false", "sarif": "false"})
    assert pull_request.gh_calls() == []
    assert job.uses == [("actions/setup-python@v5", {"python-version": "3.11"})]
    assert job.step("Write the findings as SARIF").outcome == "skipped"
    assert not job.failed


# ---------------------------------------------------------------- other steps fail, the comment still comes

def test_stale_outputs_fail_naming_the_fix_and_the_comment_is_still_posted(pull_request):
    pull_request.push(REMOVE_CACHE_MULTI_AZ)
    job = pull_request.run(check_outputs=True)
    assert job.failed
    check = job.step("Check the committed outputs")
    assert check.outcome == "failure"
    assert "output/shop/report.md: out of date" in check.log
    assert "run: archgen build specs -o output" in check.log
    assert ("::error title=archgen::the committed outputs in output/ are stale; run: archgen build specs -o output, "
            "then commit output/") in job.step("Verdict").log
    (comment,) = pull_request.comments()
    assert header(comment["body"])[1] == "## archgen architecture diff ⚠️"


def test_an_invalid_spec_fails_and_the_comment_says_so(pull_request):
    pull_request.push(("type: rds", "type: rdss"))
    job = pull_request.run()
    assert job.failed
    assert job.step("Validate the specs").outcome == "failure"
    (comment,) = pull_request.comments()
    assert header(comment["body"])[:4] == [MARKER, "## archgen architecture diff ❌", "",
                                           "❌ **Fails:** 1 changed spec invalid."]
    assert "❌ **The new version is invalid** (1 error):" in comment["body"]


def test_sarif_is_uploaded_and_a_failed_upload_only_warns(pull_request):
    pull_request.push(RETITLE)
    uploaded = []

    def upload_ok(with_, workspace):
        uploaded.append(json.loads(Path(with_["sarif_file"]).read_text()))
        return True

    job = pull_request.run(upload=upload_ok)
    (sarif,) = uploaded
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]  # shop has one warning
    assert job.uses[-1][1]["category"] == "archgen"
    assert "SARIF upload failed" not in job.log and not job.failed
    job = pull_request.run()  # code scanning unavailable
    assert "::warning title=archgen::the SARIF upload failed: code scanning is unavailable" in job.step("Verdict").log
    assert not job.failed


def test_on_a_push_the_gate_is_every_finding_at_fail_on(pull_request):
    job = pull_request.run(event="push")
    assert not job.failed  # shop has one warning and no error
    assert job.step("Compare the architecture with the base branch").outcome == "skipped"
    assert pull_request.gh_calls() == []
    job = pull_request.run(event="push", inputs={"fail-on": "warning", "sarif": "false"})
    assert job.failed
    assert "::error title=archgen::the specs have findings at or above 'warning'; see them with: archgen analyze specs" \
        in job.step("Verdict").log


def test_a_base_branch_that_cannot_be_fetched_is_a_failing_comment_not_silence(pull_request):
    git(pull_request.workspace, "remote", "set-url", "origin", str(pull_request.home / "gone.git"))
    pull_request.push(RETITLE)
    job = pull_request.run()
    (comment,) = pull_request.comments()
    assert header(comment["body"])[:4] == [MARKER, "## archgen architecture diff ❌", "",
                                           "❌ **archgen could not compare the specs with `origin/main`** (exit 2):"]
    assert job.failed


def test_a_failed_install_skips_the_checks_and_says_so(pull_request):
    pull_request.push(RETITLE)
    job = pull_request.run(install_fails=True)
    assert job.failed
    assert [s.outcome for s in job.steps][2:5] == ["skipped", "skipped", "skipped"]
    assert job.step("Post or update the pull-request comment").outcome == "failure"  # nothing to post
    assert pull_request.comments() == []
    assert "::error title=archgen::archgen is not installed: see the step 'Install archgen'" in job.step("Verdict").log
