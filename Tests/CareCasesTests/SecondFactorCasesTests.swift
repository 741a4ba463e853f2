import CareCore
import CareTestSupport
import Foundation
import SQLKit
import Testing

@testable import CareCases
@testable import CareStore

/// The second step on both engines: turned on only with a code the app shows for the secret given; ten
/// recovery codes, each working once; an app code works once, and never one older than the last used; two
/// uses of one code at the same moment keep one; refusals are logged; nothing is edited.
@Suite("Use cases: a second step with an authenticator app")
struct SecondFactorCasesTests {
  @Test(arguments: Engine.allCases)
  func turnedOnWithAnAppCodeAndEachCodeWorksOnce(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let account = demo.rotaKeeper
      #expect(try await w.cases.secondFactor(of: account) == nil)
      let setup = try await w.cases.beginSecondFactor(for: account)
      #expect(setup.uri.hasPrefix("otpauth://totp/") && setup.uri.contains("secret=\(setup.secret)"))
      #expect(setup.grouped.replacingOccurrences(of: " ", with: "") == setup.secret)
      let app = TOTP(secret: try #require(Base32.decode(setup.secret)))

      // A wrong code, or a secret that is not the one given, turns nothing on.
      await #expect(
        throws: CareError.invalid("code", "That is not the code the app shows now: type the 6 numbers it shows")
      ) {
        try await w.cases.turnOnSecondFactor(for: account, secret: setup.secret, code: "000000x")
      }
      await #expect(throws: CareError.invalid("secret", "Start again: the key for the app was not the one given")) {
        try await w.cases.turnOnSecondFactor(for: account, secret: "not base32!", code: "123456")
      }
      #expect(try await w.cases.secondFactor(of: account) == nil)
      let now = w.clock.env.now()
      let codes = try await w.cases.turnOnSecondFactor(
        for: account, secret: setup.grouped.lowercased(), code: app.code(at: now))
      #expect(codes.count == 10 && Set(codes).count == 10)
      let factor = try #require(try await w.cases.secondFactor(of: account))
      #expect(factor.recoveryCodesLeft == 10 && factor.lastStep == app.counter(at: now))

      // The code that turned it on cannot be used again; the next step's code can, once.
      let refused = CareError.invalid(
        "code", "That code is not right, or was used already: type the newest code the app shows, or a recovery code")
      await #expect(throws: refused) { try await w.cases.checkSecondFactor(for: account, code: app.code(at: now)) }
      w.clock.advance(30)
      let next = app.code(at: w.clock.env.now())
      try await w.cases.checkSecondFactor(for: account, code: next)
      await #expect(throws: refused) { try await w.cases.checkSecondFactor(for: account, code: next) }
      // A recovery code, typed loosely, works once.
      try await w.cases.checkSecondFactor(
        for: account, code: codes[3].lowercased().replacingOccurrences(of: "-", with: ""))
      await #expect(throws: refused) { try await w.cases.checkSecondFactor(for: account, code: codes[3]) }
      #expect(try await w.cases.secondFactor(of: account)?.recoveryCodesLeft == 9)

      // Two requests with one code at the same moment: one is taken, the other refused.
      w.clock.advance(60)
      let raced = app.code(at: w.clock.env.now())
      async let first: Bool = { (try? await w.cases.checkSecondFactor(for: account, code: raced)) != nil }()
      async let second: Bool = { (try? await w.cases.checkSecondFactor(for: account, code: raced)) != nil }()
      let taken = [await first, await second]
      #expect(taken.filter { $0 }.count == 1)

      // Refusals are logged; the record cannot be edited.
      let log = try await w.store.auditEvents(coop: demo.coop.id, limit: 500)
      #expect(log.filter { $0.action == .secondFactorRefused }.count >= 3)
      #expect(log.filter { $0.action == .useSecondFactor }.count == 3)
      #expect(log.filter { $0.action == .turnOnSecondFactor }.count == 1)
      let sql = w.store.writer as! any SQLDatabase
      await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM second_factor_uses").run() }
      await #expect(throws: (any Error).self) { try await sql.raw("UPDATE second_factors SET secret = 'A'").run() }
    }
  }
}
