import CareCore
import CareTestSupport
import Foundation
import SQLKit
import Testing

@testable import CareCases
@testable import CareStore

/// Questions put to a person's team, on both engines: a family member asks the team when to meet for the
/// person's review (a time poll); the person and their active team answer, whether or not they are co-op
/// members; nobody outside the team sees it (404) — not in the co-op's list either; a hat holder does not enter
/// answers for the team; the count tells the team alone. A team does not hold elections nor change settings.
@Suite("Use cases: questions to a person's team")
struct TeamQuestionCasesTests {
  @Test(arguments: Engine.allCases)
  func theTeamFindsATimeForTheReviewAndOnlyTheTeamSeesIt(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let (family, worker, outsider, person, admin) = (
        try await w.cases.requester(for: demo.family), try await w.cases.requester(for: demo.teamWorker),
        try await w.cases.requester(for: demo.otherCircleWorker),
        try await w.cases.requester(for: demo.personAccount), try await w.cases.requester(for: demo.admin)
      )
      let facts = try #require(try await w.store.teamFacts(demo.person.id, coop: demo.coop.id))
      let today = w.cases.today
      let ask = NewProposal(
        title: "When shall we meet for the review?", text: "At home, with a cup of tea.", kind: "time-poll",
        share: nil, quorum: 0, closesOn: today.adding(days: 3).iso
      ).offering(
        [5, 6].map { NewProposal.TypedTime(day: today.adding(days: $0).iso, start: "10:00") }, minutes: 60
      ).forTeam(demo.person.id.description)
      // Not an election, not with settings; someone outside the team cannot ask it.
      do {
        try await w.cases.addProposal(
          NewProposal(
            title: "Who leads the review?", text: "One of us.", kind: "election", share: nil, quorum: 0,
            closesOn: today.adding(days: 3).iso, seats: 1, candidates: []
          ).forTeam(demo.person.id.description), by: family)
        Issue.record("a team held an election")
      } catch CareError.invalid(let errors) {
        #expect(
          errors.contains(
            FieldError("kind", "A team does not hold elections: ask it by consent, a majority vote or a time poll")))
      }
      await #expect(throws: CareError.self) { try await w.cases.addProposal(ask, by: outsider) }
      let question = try await w.cases.addProposal(ask, by: family)
      #expect(question.teamPersonID == demo.person.id && question.circleID == nil)
      // The team sees and answers it; it is not in the co-op's list; outside the team it does not exist.
      #expect(try await !w.cases.proposals(by: family).proposals.contains { $0.id == question.id })
      let seen = try await w.cases.proposal(question.id, by: worker)
      #expect(seen.mayVote && seen.teamName == demo.personAccount.name)
      #expect(seen.members == 1 + facts.activeMembers.count)
      await #expect(throws: CareError.notFound) { try await w.cases.proposal(question.id, by: outsider) }
      await #expect(throws: CareError.notFound) {
        try await w.cases.answerTimes(question.id, answers: ["yes", "yes"], by: outsider)
      }
      try await w.cases.answerTimes(question.id, answers: ["yes", "no"], by: worker)
      try await w.cases.answerTimes(question.id, answers: ["yes", "if-need-be"], by: person)
      // A hat holder does not answer for the team.
      await #expect(throws: CareError.self) {
        try await w.cases.enterTimes(
          question.id, member: demo.family.id.description, answers: ["yes", "yes"], way: "postal", by: admin)
      }
      #expect(try await w.cases.teamSay(demo.person.id, by: family).questions.map(\.id) == [question.id])
      // Counted after the close: the first time; the team is told, nobody else.
      w.clock.advance(4 * 86_400)
      #expect(try await w.cases.countDuePolls() == 1)
      let counted = try await w.cases.proposal(question.id, by: family)
      #expect(counted.proposal.chosenTime?.number == 1)
      let told = { (a: Account) in
        try await w.store.messages(for: a.id).contains { $0.subject.hasPrefix("The result of “When shall we meet") }
      }
      let (toldFamily, toldWorker, toldPerson) = (
        try await told(demo.family), try await told(demo.teamWorker), try await told(demo.personAccount)
      )
      #expect(toldFamily && toldWorker && toldPerson)
      #expect(try await !told(demo.otherCircleWorker))
      await #expect(throws: CareError.notFound) { try await w.cases.recount(question.id, by: outsider) }
      let sql = w.store.writer as! any SQLDatabase
      await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM proposal_teams").run() }
    }
  }
}
