import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareStore
@testable import CareWeb

/// Proposals through the real server, on both engines: the header links to the decisions; a member puts a
/// proposal (an empty form comes back with its summary); members answer on its page (an objection without a
/// reason is refused at its box) and the phone through the API; once closed and counted, the page shows the
/// result with each answer and its reason, and a recount agrees.
@Suite("Pages: proposals and votes")
struct ProposalPagesTests {
  @Test(arguments: Engine.allCases)
  func aMemberProposesMembersAnswerAndTheResultIsShown(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let person = try await t.session(for: demo.personAccount)
      let worker = try await t.session(for: demo.teamWorker)
      var page = try await t.send(.GET, "/proposals", session: person).text
      #expect(page.contains(#"<a href="/proposals">Decisions</a>"#) && page.contains("No proposals yet."))
      #expect(page.contains(">Put a proposal</h2>") && page.contains("The whole co-op: every member"))
      let empty = try await t.send(.POST, "/proposals", session: person, form: ["kind": "consent"])
      #expect(empty.status == .unprocessableEntity)
      #expect(
        empty.text.contains(##"<a href="#title">Enter the proposal&#39;s title</a>"##)
          || empty.text.contains(##"<a href="#title">Enter the proposal's title</a>"##))
      let sent = try await t.send(
        .POST, "/proposals", session: person,
        form: [
          "title": "A summer outing to the coast", "text": "One day in August.\nThe co-op pays the minibus.",
          "kind": "consent", "quorum": "2", "closesOn-day": "29", "closesOn-month": "5", "closesOn-year": "2026",
        ])
      #expect(sent.status == .seeOther)
      let location = try #require(sent.headers.first(name: .location))
      let proposal = String(location.prefix { $0 != "?" })
      page = try await t.send(.GET, location, session: worker).text
      #expect(
        page.contains("<h1>A summer outing to the coast</h1>")
          && page.contains("Open: answers until the end of 29 May 2026."))
      // An objection needs its reason.
      let bare = try await t.send(.POST, "\(proposal)/votes", session: worker, form: ["choice": "objection"])
      #expect(bare.status == .unprocessableEntity && bare.text.contains(##"<a href="#reason">Enter your reason</a>"##))
      #expect(
        try await t.send(
          .POST, "\(proposal)/votes", session: worker, form: ["choice": "concern", "reason": "Who drives?"]
        ).status == .seeOther)
      let phone = try await t.session(for: demo.family, kind: "api")
      let answered = try await t.send(
        .POST, "/api/v1\(proposal)/votes", bearer: phone, json: #"{"choice":"consent"}"#)
      #expect(answered.status == .created)
      page = try await t.send(.GET, proposal, session: person).text
      #expect(page.contains("If it closed now: Passed.") && page.contains("Why: Who drives?"))
      #expect(!page.contains("Enter a postal or proxy vote"))
      // The administrator enters the arranger's postal vote; it shows as entered, and by whom.
      let admin = try await t.session(for: demo.admin)
      #expect(try await t.send(.GET, proposal, session: admin).text.contains("Enter a postal or proxy vote"))
      let postal = try await t.send(
        .POST, "\(proposal)/entered-votes", session: admin,
        form: ["memberID": demo.arranger.id.description, "way": "postal", "enteredChoice": "consent"])
      #expect(postal.status == .seeOther)
      page = try await t.send(.GET, proposal, session: person).text
      #expect(page.contains("I consent (a postal vote, entered by \(demo.admin.name))"))
      let noMember = try await t.send(
        .POST, "\(proposal)/entered-votes", session: admin, form: ["way": "postal", "enteredChoice": "consent"])
      #expect(noMember.status == .unprocessableEntity)
      #expect(noMember.text.contains(##"<a href="#memberID">Choose a member who can vote</a>"##))
      // Closed and counted: the result, and a recount that agrees.
      t.clock.advance(2 * 24 * 3600)
      #expect(try await t.app.care.cases.countDuePolls() == 1)
      // Two days on, the sessions above have ended: signed in again.
      let later = try await t.session(for: demo.personAccount)
      page = try await t.send(.GET, proposal, session: later).text
      #expect(page.contains("<h2 id=\"count-title\">The result</h2>") && page.contains("<strong>Passed</strong>"))
      #expect(!page.contains("Give my answer"))
      let recount = try await t.send(.GET, "\(proposal)/recount", session: later)
      #expect(
        recount.status == .ok && recount.text.contains("The recount agrees with the result: passed, 3 took part."))
      let api = try await t.send(.GET, "/api/v1\(proposal)", bearer: try await t.session(for: demo.family, kind: "api"))
      #expect(api.text.contains(#""outcome":"passed""#) && api.text.contains(#""reason":"Who drives?""#))
    }
  }
}
