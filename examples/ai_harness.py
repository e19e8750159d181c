#!/usr/bin/env python3
"""Take part in a finished contest as an AI contestant: a virtual run of k attempts per problem.

Python 3.11, standard library only. The steps, each one HTTP call or a few:

  1. read the contest (GET /api/v1/contests/ID) and match the attempt folders to its problems;
  2. start a virtual run (POST /api/v1/contests/ID/virtual with the policy);
  3. submit each problem's attempts as one batch (POST /api/v1/submissions/batch), attempt index = the
     order of the files by name, all in one group per problem;
  4. wait until every attempt is judged (GET /api/v1/submissions/SID, polling with backoff);
  5. end the run (POST /api/v1/contests/ID/virtual/end);
  6. print where the run places among the contest's real standings (GET /api/v1/contests/ID/virtual/HANDLE)
     and the AI report of its attempts (GET /api/v1/ai/report?contest=ID&handle=HANDLE).

The attempts folder holds one sub-folder per problem, named by the problem's id or its label in the contest
(A, B, ...). Each entry of a problem folder, sorted by name, is one attempt: a file (a one-file solution whose
extension gives the language, unless --language says) or a folder (all its files form one solution, e.g.
a Java attempt's Main.java and Util.java). An optional costs.json in a problem folder gives attempts their
own cost: {"01.py": 0.12, "02.py": {"cost_usd": 0.3, "tokens": 1500}}; --cost-usd and --tokens give the
rest theirs.

    attempts/
      A/01.py  A/02.py  A/03.py
      B/01.py  B/02.py  B/costs.json

Example:

    JUDGE_TOKEN=... python3 examples/ai_harness.py --server http://localhost:8080 --contest cf641 \\
        --attempts ./attempts --model my-model-2026-05 --group run1 --cost-usd 0.02

Exit status: 0 when the run was judged and reported; 1 when the server refused something (its error code
and message are printed) or the input is unusable; 2 for bad arguments; 3 when judging did not finish within
--timeout (the run is left open: run again with --resume --handle HANDLE to wait and finish it).
"""

import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

MAX_BATCH = 100  # the server's limit on submissions per batch
COSTS_FILE = "costs.json"
EXIT_FAILED, EXIT_TIMEOUT = 1, 3


class HarnessError(Exception):
    """Something that stops the run, with the message to print."""


class ApiError(HarnessError):
    """An HTTP error answer from the judge: its status, and the code and message of its error body."""

    def __init__(self, method, path, status, code, message):
        super().__init__(f"{method} {path} -> HTTP {status} {code}: {message}")
        self.status, self.code = status, code


class TimedOut(HarnessError):
    pass


def log(text):
    """Progress goes to stderr, so that stdout holds only the result (and is plain JSON with --json)."""
    print(text, file=sys.stderr, flush=True)


# ---- HTTP

class Judge:
    """The judge's API, as this harness uses it: JSON in, JSON out, errors as ApiError."""

    def __init__(self, server, token):
        self.base = server.rstrip("/")
        self.token = token

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Authorization", "Bearer " + self.token)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=120) as answer:
                raw = answer.read()
        except urllib.error.HTTPError as e:
            code, message = error_of(e.read())
            raise ApiError(method, path, e.code, code, message) from None
        except urllib.error.URLError as e:
            raise HarnessError(f"cannot reach the judge at {self.base}: {e.reason}") from None
        return json.loads(raw) if raw else None

    def get(self, path):
        return self.call("GET", path)

    def post(self, path, body=None):
        return self.call("POST", path, body if body is not None else {})


def error_of(raw):
    """The code and message of the judge's {"error": {"code", "message"}}, or what the body says otherwise."""
    try:
        error = json.loads(raw)["error"]
        return error["code"], error["message"]
    except (ValueError, KeyError, TypeError):
        return "http_error", raw.decode(errors="replace").strip()[:500] or "(no body)"


def quoted(segment):
    return urllib.parse.quote(segment, safe="")


# ---- the attempts on disk

class Attempt:
    """One attempt: its files, and what it cost to produce."""

    def __init__(self, name, files, cost_usd=None, tokens=None):
        self.name, self.files, self.cost_usd, self.tokens = name, files, cost_usd, tokens


def read_files(path):
    """The submission files of one attempt: the file itself, or every plain file of the attempt's folder."""
    paths = [path] if path.is_file() else sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
    if not paths:
        raise HarnessError(f"attempt {path} holds no file")
    try:
        return [{"name": p.name, "content": p.read_text(encoding="utf-8")} for p in paths]
    except UnicodeDecodeError as e:
        raise HarnessError(f"attempt {path} is not UTF-8 text: {e}") from None


def read_costs(folder):
    """costs.json of a problem folder: attempt name -> {"cost_usd", "tokens"} (a bare number is cost_usd)."""
    path = folder / COSTS_FILE
    if not path.exists():
        return {}
    try:
        costs = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as e:
        raise HarnessError(f"{path} is not JSON: {e}") from None
    if not isinstance(costs, dict):
        raise HarnessError(f"{path} must be an object of attempt name -> cost")
    return {name: v if isinstance(v, dict) else {"cost_usd": v} for name, v in costs.items()}


def read_attempts(folder, default_cost, default_tokens):
    """A problem folder's attempts, sorted by name: the order gives their index."""
    costs = read_costs(folder)
    entries = sorted(p for p in folder.iterdir() if not p.name.startswith(".") and p.name != COSTS_FILE)
    unknown = set(costs) - {p.name for p in entries}
    if unknown:
        raise HarnessError(f"{folder / COSTS_FILE} names no such attempt: {', '.join(sorted(unknown))}")
    attempts = []
    for entry in entries:
        cost = costs.get(entry.name, {})
        attempts.append(Attempt(entry.name, read_files(entry), cost.get("cost_usd", default_cost),
                                cost.get("tokens", default_tokens)))
    return attempts


def problem_folders(root, contest):
    """Problem id -> its attempts folder, matching folder names to the contest's problem ids or labels."""
    if not root.is_dir():
        raise HarnessError(f"the attempts folder {root} does not exist")
    by_name = dict(zip(contest["labels"], contest["problems"]))
    by_name.update({p: p for p in contest["problems"]})
    found = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        problem = by_name.get(folder.name)
        if problem is None:
            raise HarnessError(f"folder {folder} names no problem of contest {contest['id']}"
                               f" (its problems: {', '.join(contest['problems'])}; labels: {', '.join(contest['labels'])})")
        if problem in found:
            raise HarnessError(f"problem {problem} has two folders: {found[problem].name} and {folder.name}")
        found[problem] = folder
    if not found:
        raise HarnessError(f"{root} holds no problem folder")
    return found


# ---- the run

def start_run(judge, args):
    """Starts the virtual run and answers its handle; with --resume an existing run is taken up instead."""
    path = f"/api/v1/contests/{quoted(args.contest)}/virtual"
    try:
        run = judge.post(path, {"policy": args.policy})
        log(f"virtual run of {args.contest} started for {run['handle']}: policy {run['policy']},"
            f" contest time {run['start']} .. {run['end']}")
        return run["handle"], True
    except ApiError as e:
        if e.code != "virtual_run_exists":
            raise
        if not args.resume:
            raise HarnessError(f"{e}. You have a virtual run of contest {args.contest} already (there is one per"
                               f" user and contest); nothing was submitted. Run again with --resume --handle HANDLE to"
                               f" continue it.") from None
    result = judge.get(f"{path}/{quoted(args.handle)}")
    log(f"resuming the virtual run of {args.contest} by {args.handle} (policy {result['policy']},"
        f" {'active' if result['active'] else 'over'})")
    if result["policy"] != args.policy:
        log(f"note: the run's policy is {result['policy']}, not --policy {args.policy}")
        args.policy = result["policy"]
    return args.handle, result["active"]


def group_of(args, problem):
    return f"{args.group}-{problem}"


def submission(args, problem, index, attempt):
    """One batch item: the attempt's files, in the contest, with its attempt fields."""
    meta = {"group": group_of(args, problem), "index": index}
    for key, value in (("model", args.model), ("cost_usd", attempt.cost_usd), ("tokens", attempt.tokens)):
        if value is not None:
            meta[key] = value
    item = {"problem": problem, "contest": args.contest, "files": attempt.files, "attempt": meta}
    if args.language:
        item["language"] = args.language
    if args.policy == "declared":
        item["minute"] = args.minute
    return item


def submit_problem(judge, args, problem, attempts):
    """The problem's attempts as one batch (several when there are over MAX_BATCH): their submission ids."""
    ids = []
    for first in range(0, len(attempts), MAX_BATCH):
        chunk = attempts[first:first + MAX_BATCH]
        items = [submission(args, problem, first + i, a) for i, a in enumerate(chunk)]
        try:
            ids += judge.post("/api/v1/submissions/batch", {"submissions": items})["ids"]
        except ApiError as e:
            names = ", ".join(a.name for a in chunk)
            raise HarnessError(f"{e} (the batch of problem {problem}, in order: {names}; submissions[i] is the"
                               f" i-th of these; nothing of it was stored)") from None
    log(f"{problem}: {len(ids)} attempt(s) submitted as group {group_of(args, problem)}")
    return ids


def already_submitted(judge, args, handle):
    """Problems whose group has attempts already (for --resume): they are not submitted again."""
    rows = report(judge, args.contest, handle)["rows"]
    return {r["problem"] for r in rows if r["group"] == group_of(args, r["problem"])}


def wait_for_verdicts(judge, ids, timeout):
    """Polls each submission until it is judged (status done), backing off from 0.5 s to 5 s between rounds."""
    deadline = time.monotonic() + timeout
    waiting, pause = list(ids), 0.5
    while waiting:
        waiting = [sid for sid in waiting if judge.get(f"/api/v1/submissions/{quoted(sid)}")["status"] != "done"]
        if not waiting:
            break
        if time.monotonic() + pause > deadline:
            raise TimedOut(f"{len(waiting)} of {len(ids)} attempt(s) still not judged after {timeout:g} s")
        log(f"waiting: {len(ids) - len(waiting)} of {len(ids)} judged")
        time.sleep(pause)
        pause = min(pause * 1.5, 5.0)
    log(f"all {len(ids)} attempt(s) judged")


def wait_for_report(judge, args, handle, timeout):
    """With --resume, attempts from before are waited for through the report's pending counts."""
    deadline, pause = time.monotonic() + timeout, 0.5
    while True:
        pending = sum(r["pending"] for r in report(judge, args.contest, handle)["rows"])
        if pending == 0:
            return
        if time.monotonic() + pause > deadline:
            raise TimedOut(f"{pending} attempt(s) still not judged after {timeout:g} s")
        log(f"waiting: {pending} attempt(s) from before still pending")
        time.sleep(pause)
        pause = min(pause * 1.5, 5.0)


def report(judge, contest, handle):
    return judge.get(f"/api/v1/ai/report?contest={quoted(contest)}&handle={quoted(handle)}")


# ---- printing

def number(value, places=3):
    """A figure as people write it: 2 for 2.0, 0.667 for 0.6666..., yes / no, '-' for none."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        text = f"{value:.{places}f}".rstrip("0").rstrip(".")
        return "0" if text == "-0" else text
    return str(value)


def money(value):
    return number(value, places=6)


def signed(value):
    return "-" if value is None else f"{value:+d}"


def by_k(values):
    """{"1": 0.5, "2": 1.0} as '1:0.5 2:1', keys in numeric order."""
    return " ".join(f"{k}:{number(values[k])}" for k in sorted(values, key=int)) or "-"


def cell(problem):
    """One problem of the run's row: 'A solved at minute 0 (2 tries)', 'B not solved (3 tries), 40 points'."""
    tries = f"{problem['attempts']} {'try' if problem['attempts'] == 1 else 'tries'}"
    if problem["solved"]:
        return f"{problem['label']} solved at minute {problem['time_minutes']} ({tries})"
    points = f", {number(problem['score'])} points" if problem["score"] else ""
    return f"{problem['label']} not solved ({tries}){points}"


def print_result(result):
    rank = "-" if result["rank"] is None else str(result["rank"])
    print(f"Virtual run of contest {result['contest']} by {result['handle']} (policy {result['policy']})")
    lines = [("points", number(result["points"])), ("penalty", number(result["penalty"])),
             ("rank", f"{rank} among {result['standings_size']} real contestants"),
             ("performance rating", number(result["performance_rating"])),
             ("delta if rated", signed(result["delta_if_rated"])),
             ("problems", ", ".join(cell(p) for p in result["problems"]))]
    for label, value in lines:
        print(f"  {label + ':':<20}{value}")


def table(header, rows):
    """Rows of strings in aligned columns, as text lines."""
    widths = [max(len(str(c)) for c in column) for column in zip(header, *rows)]
    return ["  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip() for row in [header, *rows]]


def print_report(answer):
    header = ["problem", "group", "model", "n", "correct", "pending", "pass@k", "consensus@k", "10@k", "cost_usd"]
    rows = [[r["problem"], r["group"], r["model"] or "-", r["n"], r["correct"], r["pending"], by_k(r["pass_at"]),
             by_k(r["consensus_at"]), by_k(r["n_at_k"]), money(r["cost_usd"])] for r in answer["rows"]]
    print()
    print("AI report")
    for line in table(header, rows):
        print("  " + line)
    s = answer["summary"]
    print(f"  groups: {s['groups']}, solved: {s['solved']}, cost: {money(s['cost_usd'])} USD,"
          f" per solved problem: {money(s['cost_per_solved_usd'])} USD")


# ---- main

def arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", default="http://localhost:8080", help="the judge's base URL")
    parser.add_argument("--token", default=os.environ.get("JUDGE_TOKEN"),
                        help="the AI user's API token (default: $JUDGE_TOKEN)")
    parser.add_argument("--contest", required=True, help="the id of a finished contest")
    parser.add_argument("--policy", default="minute0", choices=["clock", "minute0", "declared"],
                        help="at which contest minute attempts count (default minute0)")
    parser.add_argument("--minute", type=int, default=0, help="with --policy declared: the minute of every attempt")
    parser.add_argument("--attempts", required=True, type=Path, help="folder of problem folders of attempts")
    parser.add_argument("--language", help="the language of every attempt (default: from each file's extension)")
    parser.add_argument("--model", help="the model that wrote the attempts, recorded with each")
    parser.add_argument("--group", default="harness", help="group name prefix; a problem's group is PREFIX-PROBLEM")
    parser.add_argument("--cost-usd", type=float, help="cost of each attempt without its own in costs.json")
    parser.add_argument("--tokens", type=int, help="tokens of each attempt without its own in costs.json")
    parser.add_argument("--timeout", type=float, default=900, help="seconds to wait for verdicts (default 900)")
    parser.add_argument("--resume", action="store_true",
                        help="continue an existing run: submit only problems without attempts in this group yet")
    parser.add_argument("--handle", help="your handle (needed with --resume)")
    parser.add_argument("--json", action="store_true", help="print the raw JSON of the result and the report")
    args = parser.parse_args(argv)
    if not args.token:
        parser.error("give --token or set JUDGE_TOKEN")
    if args.resume and not args.handle:
        parser.error("--resume needs --handle (the run is looked up by it)")
    return args


def run(args):
    judge = Judge(args.server, args.token)
    contest = judge.get(f"/api/v1/contests/{quoted(args.contest)}")
    folders = problem_folders(args.attempts, contest)
    attempts = {p: read_attempts(f, args.cost_usd, args.tokens) for p, f in folders.items()}
    handle, active = start_run(judge, args)
    args.handle, args.run_open = handle, active
    ids = []
    if active:
        skip = already_submitted(judge, args, handle) if args.resume else set()
        for problem, mine in attempts.items():
            if problem in skip:
                log(f"{problem}: group {group_of(args, problem)} has attempts already; not submitted again")
            elif mine:
                ids += submit_problem(judge, args, problem, mine)
    wait_for_verdicts(judge, ids, args.timeout)
    if args.resume:
        wait_for_report(judge, args, handle, args.timeout)
    judge.post(f"/api/v1/contests/{quoted(args.contest)}/virtual/end")
    args.run_open = False
    result = judge.get(f"/api/v1/contests/{quoted(args.contest)}/virtual/{quoted(handle)}")
    answer = report(judge, args.contest, handle)
    if args.json:
        print(json.dumps({"submissions": ids, "virtual": result, "report": answer}, indent=2))
    else:
        print_result(result)
        print_report(answer)


def main(argv=None):
    args = arguments(argv)
    try:
        run(args)
    except TimedOut as e:
        log(f"error: {e}; the run is still open: run again with --resume --handle {args.handle} to wait and"
            f" finish it")
        return EXIT_TIMEOUT
    except HarnessError as e:
        log(f"error: {e}")
        if getattr(args, "run_open", False):
            log(f"the virtual run stays open: fix this and run again with --resume --handle {args.handle}")
        return EXIT_FAILED
    return 0


if __name__ == "__main__":
    sys.exit(main())
