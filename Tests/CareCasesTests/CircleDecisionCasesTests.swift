import CareCore
import CareTestSupport
import Foundation
import SQLKit
import Testing

@testable import CareCases
@testable import CareStore

/// Decisions put to one circle, on both engines: its workers and the people it supports answer (other members
/// are refused), its quorum is bound by their number, only they are told the result, and a passed change of
/// its size guide changes that circle's guide from its day — not the co-op's, not another circle's. A circle's
/// election fills one of its own hats only.
@Suite("Use cases: a circle's own decisions")
struct CircleDecisionCasesTests {
  @Test(arguments: Engine.allCases)
  func aCircleDecidesItsOwnGuide(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let team = try #require(try await w.store.team(demo.person.id, coop: demo.coop.id))
      let circle = team.circle
      let other = try #require(try await w.store.circles(coop: demo.coop.id).first { $0.id != circle.id })
      let (admin, worker, outsider, family) = (
        try await w.cases.requester(for: demo.admin), try await w.cases.requester(for: demo.teamWorker),
        try await w.cases.requester(for: demo.otherCircleWorker), try await w.cases.requester(for: demo.family)
      )
      let voters = try await w.store.circleVoters(circle.id, coop: demo.coop.id, on: w.cases.today)
      #expect(voters.contains(demo.teamWorker.id) && !voters.contains(demo.otherCircleWorker.id))
      #expect(!voters.contains(demo.family.id))
      let today = w.cases.today
      func new(quorum: Int, changes: [String: String]) -> NewProposal {
        NewProposal(
          title: "A smaller circle", text: "Nine workers, so everyone knows everyone.", kind: "consent", share: nil,
          quorum: quorum, closesOn: today.iso
        ).changing(changes, from: today.adding(days: 1).iso).forCircle(circle.id.description)
      }
      // Its quorum is bound by those who answer; it changes its own guide only; it must be one of the co-op's.
      do {
        try await w.cases.addProposal(new(quorum: voters.count + 1, changes: ["circleWorkers": "9"]), by: worker)
        Issue.record("a quorum above the circle's members was accepted")
      } catch CareError.invalid(let errors) {
        #expect(
          errors == [FieldError("quorum", "The quorum must be from 0 to \(voters.count), the members who can vote")])
      }
      do {
        try await w.cases.addProposal(new(quorum: 1, changes: ["unsocialPercent": "30"]), by: worker)
        Issue.record("a circle changed the co-op's pay")
      } catch CareError.invalid(let errors) {
        #expect(
          errors == [
            FieldError("changes", "A circle decides its own size guide only: put other settings to the whole co-op")
          ])
      }
      do {
        try await w.cases.addProposal(
          new(quorum: 1, changes: ["circleWorkers": "9"]).forCircle(UUID().uuidString), by: worker)
        Issue.record("a proposal was put to a circle the co-op has not")
      } catch CareError.invalid(let errors) {
        #expect(errors == [FieldError("circle", "Choose one of the co-op's circles, or the whole co-op")])
      }
      let proposal = try await w.cases.addProposal(new(quorum: 1, changes: ["circleWorkers": "9"]), by: worker)
      #expect(proposal.circleID == circle.id)
      // Those outside the circle do not answer it; they see it, and that it is the circle's.
      await #expect(throws: CareError.forbidden) {
        try await w.cases.vote(proposal.id, choice: "objection", reason: "Too small.", by: outsider)
      }
      await #expect(throws: CareError.forbidden) {
        try await w.cases.vote(proposal.id, choice: "objection", reason: "Too small.", by: family)
      }
      let seen = try await w.cases.proposal(proposal.id, by: outsider)
      #expect(!seen.mayVote && seen.circleName == circle.name && seen.members == voters.count)
      try await w.cases.vote(proposal.id, choice: "consent", reason: "", by: worker)
      // Counted after midnight: passed; only the circle is told.
      w.clock.advance(3 * 3_600)
      #expect(try await w.cases.countDuePolls() == 1)
      let told = { (a: Account) in
        try await w.store.messages(for: a.id).contains { $0.subject.hasPrefix("The result of “A smaller circle”") }
      }
      #expect(try await told(demo.teamWorker))
      #expect(try await !told(demo.otherCircleWorker))
      // The circle's guide is 9 workers from today; the co-op's and the other circle's are as they were.
      #expect(try await w.cases.circle(circle.id, by: admin).detail.circle.sizeGuide.maxWorkers == 9)
      #expect(
        try await w.cases.circle(other.id, by: admin).detail.circle.sizeGuide.maxWorkers == other.sizeGuide.maxWorkers)
      #expect(try await w.cases.coopSettings(demo.coop.id).value(.circleWorkers, on: w.cases.today) == 12)
      let page = try await w.cases.circle(circle.id, by: outsider)
      #expect(page.proposals.map(\.id) == [proposal.id])
      #expect(page.guideHistory.map(\.proposalID) == [proposal.id] && page.guideHistory.first?.value == 9)
      // Kept for good.
      let sql = w.store.writer as! any SQLDatabase
      await #expect(throws: (any Error).self) { try await sql.raw("UPDATE circle_settings SET value = 20").run() }
      await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM proposal_circles").run() }
    }
  }

  /// A circle elects its own rota keeper: only that circle's hats may be filled, and only its members stand.
  @Test(arguments: Engine.allCases)
  func aCircleElectsOneOfItsOwnHats(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let team = try #require(try await w.store.team(demo.person.id, coop: demo.coop.id))
      let worker = try await w.cases.requester(for: demo.teamWorker)
      let hats = try await w.store.hats(coop: demo.coop.id).map(\.hat)
      let own = try #require(hats.first { $0.circleID == team.circle.id && $0.kind == .rotaKeeper })
      let theirs = try #require(hats.first { $0.circleID != nil && $0.circleID != team.circle.id })
      let voters = try await w.store.circleVoters(team.circle.id, coop: demo.coop.id, on: w.cases.today)
      let standing = Array(voters.prefix(2)).map(\.description)
      func election(_ hat: Hat, candidates: [String]) -> NewProposal {
        NewProposal(
          title: "Our rota keeper", text: "Two years.", kind: "election", share: nil, quorum: 0,
          closesOn: w.cases.today.adding(days: 7).iso, seats: 1, candidates: candidates
        ).forHat(hat.id.description, until: w.cases.today.adding(days: 700).iso).forCircle(team.circle.id.description)
      }
      do {
        try await w.cases.addProposal(election(theirs, candidates: standing), by: worker)
        Issue.record("a circle filled another circle's hat")
      } catch CareError.invalid(let errors) {
        #expect(errors == [FieldError("hatID", "Choose one of the circle's own hats, or none")])
      }
      do {
        try await w.cases.addProposal(
          election(own, candidates: [standing[0], demo.otherCircleWorker.id.description]), by: worker)
        Issue.record("a member outside the circle stood")
      } catch CareError.invalid(let errors) {
        #expect(errors.map(\.field) == ["candidates"])
      }
      let held = try await w.cases.addProposal(election(own, candidates: standing), by: worker)
      #expect(held.circleID == team.circle.id && held.election?.hat?.hatID == own.id)
    }
  }
}
