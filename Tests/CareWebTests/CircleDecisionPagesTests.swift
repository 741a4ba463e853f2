import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareStore
@testable import CareWeb

/// A circle's own decisions through the real server, on both engines: the circle's page lists them and links
/// to the proposal form with the circle chosen; a worker puts one to the circle; its page says whose decision
/// it is; a member outside the circle is offered no answer and is refused one (403); the API says whose it is.
@Suite("Pages: a circle's own decisions")
struct CircleDecisionPagesTests {
  @Test(arguments: Engine.allCases)
  func aWorkerPutsAProposalToTheirCircle(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let team = try #require(try await t.store.team(demo.person.id, coop: demo.coop.id))
      let circle = team.circle
      let worker = try await t.session(for: demo.teamWorker)
      var page = try await t.send(.GET, "/circles/\(circle.id)", session: worker).text
      #expect(page.contains("The circle&#39;s decisions") || page.contains("The circle's decisions"))
      let link = "/proposals?circle=\(circle.id)#propose-title"
      #expect(page.contains(#"<a href="\#(link)">Put a proposal to this circle</a>"#))
      page = try await t.send(.GET, "/proposals?circle=\(circle.id)", session: worker).text
      #expect(page.contains(#"<option value="\#(circle.id)" selected="selected">"#))
      let sent = try await t.send(
        .POST, "/proposals", session: worker,
        form: [
          "title": "Swap rounds by text", "text": "Swap a round by text, and the rota keeper agrees.",
          "kind": "consent", "quorum": "0", "closesOn-day": "4", "closesOn-month": "6", "closesOn-year": "2026",
          "circle": circle.id.description,
        ])
      #expect(sent.status == .seeOther)
      let proposal = String(try #require(sent.headers.first(name: .location)).prefix { $0 != "?" })
      page = try await t.send(.GET, proposal, session: worker).text
      #expect(
        page.contains("The \(circle.name) circle&#39;s decision")
          || page.contains("The \(circle.name) circle's decision"))
      #expect(page.contains(#"name="choice""#))
      let outsider = try await t.session(for: demo.otherCircleWorker)
      page = try await t.send(.GET, proposal, session: outsider).text
      #expect(!page.contains(#"name="choice""#))
      let refused = try await t.send(
        .POST, "\(proposal)/votes", session: outsider, form: ["choice": "objection", "reason": "No."])
      #expect(refused.status == .forbidden)
      page = try await t.send(.GET, "/circles/\(circle.id)", session: outsider).text
      #expect(page.contains("Swap rounds by text"))
      let phone = try await t.session(for: demo.teamWorker, kind: "api")
      let got = try await t.send(.GET, "/api/v1\(proposal)", bearer: phone)
      #expect(got.status == .ok && got.text.contains(#""circle":"\#(circle.id)""#))
      // The form's empty choice is the whole co-op; in the API that is said by leaving it out, and an empty id
      // is refused as the document's pattern says.
      let whole = try await t.send(
        .POST, "/proposals", session: worker,
        form: [
          "title": "A co-op picnic", "text": "In July.", "kind": "consent", "quorum": "0", "closesOn-day": "4",
          "closesOn-month": "6", "closesOn-year": "2026", "circle": "", "team": "",
        ])
      #expect(whole.status == .seeOther)
      let blank = try await t.send(
        .POST, "/api/v1/proposals", bearer: phone,
        json: #"{"title":"A picnic","text":"July.","kind":"consent","closesOn":"2026-06-04","circle":""}"#)
      #expect(blank.status == .unprocessableEntity && blank.text.contains(#""field":"circle""#))
    }
  }
}
