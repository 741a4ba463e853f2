import CareCore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CareStore
@testable import CareWeb

@Suite("Configuration and durability")
struct ConfigTests {
  @Test func withNothingConfiguredTheDataGoesToAFileNotMemory() throws {
    let config = try AppConfig.decode(mode: .development, [:])
    #expect(config.store == .sqlite(path: "carecoop.sqlite"))
    #expect(config.secureCookies == false)
    #expect(config.bcryptCost == 12)
    #expect(config.databaseWaitSeconds == 60)
    #expect(
      try AppConfig.decode(mode: .production, ["CARECOOP_PUBLIC_URL": "https://care.example.org/"]).secureCookies)
    #expect(
      try AppConfig.decode(mode: .production, ["CARECOOP_PUBLIC_URL": "https://care.example.org/"]).publicURL
        == "https://care.example.org")
  }

  @Test(arguments: [
    (["DATABASE_URL": "mysql://x"], "DATABASE_URL"),
    (["CARECOOP_BCRYPT_COST": "99"], "CARECOOP_BCRYPT_COST"),
    (["CARECOOP_IDLE_MINUTES": "soon"], "CARECOOP_IDLE_MINUTES"),
    (["CARECOOP_PUBLIC_URL": "care.example.org"], "CARECOOP_PUBLIC_URL"),
    (["CARECOOP_PUBLIC_URL": "javascript:alert(1)"], "CARECOOP_PUBLIC_URL"),
    (["CARECOOP_PUBLIC_URL": "https://care.example.org/reset?x=1"], "CARECOOP_PUBLIC_URL"),
    (["CARECOOP_PUBLIC_URL": "https://user@care.example.org"], "CARECOOP_PUBLIC_URL"),
    (["CARECOOP_FILES": " "], "CARECOOP_FILES"),
    (["CARECOOP_DB_WAIT_SECONDS": "0"], "CARECOOP_DB_WAIT_SECONDS"),
    (["CARECOOP_CHROMIUM": "/nowhere/chromium"], "CARECOOP_CHROMIUM"),
  ])
  func badSettingsStopTheAppAndNameTheVariable(env: [String: String], key: String) {
    #expect(throws: AppConfig.Problem.self) { try AppConfig.decode(mode: .development, env) }
    do { _ = try AppConfig.decode(mode: .development, env) } catch {
      #expect("\(error)".hasPrefix(key))
    }
  }

  /// PDFs: Chromium where it is usually installed unless told; `off` turns them off; a named program is used.
  @Test func chromiumIsFoundTurnedOffOrNamed() throws {
    #expect(try AppConfig.decode(mode: .development, [:]).chromiumPath == ChromiumPrinter.installed())
    #expect(try AppConfig.decode(mode: .development, ["CARECOOP_CHROMIUM": "off"]).chromiumPath == nil)
    #expect(try AppConfig.decode(mode: .development, ["CARECOOP_CHROMIUM": "/bin/sh"]).chromiumPath == "/bin/sh")
  }

  /// Links mailed from production travel over https to a real address, never the development default.
  @Test func productionWantsAnHttpsAddressForItsLinks() {
    for env in [[:], ["CARECOOP_PUBLIC_URL": "http://care.example.org"]] {
      #expect(throws: AppConfig.Problem.self) { try AppConfig.decode(mode: .production, env) }
    }
  }

  @Test func productionRefusesAWeakPasswordHash() {
    #expect(throws: AppConfig.Problem.self) {
      try AppConfig.decode(mode: .production, ["CARECOOP_BCRYPT_COST": "4"])
    }
  }

  @Test func whatIsSavedIsStillThereAfterARestart() async throws {
    let path = NSTemporaryDirectory() + "carecoop-restart-\(UUID().uuidString).sqlite"
    defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
    for round in 0..<2 {
      let app = try await Application.make(.testing)
      app.logger.logLevel = .warning
      do {
        try await configure(app, config: AppConfig(mode: .testing, store: .sqlite(path: path), bcryptCost: 4))
        let settings = try await app.care.store.checkSettings()
        #expect(settings["journal_mode"] == "wal" && settings["synchronous"] == "2" && settings["foreign_keys"] == "1")
        if round == 0 {
          #expect(try await app.care.store.needsSetup())
          _ = try await app.care.store.setUpCoop(
            CoopSetup(
              coopName: "Kept", registeredNumber: "1", address: "a", adminName: "A B", adminEmail: "a@b.org",
              password: "long enough password"), passwordHash: "x", env: .live)
        } else {
          #expect(try await app.care.store.coops().map(\.name) == ["Kept"])
        }
      } catch {
        try? await app.asyncShutdown()
        throw error
      }
      try await app.asyncShutdown()
    }
  }

  /// A burst of durable writes queues for SQLite's one writer; none fails with "database is locked". The line
  /// may wait as long as the machine needs (inside the whole suite on 2 cores, 60 commits once took 150 s),
  /// so the wait is set long here: what is checked is that every write lands, not how fast the disk is.
  @Test func manyWritersAtOnceOnSQLiteAllSucceed() async throws {
    try await TestApp.with(databaseWaitSeconds: 1800) { t in
      let (coop, admin) = try await t.store.setUpCoop(
        CoopSetup(
          coopName: "Busy", registeredNumber: "1", address: "a", adminName: "A B", adminEmail: "a@b.org",
          password: "long enough password"), passwordHash: "x", env: t.clock.env)
      try await withThrowingTaskGroup(of: Void.self) { group in
        for i in 0..<60 {
          group.addTask {
            let input = NewMember(
              name: "Member \(i)", email: "m\(i)@b.org", memberClass: .community,
              joinedOn: "2026-01-01", sharePence: 100)
            _ = try await t.store.addMember(input, coop: coop.id, by: admin.id, env: .live)
          }
        }
        try await group.waitForAll()
      }
      #expect(try await t.store.memberRegister(coop: coop.id).count == 60)
    }
  }
}
