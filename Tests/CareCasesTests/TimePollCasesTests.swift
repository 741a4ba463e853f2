import CareCore
import CareTestSupport
import Foundation
import SQLKit
import Testing

@testable import CareCases
@testable import CareStore

/// Time polls on both engines: a member offers times; members say yes, if need be or no to each and may change
/// their answers until the close; the count chooses the time most can come to (a tie: more yeses, then the one
/// offered first), once, and tells every member which; too few answers or no time anyone can come to decides
/// nothing; answers to the wrong poll, after the close or without an answer for each time are refused.
@Suite("Use cases: time polls")
struct TimePollCasesTests {
  static func poll(quorum: Int = 0, times: [String] = ["2026-06-02", "2026-06-03", "2026-06-04"]) -> NewProposal {
    NewProposal(
      title: "Members' meeting", text: "Which evening?", kind: ProposalKind.timePoll.rawValue, share: nil,
      quorum: quorum, closesOn: "2026-05-28"
    ).offering(times.map { NewProposal.TypedTime(day: $0, start: "18:30") }, minutes: 90)
  }

  @Test(arguments: Engine.allCases)
  func theTimeMostCanComeToIsChosenOnceAndEveryMemberTold(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let (worker, family, arranger, person) = (
        try await w.cases.requester(for: demo.teamWorker), try await w.cases.requester(for: demo.family),
        try await w.cases.requester(for: demo.arranger), try await w.cases.requester(for: demo.personAccount)
      )
      let poll = try await w.cases.addProposal(Self.poll(quorum: 3), by: worker)
      #expect(poll.times.map(\.number) == [1, 2, 3] && poll.times.allSatisfy { $0.minutes == 90 })
      #expect(poll.times[0].text == "Tuesday 2 June 2026 at 18:30")
      // Time 2 and time 3 can both have three; time 3 has more yeses.
      try await w.cases.answerTimes(poll.id, answers: ["yes", "if-need-be", "no"], by: worker)
      try await w.cases.answerTimes(poll.id, answers: ["no", "if-need-be", "yes"], by: family)
      try await w.cases.answerTimes(poll.id, answers: ["no", "yes", "yes"], by: arranger)
      // The worker changes their mind: both sets kept, the latest counts.
      w.clock.advance(600)
      try await w.cases.answerTimes(poll.id, answers: ["no", "yes", "if-need-be"], by: worker)
      let open = try await w.cases.proposal(poll.id, by: person)
      #expect(open.timeAnswers.count == 3 && open.myTimes == nil && open.mayVote)
      #expect(open.timeTallies.map(\.canCome) == [0, 3, 3] && open.timeTallies.map(\.yes) == [0, 2, 2])
      // Not the way to answer a time poll; one answer short; an answer it does not take.
      await #expect(
        throws: CareError.conflict(FieldError("choice", "This is a time poll: answer for each time offered"))
      ) {
        try await w.cases.vote(poll.id, choice: "for", reason: nil, by: person)
      }
      await #expect(
        throws: CareError.invalid("time-3", "Say whether you can come on Thursday 4 June 2026 at 18:30")
      ) {
        try await w.cases.answerTimes(poll.id, answers: ["yes", "no"], by: person)
      }
      await #expect(throws: CareError.invalid("time-1", "Say whether you can come on Tuesday 2 June 2026 at 18:30")) {
        try await w.cases.answerTimes(poll.id, answers: ["perhaps", "no", "no"], by: person)
      }
      // A tie on who can come and on yeses (2 each): the one offered first.
      try await w.cases.answerTimes(poll.id, answers: ["no", "if-need-be", "if-need-be"], by: person)
      #expect(try await w.cases.proposal(poll.id, by: person).countSoFar.chosenTime == 2)
      try await w.cases.answerTimes(poll.id, answers: ["no", "if-need-be", "yes"], by: person)
      #expect(try await w.cases.proposal(poll.id, by: person).countSoFar.chosenTime == 3)
      w.clock.advance(24 * 3600)
      await #expect(
        throws: CareError.conflict(FieldError("times", "The poll has closed: answers can no longer change"))
      ) {
        try await w.cases.answerTimes(poll.id, answers: ["yes", "yes", "yes"], by: family)
      }
      async let first = w.cases.countDuePolls()
      async let second = w.cases.countDuePolls()
      #expect(try await first + second == 1)
      let closed = try await w.cases.proposal(poll.id, by: person).proposal
      #expect(closed.result?.outcome == .chosen && closed.result?.turnout == 4)
      #expect(closed.chosenTime?.text == "Thursday 4 June 2026 at 18:30")
      let told = try await w.store.messages(for: demo.family.id).first { $0.subject.contains("Members' meeting") }
      #expect(told?.body.contains("The meeting: Thursday 4 June 2026 at 18:30.") == true)
      #expect(try await w.cases.recount(poll.id, by: family).agrees)
      let sql = w.store.writer as! any SQLDatabase
      await #expect(throws: (any Error).self) { try await sql.raw("UPDATE time_answers SET answers = 'yes'").run() }
      await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM time_poll_results").run() }
    }
  }

  /// Too few answers for the quorum; and answers where nobody can come to any time: nothing decided.
  @Test(arguments: Engine.allCases)
  func aFailedQuorumOrNoTimeDecidesNothing(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let (worker, family) = (
        try await w.cases.requester(for: demo.teamWorker), try await w.cases.requester(for: demo.family)
      )
      let few = try await w.cases.addProposal(Self.poll(quorum: 3), by: worker)
      // A postal answer entered by the administrator for a member: theirs, marked as entered; a worker may not.
      let admin = try await w.cases.requester(for: demo.admin)
      let entered = try await w.cases.enterTimes(
        few.id, member: demo.personAccount.id.description, answers: ["no", "yes", "if-need-be"], way: "postal",
        by: admin)
      #expect(entered.voterID == demo.personAccount.id && entered.enteredBy == demo.admin.id && entered.way == .postal)
      await #expect(throws: CareError.forbidden) {
        try await w.cases.enterTimes(
          few.id, member: demo.family.id.description, answers: ["yes", "yes", "yes"], way: "proxy", by: worker)
      }
      await #expect(throws: CareError.invalid("member", "Choose a member who can vote")) {
        try await w.cases.enterTimes(
          few.id, member: demo.admin.id.description, answers: ["yes", "yes", "yes"], way: "proxy", by: admin)
      }
      let none = try await w.cases.addProposal(Self.poll(times: ["2026-06-02", "2026-06-09"]), by: worker)
      try await w.cases.answerTimes(few.id, answers: ["yes", "yes", "yes"], by: worker)
      try await w.cases.answerTimes(none.id, answers: ["no", "no"], by: worker)
      try await w.cases.answerTimes(none.id, answers: ["no", "no"], by: family)
      w.clock.advance(25 * 3600)
      #expect(try await w.cases.countDuePolls() == 2)
      let inquorate = try await w.cases.proposal(few.id, by: family).proposal
      #expect(inquorate.result?.outcome == .inquorate && inquorate.chosenTime == nil)
      #expect(inquorate.result?.turnout == 2)
      let noTime = try await w.cases.proposal(none.id, by: family).proposal
      #expect(noTime.result?.outcome == .noTime && noTime.result?.turnout == 2 && noTime.chosenTime == nil)
    }
  }

  /// Times offered wrongly are refused all at once.
  @Test func badTimesAreRefused() {
    func fields(_ new: NewProposal) -> Set<String> {
      do {
        _ = try new.validated(today: Day(iso: "2026-05-28")!, members: 10)
        return []
      } catch {
        guard case .invalid(let errors) = error else { return ["?"] }
        return Set(errors.map(\.field))
      }
    }
    #expect(fields(Self.poll(times: ["2026-06-02"])) == ["times"])
    #expect(fields(Self.poll(times: ["2026-05-28", "2026-06-02"])) == ["time1"])
    #expect(fields(Self.poll(times: ["2026-06-02", "2026-06-02"])) == ["time2"])
    #expect(fields(Self.poll(times: ["2026-06-02", "2026-06-31"])) == ["time2"])
    #expect(
      fields(
        Self.poll().offering(
          [.init(day: "2026-06-02", start: "25:00"), .init(day: "2026-06-03", start: "9:00")], minutes: 5)) == [
          "time1-start", "meetingMinutes",
        ])
    #expect(
      fields(
        NewProposal(title: "A", text: "B", kind: "majority", share: nil, quorum: 0, closesOn: "2026-05-28").offering(
          [.init(day: "2026-06-02", start: "18:00")], minutes: nil)) == ["times"])
    #expect(fields(Self.poll().changing(["flexibility": "10"], from: "2026-06-01")) == ["changes"])
  }
}
