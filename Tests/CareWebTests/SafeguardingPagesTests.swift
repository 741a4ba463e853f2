import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareStore
@testable import CareWeb

/// A safeguarding override through the pages: started with a reason, used, seen by the family, logged.
@Suite("Safeguarding override pages")
struct SafeguardingPagesTests {
  @Test(arguments: Engine.allCases)
  func theRegisteredManagerTakesSomeoneOutOverTheTeamAndTheFamilySeesWhy(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let team = try #require(try await t.store.team(demo.person.id, coop: demo.coop.id))
      let worker = try #require(team.active.first { $0.account.id == demo.teamWorker.id })
      let manager = try await t.session(for: demo.admin)  // the demo's administrator is its registered manager
      let remove = "/teams/\(demo.person.id)/members/\(worker.membership.id)/remove"
      #expect(try await t.send(.POST, remove, session: manager, form: [:]).status == .forbidden)
      let page = "/teams/\(demo.person.id)/safeguarding"
      let empty = try await t.send(.GET, page, session: manager)
      #expect(empty.text.contains("There has been no override.") && empty.text.contains("Start the override"))
      let bad = try await t.send(.POST, page, session: manager, form: ["reason": "", "hours": "100"])
      #expect(bad.status == .unprocessableEntity)
      #expect(bad.text.contains(##"<a href="#reason">Enter why the override is needed</a>"##))
      #expect(bad.text.contains(##"<a href="#hours">Enter how many hours, from 1 to 72</a>"##))
      #expect(
        bad.text.contains(##"<a href="#reaches">Choose what the override reaches: only what the task needs</a>"##))
      let reason = "A concern about visits was raised today"
      let started = try await t.send(
        .POST, page, session: manager, form: ["reason": reason, "hours": "4", "reach-team": "true"])
      #expect(started.status == .seeOther)
      #expect(try await t.send(.POST, remove, session: manager, form: [:]).status == .seeOther)
      #expect(
        try await t.store.team(demo.person.id, coop: demo.coop.id)?.active.contains {
          $0.membership.id == worker.membership.id
        } == false)
      // The arranger sees the override and its reason, but no form; the log says what was done under it.
      let arranger = try await t.session(for: demo.arranger)
      let seen = try await t.send(.GET, page, session: arranger)
      #expect(seen.text.contains(reason) && seen.text.contains("In force") && !seen.text.contains("Start the override"))
      let log = try await t.send(.GET, "/teams/\(demo.person.id)/who-looked", session: arranger)
      #expect(log.text.contains("acted over the team&#x27;s say") || log.text.contains("acted over the team's say"))
      #expect(
        try await t.send(.POST, page, session: arranger, form: ["reason": "x", "hours": "1"]).status == .forbidden)
    }
  }

  @Test(arguments: Engine.allCases)
  func theCirclesSafeguardingLeadReviewsTheManagersOverrideAndTheManagerSeesItWaitUntilThen(engine: Engine)
    async throws
  {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let team = try #require(try await t.store.team(demo.person.id, coop: demo.coop.id))
      let hat = try #require(
        try await t.store.hats(coop: demo.coop.id).first {
          $0.hat.kind == .safeguardingLead && $0.hat.circleID == team.circle.id
        })
      _ = try await t.app.care.cases.handOver(
        hat.hat.id,
        Handover(
          toAccountID: demo.sameCircleWorker.id.description, termStart: "2026-01-01", termEnd: nil,
          replacing: nil),
        by: try await t.app.care.cases.requester(for: demo.admin))
      let manager = try await t.session(for: demo.admin)
      let page = "/teams/\(demo.person.id)/safeguarding"
      #expect(
        try await t.send(
          .POST, page, session: manager, form: ["reason": "A fall was reported", "hours": "4", "reach-visits": "true"]
        ).status
          == .seeOther)
      // The manager acted: they see it waiting for review on their home page, and no review form.
      #expect(try await t.send(.GET, "/", session: manager).text.contains("Safeguarding overrides to review"))
      var text = try await t.send(.GET, page, session: manager).text
      #expect(text.contains("Due by") && !text.contains("Save the review"))
      // The circle's safeguarding lead reviews it: an empty form comes back with its problems.
      let lead = try await t.session(for: demo.sameCircleWorker)
      text = try await t.send(.GET, page, session: lead).text
      #expect(text.contains("Review an override") && text.contains("A fall was reported"))
      let action = try #require(
        text.firstMatch(of: #/action="(/teams/[^"]+/review)"/#).map { String($0.output.1) })
      let empty = try await t.send(.POST, action, session: lead, form: [:])
      #expect(empty.status == .unprocessableEntity)
      #expect(empty.text.contains(##"<a href="#outcome">Say whether the override was justified</a>"##))
      let saved = try await t.send(
        .POST, action, session: lead, form: ["outcome": "justified", "note": "The fall needed a quick change."])
      #expect(saved.status == .seeOther)
      text = try await t.send(.GET, page, session: manager).text
      #expect(text.contains("Justified: acting over the team was needed, by \(demo.sameCircleWorker.name)"))
      #expect(!(try await t.send(.GET, "/", session: manager).text.contains("Safeguarding overrides to review")))
      #expect(
        try await t.send(.POST, action, session: lead, form: ["outcome": "justified", "note": "x"]).status == .conflict)
    }
  }
}
