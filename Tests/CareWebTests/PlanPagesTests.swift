import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareStore
@testable import CareWeb

/// The support plan through the real server, on both engines: the team page links to it; a worker proposes
/// new words on a section's page; the person sees them waiting and agrees; a proposal written against older
/// words comes back with the error summary and the newer words shown, the proposer's own kept; agreeing in
/// other words with none given is refused at that change's box; the history says who did what; the phone
/// reads the plan through the API.
@Suite("Pages: support plan")
struct PlanPagesTests {
  @Test(arguments: Engine.allCases)
  func aWorkerProposesAndThePersonAgrees(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let plan = "/teams/\(demo.person.id)/plan"
      let person = try await t.session(for: demo.personAccount)
      let worker = try await t.session(for: demo.teamWorker)
      let team = try await t.send(.GET, "/teams/\(demo.person.id)", session: person).text
      #expect(team.contains(##"<a href="\##(plan)">Your support plan: your strengths, goals"##))
      var text = try await t.send(.GET, plan, session: worker).text
      #expect(text.contains("<h2 id=\"strengths-title\">My strengths and what I can do</h2>"))
      #expect(text.range(of: "strengths-title")!.lowerBound < text.range(of: "risks-title")!.lowerBound)
      let section = try await t.send(.GET, "\(plan)/sections/strengths", session: worker).text
      #expect(section.contains("What are you good at?") && section.contains(#"name="basedOn" value="0""#))
      // The worker proposes; it waits for the person.
      let form = ["section": "strengths", "basedOn": "0", "text": "Great at making people laugh.", "note": "Chat"]
      let sent = try await t.send(.POST, "\(plan)/changes", session: worker, form: form)
      #expect(sent.status == .seeOther && sent.headers.first(name: .location) == "\(plan)?proposed#strengths")
      text = try await t.send(.GET, plan, session: person).text
      #expect(text.contains("Waiting for an answer: proposed by \(demo.teamWorker.name)"))
      let answer = try #require(
        text.range(of: #"/plan/changes/[0-9a-f-]{36}/answer"#, options: .regularExpression).map { String(text[$0]) })
      let changeID = answer.split(separator: "/")[2]
      // Agreeing in other words, with none: refused at that change's box.
      let empty = try await t.send(
        .POST, "/teams/\(demo.person.id)\(answer)", session: person, form: ["answer": "change", "text": " "])
      #expect(empty.status == .unprocessableEntity)
      #expect(empty.text.contains(##"<a href="#text-\##(changeID)">Enter the words you agree to"##))
      let yes = try await t.send(
        .POST, "/teams/\(demo.person.id)\(answer)", session: person, form: ["answer": "accept"])
      #expect(yes.status == .seeOther)
      text = try await t.send(.GET, plan, session: worker).text
      #expect(text.contains("<p>Great at making people laugh.</p>") && text.contains("Version 1, agreed on"))
      // Sent again from version 0: refused, the newer words shown, the sender's own kept in the box.
      var stale = form
      stale["text"] = "Knows every bus route."
      let refused = try await t.send(.POST, "\(plan)/changes", session: worker, form: stale)
      #expect(refused.status == .conflict)
      #expect(refused.text.contains(##"<a href="#text">Someone changed this section since you opened it"##))
      #expect(
        refused.text.contains("<p>Great at making people laugh.</p>") && refused.text.contains("Knows every bus route.")
      )
      #expect(refused.text.contains(#"name="basedOn" value="1""#))
      // The history, and the API.
      let history = try await t.send(.GET, "\(plan)/history", session: person).text
      #expect(
        history.contains("Agreed by \(demo.personAccount.name)") && history.contains("by \(demo.teamWorker.name)"))
      let phone = try await t.session(for: demo.personAccount, kind: "api")
      let api = try await t.send(.GET, "/api/v1/teams/\(demo.person.id)/plan", bearer: phone)
      #expect(api.status == .ok && api.text.contains(#""text":"Great at making people laugh.""#))
    }
  }
}
