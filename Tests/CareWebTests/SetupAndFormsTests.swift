import CareCore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CareStore
@testable import CareWeb

@Suite("First run, forms and the team journey")
struct SetupAndFormsTests {
  @Test func anEmptyDatabaseLeadsToSetupAndSetupLeadsHome() async throws {
    try await TestApp.with { t in
      let first = try await t.send(.GET, "/")
      #expect(first.headers.first(name: .location) == "/setup")
      let page = try await t.send(.GET, "/setup")
      #expect(page.text.contains("<h1>Set up your co-op</h1>"))
      let bad = try await t.send(
        .POST, "/setup", form: ["coopName": "Valley Care", "adminEmail": "not-an-email", "password": "short"])
      #expect(bad.status == .unprocessableEntity)
      #expect(bad.text.contains("<title>Error: Set up your co-op – CareCoop</title>"))
      #expect(bad.text.contains(##"<a href="#adminEmail">Enter an email address in the correct format"##))
      #expect(bad.text.contains(#"value="Valley Care""#), "what was typed is kept")
      #expect(try await t.store.needsSetup(), "nothing was written")
      let good = try await t.send(
        .POST, "/setup",
        form: [
          "coopName": "Valley Care", "registeredNumber": "RS1234", "address": "1 Mill Lane", "adminName": "Ann Admin",
          "adminEmail": "ann@example.org", "password": "a long password here",
        ])
      #expect(good.status == .seeOther)
      let session = try #require(good.setCookie(CookieName.session)?.value)
      #expect(try await t.send(.GET, "/", session: session).text.contains("Hello, Ann Admin"))
      #expect(try await t.send(.GET, "/setup").headers.first(name: .location) == "/sign-in")
    }
  }

  /// Your account: a new name shows at once; a new address only once the link mailed to it is used.
  @Test func aMemberChangesTheirNameAndConfirmsANewAddress() async throws {
    try await TestApp.with { t in
      let (demo, _) = try await t.seedDemo()
      let session = try await t.session(for: demo.family)
      #expect(try await t.send(.GET, "/", session: session).text.contains(#"<a href="/account">"#))
      let page = try await t.send(.GET, "/account", session: session)
      #expect(page.text.contains("You sign in with \(demo.family.email!)."))
      let blank = try await t.send(.POST, "/account/name", session: session, form: ["name": " "])
      #expect(blank.status == .unprocessableEntity)
      #expect(blank.text.contains(##"<a href="#name">"##))
      let renamed = try await t.send(.POST, "/account/name", session: session, form: ["name": "Paul W. Whitworth"])
      #expect(renamed.status == .ok)
      #expect(renamed.text.contains("Your name is saved."))
      let bad = try await t.send(.POST, "/account/email", session: session, form: ["email": demo.admin.email!])
      #expect(bad.status == .unprocessableEntity)
      #expect(bad.text.contains("Another account in your co-op uses that address"))
      let asked = try await t.send(.POST, "/account/email", session: session, form: ["email": "paul@new.example"])
      #expect(asked.text.contains("We have sent a link to paul@new.example."))
      let mail = try #require(await t.mail.sent.first { $0.to == "paul@new.example" })
      let link = try #require(
        mail.body.split(whereSeparator: \.isWhitespace).first { $0.contains("/account/confirm-email?token=") })
      let path = String(link[link.range(of: "/account/")!.lowerBound...])
      let confirmPage = try await t.send(.GET, path)  // from the mail, perhaps on another device
      #expect(confirmPage.status == .ok)
      #expect(confirmPage.text.contains("You will sign in with paul@new.example from now on."))
      let token = String(path.split(separator: "=").last!)
      let done = try await t.send(.POST, "/account/confirm-email", form: ["token": token])
      #expect(done.status == .ok)
      #expect(try await t.store.account(demo.family.id)?.email == "paul@new.example")
      #expect(try await t.send(.POST, "/account/confirm-email", form: ["token": token]).status == .notFound)
    }
  }

  /// The demo's administrator has an account but no membership: she joins with the account she has.
  /// The register page links to the CSV, which downloads as a file (never cached).
  @Test func theRegisterDownloadsAsAFile() async throws {
    try await TestApp.with { t in
      let (demo, _) = try await t.seedDemo()
      let session = try await t.session(for: demo.admin)
      #expect(try await t.send(.GET, "/members", session: session).text.contains(#"href="/members/register.csv""#))
      let file = try await t.send(.GET, "/members/register.csv", session: session)
      #expect(file.status == .ok && file.headers.first(name: .contentType) == "text/csv; charset=utf-8; header=present")
      #expect(
        file.headers.first(name: .contentDisposition) == #"attachment; filename="member-register-2026-05-28.csv""#)
      #expect(file.text.hasPrefix("Name,Email,Class,Joined,Left,Share (GBP),Votes today\r\n"))
      #expect(file.text.contains("\(demo.family.name),\(demo.family.email!),Supporter member,2025-04-01,,1.00,yes"))
    }
  }

  @Test func anAdministratorMakesSomeoneAlreadyHereAMember() async throws {
    try await TestApp.with { t in
      let (demo, _) = try await t.seedDemo()
      let session = try await t.session(for: demo.admin)
      let register = try await t.send(.GET, "/members", session: session)
      #expect(register.text.contains(#"<a href="/members/existing">Make them a member</a>"#))
      let form = try await t.send(.GET, "/members/existing", session: session)
      #expect(form.status == .ok)
      #expect(form.text.contains(demo.admin.name), "an account without a membership is offered")
      #expect(!form.text.contains(demo.family.name), "members are not offered again")
      let bad = try await t.send(.POST, "/members/existing", session: session, form: ["sharePence": "ten"])
      #expect(bad.status == .unprocessableEntity)
      #expect(bad.text.contains(##"<a href="#accountID">Select who is joining</a>"##))
      #expect(bad.text.contains(##"<a href="#memberClass">"##))
      let good = try await t.send(
        .POST, "/members/existing", session: session,
        form: [
          "accountID": demo.admin.id.description, "memberClass": "worker", "joinedOn-day": "1",
          "joinedOn-month": "6", "joinedOn-year": "2026", "sharePence": "100",
        ])
      #expect(good.status == .seeOther)
      let after = try await t.send(.GET, "/members", session: session)
      #expect(after.text.contains(">\(demo.admin.name)</a></td><td>Worker member</td>"))
      #expect(try await t.send(.GET, "/members/existing", session: session).text.contains("already a member"))
      // The API says the same: a second membership for one account is a conflict.
      let api = try await t.session(for: demo.admin, kind: "api")
      let again = try await t.send(
        .POST, "/api/v1/memberships", bearer: api,
        json: #"{"accountID":"\#(demo.admin.id)","memberClass":"worker","joinedOn":"2026-06-01","sharePence":100}"#)
      #expect(again.status == .conflict)
    }
  }

  @Test func aBadMemberFormShowsEveryErrorAtItsFieldAndKeepsTheInput() async throws {
    try await TestApp.with { t in
      let (demo, _) = try await t.seedDemo()
      let session = try await t.session(for: demo.admin)
      let response = try await t.send(
        .POST, "/members", session: session,
        form: [
          "name": String(repeating: "x", count: 201), "email": "b@d", "joinedOn-day": "31", "joinedOn-month": "2",
          "joinedOn-year": "2026",
          "sharePence": "ten",
        ])
      #expect(response.status == .unprocessableEntity)
      let html = response.text
      for anchor in ["#name", "#email", "#memberClass", "#joinedOn", "#sharePence"] {
        #expect(html.contains("href=\"\(anchor)\""), "error summary links to \(anchor)")
      }
      #expect(html.contains(#"id="joinedOn-error""#))
      #expect(html.contains(#"value="31""#) && html.contains(#"value="ten""#))
    }
  }

  @Test func aPersonInvitesSomeoneWhoSetsAPasswordAndJoins() async throws {
    try await TestApp.with { t in
      let (demo, _) = try await t.seedDemo()
      let person = try await t.session(for: demo.personAccount)
      let teamPath = "/teams/\(demo.person.id)"
      let invite = try await t.send(
        .POST, teamPath + "/invite", session: person,
        form: [
          "name": "Nell Neighbour", "email": "nell@example.org", "relationship": "friend",
        ])
      #expect(invite.status == .seeOther)
      await t.app.care.jobs.drain()  // the invitation's mail is a queued job
      let mail = try #require(await t.mail.sent.last)
      #expect(mail.to == "nell@example.org")
      let link = try #require(mail.body.split(separator: " ").first { $0.contains("/reset-password?token=") })
      let token = String(link.split(separator: "=").last!.prefix { !$0.isWhitespace })
      #expect(try await t.send(.GET, "/reset-password?token=\(token)").status == .ok)
      #expect(
        try await t.send(.POST, "/reset-password", form: ["token": token, "password": "nells own password"]).status
          == .ok)
      let signIn = try await t.send(
        .POST, "/sign-in", form: ["email": "nell@example.org", "password": "nells own password"])
      let nell = try #require(signIn.setCookie(CookieName.session)?.value)
      let page = try await t.send(.GET, teamPath, session: nell)
      #expect(page.text.contains("would like you in their team as friend"))
      #expect(
        try await t.send(.POST, teamPath + "/respond", session: nell, form: ["answer": "accept"]).status == .seeOther)
      let mine = try await t.send(.GET, teamPath, session: person)
      #expect(mine.text.contains("<h1>Your team</h1>"))
      #expect(mine.text.contains("Nell Neighbour"))
      #expect(mine.text.contains("Easy Read, and please speak slowly"), "communication needs are shown to the team")
      let looked = try await t.store.auditEvents(coop: demo.coop.id, person: demo.person.id)
      #expect(looked.contains { $0.action == .viewTeam && $0.actorID != nil })
    }
  }
}
