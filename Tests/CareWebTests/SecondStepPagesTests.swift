import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareStore
@testable import CareWeb

/// The second step through the real server, on both engines: a member turns it on from their account (a
/// wrong first code is refused and the same key offered again; the recovery codes are shown once); from then
/// the right password alone signs in to nothing — the code page follows, a wrong code is refused, the right
/// one gives a fresh session, a code works once; five wrong codes and codes wait; the API asks for the code
/// with the password; a recovery code works once.
@Suite("Pages: a second step when signing in")
struct SecondStepPagesTests {
  static func secret(in page: String) throws -> String {
    let marker = #"name="secret" value=""#
    let start = try #require(page.range(of: marker)).upperBound
    return String(page[start...].prefix { $0 != "\"" })
  }

  @Test(arguments: Engine.allCases)
  func aMemberTurnsItOnAndSignsInWithACode(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let email = try #require(demo.family.email)
      var session = try await t.session(for: demo.family)
      #expect(
        try await t.send(.GET, "/account", session: session).text.contains(
          "Add a second step: a code from an app on your phone"))
      var page = try await t.send(.GET, "/account/second-step", session: session).text
      let secret = try Self.secret(in: page)
      let totp = TOTP(secret: try #require(Base32.decode(secret)))
      #expect(page.contains("otpauth://totp/"))
      let wrong = try await t.send(
        .POST, "/account/second-step", session: session, form: ["secret": secret, "code": "000000"])
      let again = try Self.secret(in: wrong.text)
      #expect(wrong.status == .unprocessableEntity && again == secret)
      t.clock.advance(30)
      let on = try await t.send(
        .POST, "/account/second-step", session: session,
        form: ["secret": secret, "code": totp.code(at: t.clock.env.now())])
      #expect(on.status == .ok && on.text.contains("The second step is on."))
      let recovery = on.text.components(separatedBy: #"<strong class="ballot-code">"#).dropFirst()
        .map { String($0.prefix { $0 != "<" }) }
      #expect(recovery.count == RecoveryCodes.count)
      #expect(try await t.send(.GET, "/account", session: session).text.contains("About your second step"))
      // Now the password alone signs in to nothing.
      let first = try await t.send(
        .POST, "/sign-in", form: ["email": email, "password": TestApp.demoPassword, "next": "/concerns"])
      #expect(first.status == .seeOther)
      #expect(first.headers.first(name: .location) == "/sign-in/code?next=%2Fconcerns")
      let pending = try #require(first.setCookie(CookieName.session)?.value)
      #expect(try await t.send(.GET, "/account", session: pending).status == .seeOther)
      page = try await t.send(.GET, "/sign-in/code?next=/concerns", session: pending).text
      #expect(page.contains("<h1>Enter your code</h1>"))
      let refused = try await t.send(
        .POST, "/sign-in/code", session: pending, form: ["code": "123456", "next": "/concerns"])
      #expect(refused.status == .unprocessableEntity)
      #expect(refused.text.contains(##"<a href="#code">That code is not right"##))
      t.clock.advance(30)
      let right = try await t.send(
        .POST, "/sign-in/code", session: pending,
        form: ["code": totp.code(at: t.clock.env.now()), "next": "/concerns"])
      #expect(right.status == .seeOther && right.headers.first(name: .location) == "/concerns")
      session = try #require(right.setCookie(CookieName.session)?.value)
      #expect(session != pending)
      #expect(try await t.send(.GET, "/account", session: session).status == .ok)
      #expect(try await t.send(.GET, "/sign-in/code", session: pending).status == .seeOther)
      // The API: the code with the password; without it, or the same code again, refused.
      let noCode = try await t.send(
        .POST, "/api/v1/sessions", json: #"{"email":"\#(email)","password":"\#(TestApp.demoPassword)"}"#)
      #expect(noCode.status == .unprocessableEntity)
      let reused = try await t.send(
        .POST, "/api/v1/sessions",
        json:
          #"{"email":"\#(email)","password":"\#(TestApp.demoPassword)","code":"\#(totp.code(at: t.clock.env.now()))"}"#)
      #expect(reused.status == .unprocessableEntity)
      let byRecovery = try await t.send(
        .POST, "/api/v1/sessions",
        json: #"{"email":"\#(email)","password":"\#(TestApp.demoPassword)","code":"\#(recovery[0])"}"#)
      #expect(byRecovery.status == .created)
      // Five wrong codes, and even the right one waits.
      for _ in 0..<5 {
        _ = try await t.send(
          .POST, "/api/v1/sessions",
          json: #"{"email":"\#(email)","password":"\#(TestApp.demoPassword)","code":"111111"}"#)
      }
      t.clock.advance(30)
      let waits = try await t.send(
        .POST, "/api/v1/sessions",
        json:
          #"{"email":"\#(email)","password":"\#(TestApp.demoPassword)","code":"\#(totp.code(at: t.clock.env.now()))"}"#)
      #expect(waits.status == .tooManyRequests)
    }
  }

  /// Once the co-op decides so, the finance hat's pages refuse a session without the second step, saying
  /// why, and open for one with it.
  @Test(arguments: Engine.allCases)
  func privilegedHatsWaitForTheSecondStepWhenTheCoopDecides(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let cases = t.app.care.cases
      let hats = try await t.store.hats(coop: demo.coop.id)
      let finance = try #require(hats.first { $0.hat.kind == .finance }?.current(on: cases.today).first?.1)
      #expect(try await t.send(.GET, "/pay", session: try await t.session(for: finance)).status == .ok)
      let worker = try await cases.requester(for: demo.teamWorker)
      let proposal = try await cases.addProposal(
        NewProposal(
          title: "Second step for privileged hats", text: "Safer.", kind: "consent", share: nil, quorum: 0,
          closesOn: cases.today.iso
        ).changing(["privilegedSecondStep": "yes"], from: cases.today.adding(days: 1).iso), by: worker)
      try await cases.vote(proposal.id, choice: "consent", reason: nil, by: worker)
      t.clock.advance(25 * 3600)
      #expect(try await cases.countDuePolls() == 1)
      let refused = try await t.send(.GET, "/pay", session: try await t.session(for: finance))
      #expect(refused.status == .forbidden && refused.text.contains("act only after a second step when signing in"))
      #expect(
        try await t.send(.GET, "/pay", session: try await t.session(for: finance, kind: "web-code")).status == .ok)
      let settings = try await t.send(.GET, "/settings", session: try await t.session(for: demo.family)).text
      #expect(settings.contains(#"<h2 id="group-5">Security</h2>"#))
    }
  }
}
