"""Starts the real CareCoop server on 127.0.0.1 with the demo co-op (a fresh SQLite file, or PostgreSQL)."""
import os
import re
import socket
import subprocess
import tempfile
import time
import json
import email
import email.policy
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Demo roles as `carecoop demo` prints them, and the short names the tests use.
ROLE_NAMES = {
    "administrator": "admin",
    "person supported": "person",
    "arranger (mother)": "arranger",
    "family": "family",
    "worker in the team": "team_worker",
    "rota keeper": "rota_keeper",
    "worker, same circle": "circle_worker",
    "worker, other circle": "other_worker",
    "finance hat": "finance",
}


@dataclass
class Server:
    base: str
    password: str
    emails: dict = field(default_factory=dict)
    process: subprocess.Popen | None = None
    log_path: Path | None = None
    db_path: Path | None = None
    mail_dir: Path | None = None
    smtp: subprocess.Popen | None = None
    exe: Path | None = None
    env: dict = field(default_factory=dict)

    def url(self, path: str) -> str:
        return self.base + path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path else ""

    def mails(self) -> list[dict]:
        """Every message the app sent through the SMTP server, oldest first: to, subject, body (decoded)."""
        found = []
        for path in sorted(self.mail_dir.glob("*.eml")) if self.mail_dir else []:
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            found.append({"to": str(message["To"]), "subject": str(message["Subject"]),
                          "body": message.get_body(("plain",)).get_content(), "raw": message})
        return found

    def restart(self, timeout: float = 60):
        """Serves again on the same database and port (after the process died or was killed)."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        port = self.base.rsplit(":", 1)[1]
        log = open(self.log_path, "a")
        self.process = subprocess.Popen([str(self.exe), "serve", "--hostname", "127.0.0.1", "--port", port],
                                        env=self.env, stdout=log, stderr=subprocess.STDOUT)
        wait_for_health(self, timeout)

    def stop(self):
        if self.smtp and self.smtp.poll() is None:
            self.smtp.terminate()
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()


def binary() -> Path:
    """The debug build of `carecoop`; built here only if `swift test` has not built it already."""
    bin_dir = Path(
        subprocess.check_output(["swift", "build", "--show-bin-path"], cwd=ROOT, text=True).strip())
    exe = bin_dir / "carecoop"
    subprocess.run(["swift", "build", "--product", "carecoop"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    return exe


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(artifacts: Path, database_url: str | None = None) -> Server:
    """The demo on a fresh SQLite file, or on the PostgreSQL database at `database_url`."""
    exe = binary()
    work = Path(tempfile.mkdtemp(prefix="carecoop-browser-"))
    env = dict(os.environ, CARECOOP_SQLITE_PATH=str(work / "demo.sqlite"), CARECOOP_BCRYPT_COST="4",
               LOG_LEVEL="info", CARECOOP_PLAN_SECONDS="20", CARECOOP_FILES=str(work / "files"))
    env.pop("DATABASE_URL", None)
    if database_url:
        env.pop("CARECOOP_SQLITE_PATH")
        env["DATABASE_URL"] = database_url
    out = subprocess.run([str(exe), "demo"], env=env, text=True, capture_output=True, timeout=300)
    if out.returncode != 0:
        raise RuntimeError("carecoop demo failed:\n" + out.stdout + out.stderr)
    password = re.search(r"uses the password (\S+)", out.stdout).group(1)
    emails = {}
    for line in out.stdout.splitlines():
        for label, role in ROLE_NAMES.items():
            m = re.match(r"\s+" + re.escape(label) + r"\s+(\S+@\S+)$", line)
            if m:
                emails[role] = m.group(1)
    assert set(emails) == set(ROLE_NAMES.values()), f"demo printed roles {sorted(emails)}"
    # Mail goes to a real SMTP server (STARTTLS, AUTH PLAIN) that keeps each message as a file.
    mail_dir = work / "mail"
    smtp_port = free_port()
    smtp = subprocess.Popen([sys.executable, str(Path(__file__).parent / "smtp_server.py"), str(smtp_port),
                             str(mail_dir)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if smtp.stdout.readline().strip() != "ready":
        raise RuntimeError("the SMTP server did not start")
    env.update(CARECOOP_SMTP_HOST="localhost", CARECOOP_SMTP_PORT=str(smtp_port), CARECOOP_SMTP_SECURITY="starttls",
               CARECOOP_SMTP_USERNAME="carecoop", CARECOOP_SMTP_PASSWORD="mail-password",
               CARECOOP_MAIL_FROM="care@coop.example", CARECOOP_SMTP_CA_FILE=str(mail_dir / "ca.pem"))
    port = free_port()
    log_path = artifacts / "server.log"
    log = open(log_path, "w")
    proc = subprocess.Popen([str(exe), "serve", "--hostname", "127.0.0.1", "--port", str(port)],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", password, emails, proc, log_path, work / "demo.sqlite", mail_dir,
                    smtp, exe, env)
    wait_for_health(server, 60)
    return server


def wait_for_health(server: Server, timeout: float):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(server.url("/health"), timeout=2)
            return
        except OSError:
            if server.process.poll() is not None:
                raise RuntimeError("server exited:\n" + server.log())
            time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"server did not answer /health within {timeout} s:\n" + server.log())


def call(server, method, path, token=None, body=None):
    """A JSON API call (bearer token, JSON body); the decoded answer."""
    request = urllib.request.Request(server.url(path), method=method,
                                     data=None if body is None else json.dumps(body).encode())
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


def call_with_key(server, path, token, body, key, timeout=60):
    """A posting through the API with its Idempotency-Key (none if None): (status, decoded answer or None,
    replayed?)."""
    request = urllib.request.Request(server.url(path), method="POST", data=json.dumps(body).encode())
    request.add_header("Content-Type", "application/json")
    request.add_header("Authorization", f"Bearer {token}")
    if key is not None:
        request.add_header("Idempotency-Key", key)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read()), response.headers.get("Idempotent-Replayed") == "true"
    except urllib.error.HTTPError as error:
        return error.code, None, False


def start_on(folder: Path, engine: str):
    """The demo's server on SQLite, or on a throwaway PostgreSQL 15 cluster: (server, cluster or None)."""
    import pg
    cluster = pg.Cluster() if engine == "postgres" else None
    try:
        return start(folder, database_url=cluster.url if cluster else None), cluster
    except Exception:
        if cluster:
            cluster.stop()
        raise


def rows(server: Server, cluster, query: str) -> list[list[str]]:
    """The rows of a query on the server's database, as text."""
    if cluster:
        return [line.split("|") for line in cluster.scalar(query).splitlines() if line]
    import sqlite3
    with sqlite3.connect(server.db_path) as db:
        return [[str(v) for v in row] for row in db.execute(query).fetchall()]


def sign_in(server: Server, role: str) -> str:
    """An API token for a demo role."""
    return call(server, "POST", "/api/v1/sessions",
                body={"email": server.emails[role], "password": server.password})["token"]


def with_kills(server: Server, kills: int, clients: int, work, rng, pause=(0.3, 1.5)):
    """Runs `work(round, client, stop)` on `clients` threads while the server is killed with SIGKILL at a
    random moment (after `pause` seconds, drawn from `rng`) and started again on the same database, `kills`
    times. `work` stops when `stop` is set or the server is gone."""
    import signal
    import threading
    import time
    for round_ in range(kills):
        stop = threading.Event()
        threads = [threading.Thread(target=work, args=(round_, n, stop)) for n in range(clients)]
        for t in threads:
            t.start()
        time.sleep(rng.uniform(*pause))
        server.process.send_signal(signal.SIGKILL)
        server.process.wait(10)
        stop.set()
        for t in threads:
            t.join(60)
        server.restart()
