import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing

@testable import CareStore

/// The sign-in limits, in the database: every app instance counts against one limit.
@Suite("Store: limits on tries")
struct LimitTests {
  static let keys = Limits.signIn(email: "ann@example.org", address: "192.0.2.1")

  /// Twenty tries at once (as if from several instances): only five are let in, on both engines.
  @Test(arguments: Engine.allCases)
  func parallelTriesCannotWalkPastTheLimit(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      let admitted = try await withThrowingTaskGroup(of: UUID?.self) { group in
        for _ in 0..<20 {
          group.addTask { try await store.reserveTries(Self.keys, since: clock.env.now() - 900, env: clock.env) }
        }
        var got: [UUID] = []
        for try await reservation in group { if let reservation { got.append(reservation) } }
        return got
      }
      #expect(admitted.count == 5)
      try await store.releaseTries(admitted[0])
      #expect(try await store.reserveTries(Self.keys, since: clock.env.now() - 900, env: clock.env) != nil)
      #expect(try await store.reserveTries(Self.keys, since: clock.env.now() - 900, env: clock.env) == nil)
    }
  }

  /// Failures stored and tries under way count together; a try a crashed instance never released stops
  /// counting after a minute.
  @Test(arguments: Engine.allCases)
  func failuresAndTriesUnderWayCountTogetherAndAbandonedTriesRunOut(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      for _ in 0..<4 { try await store.addRateEvent(keys: Self.keys.map(\.key), env: clock.env) }
      let fifth = try await store.reserveTries(Self.keys, since: clock.env.now() - 900, env: clock.env)
      #expect(fifth != nil)
      #expect(try await store.reserveTries(Self.keys, since: clock.env.now() - 900, env: clock.env) == nil)
      clock.advance(61)  // the fifth's instance died without releasing it
      #expect(try await store.reserveTries(Self.keys, since: clock.env.now() - 900, env: clock.env) != nil)
    }
  }

  /// Five failures from one address lock that address out of the account, not the person elsewhere;
  /// twenty from anywhere lock the account; fifty from one address lock it out of every account.
  @Test(arguments: Engine.allCases)
  func oneAddressCannotLockThePersonOut(engine: Engine) async throws {
    try await withStore(engine) { store, clock in
      let since = clock.env.now() - 900
      let fromA = Limits.signIn(email: "ann@example.org", address: "192.0.2.1")
      let fromB = Limits.signIn(email: "ann@example.org", address: "198.51.100.7")
      for _ in 0..<5 { try await store.addRateEvent(keys: fromA.map(\.key), env: clock.env) }
      #expect(try await store.reserveTries(fromA, since: since, env: clock.env) == nil)
      let b = try #require(try await store.reserveTries(fromB, since: since, env: clock.env))
      try await store.releaseTries(b)
      for _ in 0..<15 { try await store.addRateEvent(keys: [fromB[1].key], env: clock.env) }
      #expect(try await store.reserveTries(fromB, since: since, env: clock.env) == nil)
      let spraying = Limits.signIn(email: "bo@example.org", address: "192.0.2.1")
      for _ in 0..<45 { try await store.addRateEvent(keys: [spraying[2].key], env: clock.env) }
      #expect(try await store.reserveTries(spraying, since: since, env: clock.env) == nil)
    }
  }
}
