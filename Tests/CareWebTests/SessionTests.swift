import CareCore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CareStore
@testable import CareWeb

@Suite("Sessions, cookies and CSRF")
struct SessionTests {
  func signIn(_ t: TestApp, email: String, password: String = TestApp.demoPassword, session: String? = nil)
    async throws -> TestingHTTPResponse
  {
    try await t.send(.POST, "/sign-in", session: session, form: ["email": email, "password": password])
  }

  @Test(arguments: [false, true])
  func sessionCookieIsHttpOnlyLaxAndSecureOutsideDevelopment(secure: Bool) async throws {
    try await TestApp.with(secureCookies: secure) { t in
      let (demo, _) = try await t.seedDemo()
      let response = try await signIn(t, email: demo.admin.email!)
      #expect(response.status == .seeOther)
      let cookie = try #require(response.setCookie(CookieName.session(secure: secure)))
      #expect(cookie.line.hasPrefix("__Host-") == secure)
      #expect(cookie.line.contains("HttpOnly"))
      #expect(cookie.line.contains("SameSite=Lax"))
      #expect(cookie.line.contains("Secure") == secure)
      #expect(cookie.value.count >= 40)
    }
  }

  @Test func signInGivesANewSessionIdAndEndsTheOldOne() async throws {
    try await TestApp.with { t in
      let (demo, _) = try await t.seedDemo()
      let planted = try await t.session(for: demo.family)
      let response = try await signIn(t, email: demo.admin.email!, session: planted)
      let fresh = try #require(response.setCookie(CookieName.session)?.value)
      #expect(fresh != planted)
      #expect(try await t.send(.GET, "/", session: planted).status == .seeOther)
      let home = try await t.send(.GET, "/", session: fresh)
      #expect(home.status == .ok)
      #expect(home.text.contains("Hello, Rosa Okafor"))
    }
  }

  @Test func signOutKillsTheSession() async throws {
    try await TestApp.with { t in
      let (demo, _) = try await t.seedDemo()
      let token = try #require(try await signIn(t, email: demo.admin.email!).setCookie(CookieName.session)?.value)
      let out = try await t.send(.POST, "/sign-out", session: token, form: [:])
      #expect(out.status == .seeOther)
      #expect(out.setCookie(CookieName.session)?.line.contains("Expires=Thu, 01 Jan 1970") == true)
      let after = try await t.send(.GET, "/members", session: token)
      #expect(after.status == .seeOther)
      #expect(after.headers.first(name: .location) == "/sign-in?next=/members")
    }
  }

  @Test func anIdleSessionEnds() async throws {
    try await TestApp.with { t in
      let (demo, _) = try await t.seedDemo()
      let token = try await t.session(for: demo.admin)
      t.clock.advance(29 * 60)
      #expect(try await t.send(.GET, "/", session: token).status == .ok)
      t.clock.advance(31 * 60)
      #expect(try await t.send(.GET, "/", session: token).status == .seeOther)
    }
  }

  @Test(arguments: [nil, "wrong-token"])
  func formsWithoutTheRightCsrfTokenAreRefusedAndWriteNothing(token: String?) async throws {
    try await TestApp.with { t in
      let (demo, _) = try await t.seedDemo()
      let session = try await t.session(for: demo.admin)
      let before = try await t.store.memberRegister(coop: demo.coop.id).count
      var form = [
        "name": "Eve Evil", "memberClass": "community", "joinedOn-day": "1", "joinedOn-month": "1",
        "joinedOn-year": "2026", "sharePence": "100",
      ]
      form["csrf_token"] = token
      let response = try await t.send(.POST, "/members", session: session, form: form, csrf: token != nil)
      #expect(response.status == .forbidden)
      #expect(response.text.contains("This form has expired"))
      #expect(try await t.store.memberRegister(coop: demo.coop.id).count == before)
      // The same form with the token goes through.
      form["csrf_token"] = nil
      #expect(try await t.send(.POST, "/members", session: session, form: form).status == .seeOther)
      #expect(try await t.store.memberRegister(coop: demo.coop.id).count == before + 1)
    }
  }

  @Test func repeatedWrongPasswordsAreThrottledEvenWhenTheRightOneComes() async throws {
    try await TestApp.with { t in
      let (demo, _) = try await t.seedDemo()
      for _ in 0..<5 {
        let wrong = try await signIn(t, email: demo.admin.email!, password: "not the password")
        #expect(wrong.status == .unprocessableEntity)
        #expect(wrong.text.contains("The email address or password is not right"))
      }
      let blocked = try await signIn(t, email: demo.admin.email!)
      #expect(blocked.text.contains("Too many tries"))
      #expect(blocked.setCookie(CookieName.session) == nil)
      let failures = try await t.store.auditEvents(coop: demo.coop.id).filter { $0.action == .signInFailed }
      #expect(failures.count == 5)
      t.clock.advance(15 * 60 + 1)
      #expect(try await signIn(t, email: demo.admin.email!).status == .seeOther)
    }
  }
}
