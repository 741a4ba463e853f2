import CareCore
import CareTestSupport
import Foundation
import SQLKit
import Testing

@testable import CareCases
@testable import CareStore

/// A hat's definition changed by decision, on both engines: the co-op's own hats by the co-op, a circle's hats
/// by that circle alone; a passed decision defines the hat anew from its day (before it, the old words stand),
/// the hat page shows every definition with the decision that made it, and members are told; a decision that
/// does not pass changes nothing; the history cannot be rewritten.
@Suite("Use cases: a hat's definition by decision")
struct HatDefinitionCasesTests {
  @Test(arguments: Engine.allCases)
  func theCoopRedefinesOneOfItsHatsFromItsDay(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let (admin, family) = (
        try await w.cases.requester(for: demo.admin), try await w.cases.requester(for: demo.family)
      )
      let hats = try await w.store.hats(coop: demo.coop.id).map(\.hat)
      let finance = try #require(hats.first { $0.kind == .finance })
      let circleHat = try #require(hats.first { $0.circleID != nil })
      let today = w.cases.today
      func new(_ hat: Hat, kind: String = "consent", title: String = "Finance looks after steady pay")
        -> NewProposal
      {
        NewProposal(
          title: title, text: "Pay that does not jump about is part of the job.", kind: kind, share: nil, quorum: 1,
          closesOn: today.iso
        ).redefining(
          hat.id.description, purpose: "Looks after invoices, steady pay and the co-op's accounts.",
          accountabilities: finance.accountabilities + ["Keep each worker's pay within 5% month to month"]
        ).changing([:], from: today.adding(days: 3).iso)
      }
      // A circle's hat is the circle's to define; an election cannot carry a definition.
      do {
        try await w.cases.addProposal(new(circleHat), by: admin)
        Issue.record("the co-op redefined a circle's hat")
      } catch CareError.invalid(let errors) {
        #expect(errors == [FieldError("redefines", "Choose one of the co-op's hats, or none")])
      }
      do {
        try await w.cases.addProposal(new(finance, kind: "time-poll"), by: admin)
        Issue.record("a time poll redefined a hat")
      } catch CareError.invalid(let errors) {
        #expect(
          errors.contains(
            FieldError(
              "redefines", "Only a consent or majority decision changes a hat: put it in a proposal of its own")
          ))
      }
      let proposal = try await w.cases.addProposal(new(finance), by: admin)
      let blocked = try await w.cases.addProposal(new(finance, title: "Finance does the rota too"), by: admin)
      #expect(proposal.redefinesHat?.hatID == finance.id && proposal.takesEffect == today.adding(days: 3))
      // Its page says what it would change, beside the hat as it is.
      let page = try await w.cases.proposal(proposal.id, by: family)
      #expect(page.hatNow?.purpose == finance.purpose)
      try await w.cases.vote(proposal.id, choice: "consent", reason: "", by: family)
      try await w.cases.vote(blocked.id, choice: "objection", reason: "Finance has enough to do.", by: family)
      // Counted after midnight: one passed, one blocked; members are told the hat's new purpose.
      w.clock.advance(3 * 3_600)
      #expect(try await w.cases.countDuePolls() == 2)
      let told = try await w.store.messages(for: demo.family.id).first {
        $0.subject.hasPrefix("The result of “Finance looks after steady pay”")
      }
      #expect(told?.body.contains("“Finance” is for: Looks after invoices, steady pay") == true)
      // Until its day, the old words stand; the hat page shows the definition to come, with its decision.
      let before = try await w.cases.hat(finance.id, by: family)
      #expect(before.hat.hat.purpose == finance.purpose && before.hat.hat.accountabilities == finance.accountabilities)
      #expect(before.definitions.map(\.proposalID) == [proposal.id])
      #expect(before.definitions.first?.from == today.adding(days: 3))
      #expect(before.decisionTitles[proposal.id] == "Finance looks after steady pay")
      // From its day, the hat is defined anew — on its page, in the list, for the API.
      w.clock.advance(3 * 86_400)
      let after = try await w.cases.hat(finance.id, by: family)
      #expect(after.hat.hat.purpose == "Looks after invoices, steady pay and the co-op's accounts.")
      #expect(after.hat.hat.accountabilities.last == "Keep each worker's pay within 5% month to month")
      #expect(
        try await w.cases.hats(by: family).first { $0.hat.id == finance.id }?.hat.purpose
          == "Looks after invoices, steady pay and the co-op's accounts.")
      #expect(after.hat.history.map(\.0.id) == before.hat.history.map(\.0.id))
      // Kept for good.
      let sql = w.store.writer as! any SQLDatabase
      await #expect(throws: (any Error).self) { try await sql.raw("UPDATE hat_definitions SET purpose = 'x'").run() }
      await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM proposal_hat_definitions").run() }
    }
  }

  /// A circle defines its own rota keeper anew; the same hat in another circle keeps its words.
  @Test(arguments: Engine.allCases)
  func aCircleRedefinesItsOwnHat(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let team = try #require(try await w.store.team(demo.person.id, coop: demo.coop.id))
      let (worker, admin) = (
        try await w.cases.requester(for: demo.teamWorker), try await w.cases.requester(for: demo.admin)
      )
      let hats = try await w.store.hats(coop: demo.coop.id).map(\.hat)
      let own = try #require(hats.first { $0.circleID == team.circle.id && $0.kind == .rotaKeeper })
      let theirs = try #require(hats.first { $0.circleID != nil && $0.circleID != team.circle.id })
      let today = w.cases.today
      let proposal = try await w.cases.addProposal(
        NewProposal(
          title: "Our rota keeper asks before swapping", text: "Nobody likes a surprise.", kind: "majority",
          share: nil, quorum: 1, closesOn: today.iso
        ).redefining(
          own.id.description, purpose: "Keeps our rota fair and asks before any swap.",
          accountabilities: ["Ask the person before swapping their worker"]
        ).changing([:], from: today.adding(days: 1).iso).forCircle(team.circle.id.description), by: worker)
      try await w.cases.vote(proposal.id, choice: "for", reason: "", by: worker)
      w.clock.advance(3 * 3_600)
      #expect(try await w.cases.countDuePolls() == 1)
      w.clock.advance(86_400)
      #expect(
        try await w.cases.hat(own.id, by: admin).hat.hat.purpose == "Keeps our rota fair and asks before any swap.")
      #expect(try await w.cases.hat(theirs.id, by: admin).hat.hat.purpose == theirs.purpose)
      #expect(try await w.cases.hat(theirs.id, by: admin).definitions.isEmpty)
    }
  }
}
