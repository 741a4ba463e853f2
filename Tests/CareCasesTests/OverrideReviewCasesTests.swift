import CareCases
import CareCore
import CareTestSupport
import Foundation
import SQLKit
import Testing

@testable import CareStore

/// The review clock on both engines: every safeguarding override is reviewed by a second hat holder — never
/// the one who acted — within two days, once, with an outcome and a reason; until then it waits on the
/// registered manager's home page, marked overdue once the two days are up; the person and the holder are told.
@Suite("Use cases: reviewing safeguarding overrides")
struct OverrideReviewCasesTests {
  @Test(arguments: Engine.allCases)
  func aSecondHatHolderReviewsEachOverrideOnceWithinTwoDays(engine: Engine) async throws {
    try await withCases(engine) { w in
      let (coop, adminAccount) = try await setUpCoop(w.store, w.clock)
      let admin = try await w.cases.requester(for: adminAccount)
      let circle = try await w.cases.createCircle(NewCircle(name: "North", area: "Northtown"), by: admin)
      let team = try await w.cases.addPerson(
        NewPerson(
          name: "Pat Person", email: "pat@example.org", circleID: circle.id.description, communicationNeeds: nil),
        by: admin)
      let hats = try await w.store.hats(coop: coop.id)
      func wearer(_ name: String, _ email: String, _ kind: HatKind, circle: ID<Circle>?) async throws -> Account {
        let (_, account) = try await w.cases.addMember(
          NewMember(name: name, email: email, memberClass: .worker, joinedOn: "2026-01-01", sharePence: 100),
          by: admin)
        let hat = try #require(hats.first { $0.hat.kind == kind && $0.hat.circleID == circle })
        _ = try await w.cases.handOver(
          hat.hat.id,
          Handover(toAccountID: account.id.description, termStart: "2026-01-01", termEnd: nil, replacing: nil),
          by: admin)
        return account
      }
      let leadAccount = try await wearer("Sal Safe", "sal@example.org", .safeguardingLead, circle: circle.id)
      let managerAccount = try await wearer("Mo Manager", "mo@example.org", .registeredManager, circle: nil)
      let sal = try await w.cases.requester(for: leadAccount)
      var mo = try await w.cases.requester(for: managerAccount)
      let pat = try await w.cases.requester(for: team.personAccount)

      let grant = try await w.cases.startOverride(
        NewOverride(reason: "A concern about a visitor", hours: 24), on: team.person.id, by: sal)
      #expect(grant.reviewDue == grant.from.addingTimeInterval(48 * 3600))
      // Waiting on the registered manager's home page, not yet overdue; nobody else's.
      var waiting = try await w.cases.home(for: mo).overridesToReview
      #expect(waiting.count == 1 && waiting[0].person == "Pat Person" && !waiting[0].overdue)
      #expect(try await w.cases.home(for: sal).overridesToReview.isEmpty)
      // The one who acted may not review it; the person may not either; the manager may.
      #expect(try await w.cases.safeguarding(team.person.id, by: sal).reviewable.isEmpty)
      await #expect(throws: CareError.forbidden) {
        try await w.cases.reviewOverride(
          grant.id, on: team.person.id, NewOverrideReview(outcome: "justified", note: "I was right"), by: sal)
      }
      await #expect(throws: CareError.forbidden) {
        try await w.cases.reviewOverride(
          grant.id, on: team.person.id, NewOverrideReview(outcome: "not-justified", note: "No"), by: pat)
      }
      #expect(try await w.cases.safeguarding(team.person.id, by: mo).reviewable == [grant.id])

      // Two days on it is overdue.
      w.clock.advance(49 * 3600)
      mo = try await w.cases.requester(for: managerAccount)
      waiting = try await w.cases.home(for: mo).overridesToReview
      #expect(waiting.count == 1 && waiting[0].overdue)
      #expect(try await w.cases.safeguarding(team.person.id, by: mo).isOverdue(grant))
      // An outcome and a reason, or nothing is kept.
      await #expect(
        throws: CareError.invalid([
          FieldError("outcome", "Say whether the override was justified"),
          FieldError("note", "Enter why you think so"),
        ])
      ) {
        try await w.cases.reviewOverride(
          grant.id, on: team.person.id, NewOverrideReview(outcome: "maybe", note: " "), by: mo)
      }
      let review = try await w.cases.reviewOverride(
        grant.id, on: team.person.id,
        NewOverrideReview(outcome: "justified", note: "The concern was real; the visitor was kept away a day."), by: mo)
      #expect(review.outcome == .justified && review.reviewerID == managerAccount.id)
      // Once only; off the home page; the person and the one who acted are told; it is in the person's log.
      await #expect(
        throws: CareError.conflict(FieldError("outcome", "Someone has reviewed this override already"))
      ) {
        try await w.cases.reviewOverride(
          grant.id, on: team.person.id, NewOverrideReview(outcome: "not-justified", note: "Again"), by: mo)
      }
      #expect(try await w.cases.home(for: mo).overridesToReview.isEmpty)
      let model = try await w.cases.safeguarding(team.person.id, by: pat)
      #expect(model.reviews[grant.id]?.note == "The concern was real; the visitor was kept away a day.")
      #expect(!model.isOverdue(grant) && model.reviewable.isEmpty)
      for account in [team.personAccount.id, leadAccount.id] {
        #expect(
          try await w.store.messages(for: account).contains {
            $0.subject == "The safeguarding override on Pat Person's team was reviewed"
          })
      }
      let log = try await w.store.auditEvents(coop: coop.id, person: team.person.id, limit: 100)
      #expect(log.contains { $0.action == .reviewOverride && $0.actorID == managerAccount.id })
      let sql = w.store.writer as! any SQLDatabase
      await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM override_reviews").run() }
    }
  }
}

@Suite("Use cases: what an override reaches")
struct OverrideReachTests {
  @Test(arguments: Engine.allCases)
  func anOverrideReachesOnlyWhatItWasStartedFor(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let manager = try await w.cases.requester(for: demo.admin)  // the demo's registered manager
      let team = try #require(try await w.store.team(demo.person.id, coop: demo.coop.id))
      let worker = try #require(team.active.first { $0.account.id == demo.teamWorker.id })
      // Nothing chosen, or something unknown: refused.
      for reaches in [[], ["the-plan"], ["team", "team"]] {
        await #expect(
          throws: CareError.invalid("reaches", "Choose what the override reaches: only what the task needs")
        ) {
          try await w.cases.startOverride(
            NewOverride(reason: "A concern", hours: 2, reaches: reaches), on: demo.person.id, by: manager)
        }
      }
      // Over the visits only: the team is still the team's say.
      let grant = try await w.cases.startOverride(
        NewOverride(reason: "Visits must change today", hours: 2, reaches: ["visits"]), on: demo.person.id,
        by: manager)
      #expect(grant.reaches == [.visits])
      let holding = try await w.cases.requester(for: demo.admin)
      #expect(holding.override(for: demo.person.id, reaching: .visits) != nil)
      #expect(AccessPolicy.decide(holding, .answerPattern(TeamFacts(team))).isAllowed)
      #expect(!AccessPolicy.decide(holding, .changeTeam(TeamFacts(team))).isAllowed)
      await #expect(throws: CareError.forbidden) {
        try await w.cases.removeFromTeam(worker.membership.id, of: demo.person.id, by: holding)
      }
      // As kept and read back.
      #expect(try await w.cases.safeguarding(demo.person.id, by: holding).overrides.first?.reaches == [.visits])
    }
  }
}
