"""A bad setting or flag stops the real binary with exit status 1 and one line naming the problem, never a
crash with a backtrace."""
import os
import subprocess

import server as server_module


def run(args, **env):
    exe = server_module.binary()
    environment = dict(os.environ, **{"CARECOOP_SQLITE_PATH": "/tmp/carecoop-startup-test.sqlite", **env})
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


def test_the_operator_adds_a_second_coop_from_the_command_line(tmp_path):
    db = str(tmp_path / "coops.sqlite")
    first = run(["coop", "create", "--name", "Calder Care", "--number", "RS 1", "--address", "1 Mill St",
                 "--admin-name", "Ada", "--admin-email", "ada@calder.example"], CARECOOP_SQLITE_PATH=db)
    assert first.returncode == 0, first.stderr
    assert "Co-op Calder Care created" in first.stdout
    assert "/reset-password?token=" in first.stdout  # the link to pass on when there is no mail transport
    second = run(["coop", "create", "--name", "Ribble Care", "--number", "RS 2", "--address", "2 Mill St",
                  "--admin-name", "Bo", "--admin-email", "bo@ribble.example"], CARECOOP_SQLITE_PATH=db)
    assert second.returncode == 0, second.stderr
    listed = run(["coop", "list"], CARECOOP_SQLITE_PATH=db)
    assert listed.stdout.splitlines()[-2:] == ["Calder Care (RS 1)", "Ribble Care (RS 2)"], listed.stdout
    bad = run(["coop", "create", "--name", "No Admin"], CARECOOP_SQLITE_PATH=db)
    assert bad.returncode == 1
    said = bad.stdout + bad.stderr
    assert "--admin-email: Enter an email address" in said and "--number: " in said, said
    assert "nothing was created" in bad.stderr
    assert run(["coop", "list"], CARECOOP_SQLITE_PATH=db).stdout.count("(RS") == 2  # nothing half made
