"""A bad setting or flag stops the real binary with exit status 1 and one line naming the problem, never a
crash with a backtrace."""
import os
import subprocess

import server as server_module


def run(args, **env):
    exe = server_module.binary()
    environment = dict(os.environ, CARECOOP_SQLITE_PATH="/tmp/carecoop-startup-test.sqlite", **env)
    environment.pop("DATABASE_URL", None)
    return subprocess.run([str(exe), *args], env=environment, capture_output=True, text=True, timeout=120)


def test_a_bad_setting_is_one_line_and_exit_1():
    result = run(["serve", "--port", "1"], CARECOOP_BCRYPT_COST="lots")
    assert result.returncode == 1, result
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines[-1] == "carecoop: bad setting CARECOOP_BCRYPT_COST: must be a whole number from 4 to 16", lines
    assert "Backtrace" not in result.stderr and "Fatal error" not in result.stderr


def test_a_bad_flag_is_one_line_and_exit_1():
    result = run(["serve", "--port", "not-a-number"])
    assert result.returncode == 1, result
    assert result.stderr.strip().splitlines()[-1].startswith("carecoop: "), result.stderr
    assert "Backtrace" not in result.stderr and "Fatal error" not in result.stderr
