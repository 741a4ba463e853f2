import Foundation
import Logging

@testable import CareCore
@testable import CareStore

public enum Engine: String, CaseIterable, CustomStringConvertible, Sendable {
  case sqlite, postgres
  public var description: String { rawValue }

  /// Both engines, unless `CARECOOP_TEST_ENGINES` names fewer (for a quick local loop).
  public static var allCases: [Engine] {
    let wanted = ProcessInfo.processInfo.environment["CARECOOP_TEST_ENGINES"]?.split(separator: ",").map(String.init)
    return [.sqlite, .postgres].filter { wanted?.contains($0.rawValue) ?? true }
  }
}

public typealias TestClock = ManualEffects

/// Template database migrated once per test run; each PostgreSQL test gets a copy of it.
public actor PostgresTemplate {
  public static let shared = PostgresTemplate()
  private var serial = 0
  /// Made once, even when many tests ask at the same moment (actors are re-entrant across awaits).
  private var template: Task<(base: String, maintenance: Store), any Error>?

  public func freshDatabaseURL() async throws -> String {
    if template == nil { template = Task { try await Self.makeTemplate() } }
    let (base, maintenance) = try await template!.value
    serial += 1
    let name = "carecoop_test_\(getpid())_\(serial)"
    // Copies wait their turn here, four at a time, not in the maintenance store's pool: with every test
    // asking at once, a copy could wait longer than the pool's 10 s and fail the test (seen in CI).
    await takeTurn()
    defer { endTurn() }
    try await maintenance.cloneDatabase(named: name, template: Self.templateName)
    return "\(base)/\(name)"
  }

  private static let copiesAtOnce = 4
  private var copying = 0
  private var waiting: [CheckedContinuation<Void, Never>] = []

  private func takeTurn() async {
    if copying < Self.copiesAtOnce {
      copying += 1
      return
    }
    await withCheckedContinuation { waiting.append($0) }  // the turn is handed over by `endTurn`
  }

  private func endTurn() {
    if waiting.isEmpty { copying -= 1 } else { waiting.removeFirst().resume() }
  }

  static var templateName: String { "carecoop_template_\(getpid())" }

  private static func makeTemplate() async throws -> (base: String, maintenance: Store) {
    let admin = try await PostgresCluster.shared.adminURL()
    let base = String(admin[..<admin.lastIndex(of: "/")!])
    let maintenance = try Store(.postgres(url: admin), logger: testLogger)
    try await maintenance.createDatabase(named: templateName)
    let store = try Store(.postgres(url: "\(base)/\(templateName)"), logger: testLogger)
    do { try await store.migrate() } catch {
      await store.shutdown()
      throw error
    }
    await store.shutdown()
    return (base, maintenance)
  }
}

/// Runs `body` against a fresh, migrated store on the given engine, then shuts it down.
public func withStore(_ engine: Engine, _ body: (Store, TestClock) async throws -> Void) async throws {
  ClusterStopper.count(engine.rawValue)
  let store: Store
  var file: String?
  switch engine {
  case .sqlite:
    let path = NSTemporaryDirectory() + "carecoop-test-\(UUID().uuidString).sqlite"
    file = path
    store = try Store(.sqlite(path: path), logger: testLogger)
    _ = try await store.checkSettings()
    try await store.migrate()
  case .postgres:
    store = try Store(.postgres(url: try await PostgresTemplate.shared.freshDatabaseURL()), logger: testLogger)
  }
  do {
    try await body(store, TestClock())
  } catch {
    await store.shutdown()
    throw error
  }
  await store.shutdown()
  if let file {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
  }
}

/// A co-op with its administrator, for tests that need one.
public func setUpCoop(
  _ store: Store, _ clock: TestClock, name: String = "Test Co-op", email: String = "admin@example.org"
)
  async throws -> (Coop, Account)
{
  try await store.setUpCoop(
    CoopSetup(
      coopName: name, registeredNumber: "RS1", address: "1 High St", adminName: "Ada Admin", adminEmail: email,
      password: "a long enough password"),
    passwordHash: "x", env: clock.env)
}

public let testLogger: Logger = {
  var logger = Logger(label: "carecoop.test")
  logger.logLevel = .warning
  return logger
}()
