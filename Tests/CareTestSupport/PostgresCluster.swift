import Foundation
import Glibc

/// A throwaway PostgreSQL cluster for the tests: `initdb` + `pg_ctl` on 127.0.0.1 and a free port,
/// as the `postgres` user when running as root (both refuse to run as root). `TEST_DATABASE_URL`
/// (a server URL whose user may create databases) is used instead when set.
actor PostgresCluster {
  static let shared = PostgresCluster()
  private var started: String?

  /// The URL of the maintenance database, e.g. `postgres://postgres@127.0.0.1:PORT/postgres`.
  func adminURL() throws -> String {
    if let started { return started }
    if let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !url.isEmpty {
      started = url
      return url
    }
    let bin = ProcessInfo.processInfo.environment["PG_BIN"] ?? "/usr/lib/postgresql/15/bin"
    guard FileManager.default.fileExists(atPath: bin + "/initdb") else {
      throw ClusterError("PostgreSQL is not installed at \(bin); run .ci/run (it installs it) or set TEST_DATABASE_URL")
    }
    let dir = "/tmp/carecoop-pg-\(getpid())"
    try? FileManager.default.removeItem(atPath: dir)
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let asRoot = getuid() == 0
    if asRoot { try run("/bin/chown", ["postgres:postgres", dir]) }
    let port = try freePort()
    func pg(_ tool: String, _ args: [String]) throws {
      if asRoot {
        try run("/usr/sbin/runuser", ["-u", "postgres", "--", "\(bin)/\(tool)"] + args)
      } else {
        try run("\(bin)/\(tool)", args)
      }
    }
    try pg("initdb", ["-D", "\(dir)/data", "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"])
    try pg(
      "pg_ctl",
      [
        "-D", "\(dir)/data", "-l", "\(dir)/log", "-w", "-o",
        "-p \(port) -k \(dir) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=1000",
        "start",
      ])
    ClusterStopper.register(stop: {
      try? pg("pg_ctl", ["-D", "\(dir)/data", "-m", "immediate", "stop"])
      try? FileManager.default.removeItem(atPath: dir)
    })
    let url = "postgres://postgres@127.0.0.1:\(port)/postgres"
    started = url
    return url
  }

  /// posix_spawn and waitpid rather than Foundation's Process, whose wait never returned here once
  /// pg_ctl had left a server running. Output goes to a file, never a pipe the server would inherit.
  private func run(_ path: String, _ args: [String]) throws {
    let log = NSTemporaryDirectory() + "carecoop-pg-\(UUID().uuidString).out"
    defer { try? FileManager.default.removeItem(atPath: log) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    let argv = ([path] + args).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid = pid_t()
    let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
    guard spawned == 0 else { throw ClusterError("could not start \(path): error \(spawned)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let exitCode = (status >> 8) & 0xff
    guard status & 0x7f == 0, exitCode == 0 else {
      let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
      throw ClusterError("\(path) \(args.joined(separator: " ")) failed (\(status)): \(text)")
    }
  }

  /// Asks the kernel for a free port by binding to port 0.
  private func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    addr.sin_port = 0
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
    }
    guard bound else { throw ClusterError("could not find a free port") }
    return Int(UInt16(bigEndian: addr.sin_port))
  }
}

struct ClusterError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// Stops the cluster when the test process exits (Swift Testing has no global tear-down), and
/// prints how many store tests ran on each engine.
public enum ClusterStopper {
  nonisolated(unsafe) static var stop: (() -> Void)?
  nonisolated(unsafe) static var counts: [String: Int] = [:]
  static let lock = NSLock()
  nonisolated(unsafe) static var registered = false

  static func register(stop: @escaping () -> Void) {
    lock.withLock { Self.stop = stop }
    registerExit()
  }

  public static func count(_ engine: String) {
    lock.withLock { counts[engine, default: 0] += 1 }
    registerExit()
  }

  private static func registerExit() {
    lock.withLock {
      guard !registered else { return }
      registered = true
      atexit {
        let counts = ClusterStopper.counts
        print("Store tests by engine: sqlite \(counts["sqlite"] ?? 0), postgres \(counts["postgres"] ?? 0)")
        ClusterStopper.stop?()
      }
    }
  }
}
