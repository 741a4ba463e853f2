import CareCore
import CareTestSupport
import Foundation
import Testing

@testable import CareCases
@testable import CareStore

/// The home page's "your say", on both engines: each member sees the open polls they may answer and have not —
/// the co-op's, their circle's (not another circle's), their team's questions (not a team they are not in) —
/// soonest closing first; an answer takes it off their list (not anyone else's); a closed poll is off everyone's.
@Suite("Use cases: the home page's questions waiting for an answer")
struct HomeDecisionsCasesTests {
  @Test(arguments: Engine.allCases)
  func eachMemberSeesWhatWaitsForTheirAnswer(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let team = try #require(try await w.store.team(demo.person.id, coop: demo.coop.id))
      let (admin, family, worker, outsider) = (
        try await w.cases.requester(for: demo.admin), try await w.cases.requester(for: demo.family),
        try await w.cases.requester(for: demo.teamWorker), try await w.cases.requester(for: demo.otherCircleWorker)
      )
      let today = w.cases.today
      func new(_ title: String, closes days: Int) -> NewProposal {
        NewProposal(
          title: title, text: "Why.", kind: "consent", share: nil, quorum: 0, closesOn: today.adding(days: days).iso)
      }
      let coop = try await w.cases.addProposal(new("A co-op picnic", closes: 9), by: admin)
      let circle = try await w.cases.addProposal(
        new("Swap rounds by text", closes: 4).forCircle(team.circle.id.description), by: worker)
      let question = try await w.cases.addProposal(
        new("Meet on a Saturday?", closes: 2).forTeam(demo.person.id.description), by: family)
      func waiting(_ r: Requester) async throws -> [ID<Proposal>] {
        try await w.cases.home(for: r).waitingForYou.map(\.id)
      }
      // The team's worker: the team's question, then the circle's, then the co-op's (soonest closing first).
      #expect(try await waiting(worker) == [question.id, circle.id, coop.id])
      // Someone in another circle and no team: the co-op's only.
      #expect(try await waiting(outsider) == [coop.id])
      // The family member (in the team, not a circle's worker).
      #expect(try await waiting(family) == [question.id, coop.id])
      try await w.cases.vote(question.id, choice: "consent", reason: "", by: family)
      #expect(try await waiting(family) == [coop.id])
      #expect(try await waiting(worker) == [question.id, circle.id, coop.id])
      // Closed: off everyone's list.
      w.clock.advance(TimeInterval(3 * 86_400))
      #expect(try await waiting(worker) == [circle.id, coop.id])
    }
  }

  /// A secret ballot and a time poll leave the list when answered too (a ballot by its receipt: the ballot itself
  /// names nobody), and the one who answered only.
  @Test(arguments: Engine.allCases)
  func aBallotAndATimePollAreTakenOffWhenAnswered(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let (admin, family, worker) = (
        try await w.cases.requester(for: demo.admin), try await w.cases.requester(for: demo.family),
        try await w.cases.requester(for: demo.teamWorker)
      )
      let election = try await w.cases.addProposal(
        ElectionCasesTests.election(candidates: [demo.teamWorker, demo.arranger]), by: admin)
      let poll = try await w.cases.addProposal(TimePollCasesTests.poll(), by: admin)
      func waiting(_ r: Requester) async throws -> Set<ID<Proposal>> {
        Set(try await w.cases.home(for: r).waitingForYou.map(\.id))
      }
      #expect(try await waiting(family) == [election.id, poll.id])
      _ = try await w.cases.castBallot(election.id, .list([2, 1]), code: nil, by: family)
      #expect(try await waiting(family) == [poll.id])
      try await w.cases.answerTimes(poll.id, answers: ["yes", "no", "if-need-be"], by: family)
      #expect(try await waiting(family).isEmpty)
      #expect(try await waiting(worker) == [election.id, poll.id])
    }
  }
}
