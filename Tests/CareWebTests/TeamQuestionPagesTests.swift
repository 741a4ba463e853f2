import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareStore
@testable import CareWeb

/// A question to a person's team through the real server, on both engines: the team's say page links to the
/// proposal form with the team chosen; a family member asks by consent; its page says whose team's it is; a
/// worker from another circle finds no such page (404); the API names the team.
@Suite("Pages: questions to a person's team")
struct TeamQuestionPagesTests {
  @Test(arguments: Engine.allCases)
  func aFamilyMemberAsksTheTeam(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let person = demo.person.id
      let family = try await t.session(for: demo.family)
      var page = try await t.send(.GET, "/teams/\(person)/say", session: family).text
      #expect(page.contains("Questions to the team"))
      #expect(page.contains(#"<a href="/proposals?team=\#(person)#propose-title">"#))
      page = try await t.send(.GET, "/proposals?team=\(person)", session: family).text
      #expect(page.contains(#"<option value="\#(person)" selected="selected">"#))
      let sent = try await t.send(
        .POST, "/proposals", session: family,
        form: [
          "title": "Try the new day centre on Fridays", "text": "For a month, then we talk again.",
          "kind": "consent", "quorum": "0", "closesOn-day": "4", "closesOn-month": "6", "closesOn-year": "2026",
          "team": person.description,
        ])
      #expect(sent.status == .seeOther)
      let question = String(try #require(sent.headers.first(name: .location)).prefix { $0 != "?" })
      page = try await t.send(.GET, question, session: family).text
      #expect(
        page.contains("A question to \(demo.personAccount.name)&#39;s team")
          || page.contains("A question to \(demo.personAccount.name)'s team"))
      #expect(page.contains(#"name="choice""#))
      let outsider = try await t.session(for: demo.otherCircleWorker)
      #expect(try await t.send(.GET, question, session: outsider).status == .notFound)
      #expect(!(try await t.send(.GET, "/proposals", session: outsider).text.contains("Try the new day centre")))
      let phone = try await t.session(for: demo.family, kind: "api")
      let got = try await t.send(.GET, "/api/v1\(question)", bearer: phone)
      #expect(got.status == .ok && got.text.contains(#""team":"\#(person)""#))
    }
  }
}
