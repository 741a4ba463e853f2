import Testing

@testable import CareVotes

/// Majority votes with a quorum and a threshold, consent, and the time poll.
@Suite("Counting: majority, consent and time polls")
struct MajorityTests {
  @Test(arguments: [
    // for, against, abstain, quorum, threshold, outcome
    (6, 4, 0, 0, Majority.Threshold.simple, Majority.Outcome.passed),
    (5, 5, 3, 0, .simple, .failed),  // a tie is not more than half
    (5, 4, 20, 10, .simple, .passed),  // abstentions count to the quorum, not to the majority
    (5, 4, 0, 10, .simple, .inquorate),
    (0, 0, 12, 10, .simple, .failed),  // quorate, but nobody voted for
    (20, 10, 0, 0, .twoThirds, .passed),  // exactly two thirds is enough
    (19, 10, 0, 0, .twoThirds, .failed),
    (3, 1, 0, 0, .threeQuarters, .passed),
    (74, 26, 0, 0, .threeQuarters, .failed),
  ])
  func aMajorityNeedsItsQuorumAndItsShare(
    votesFor: Int, against: Int, abstain: Int, quorum: Int, threshold: Majority.Threshold,
    outcome: Majority.Outcome
  ) {
    let result = Majority.count(
      votesFor: votesFor, against: against, abstain: abstain, quorum: quorum, threshold: threshold)
    #expect(result.outcome == outcome)
    #expect(result.turnout == votesFor + against + abstain)
  }

  @Test func consentPassesUnlessAnObjectionStands() {
    #expect(Consent.count([.consent, .consent, .concern]).outcome == .passed)
    #expect(Consent.count([.consent, .objection, .consent]).outcome == .blocked)
    // The member who objected changes their answer (the latest counts): it passes.
    #expect(Consent.count([.consent, .concern, .consent]).concerns == 1)
    #expect(Consent.count([.consent], quorum: 3).outcome == .inquorate)
  }

  @Test func theTimeMostCanComeToWins() {
    // Three times; four members. Time 1: 2 yes + 1 if need be (3 can come); time 2: 3 yes (3 can come, more
    // yes); time 0: 1 yes.
    let answers: [[TimePoll.Answer]] = [
      [.yes, .yes, .yes], [.no, .yes, .yes], [.no, .ifNeedBe, .yes], [.no, .no],
    ]
    let (best, tallies) = TimePoll.best(options: 3, answers: answers)
    #expect(best == 2 && tallies.map(\.canCome) == [1, 3, 3] && tallies.map(\.yes) == [1, 2, 3])
    #expect(TimePoll.best(options: 2, answers: [[.no, .no]]).best == nil)
    // Equal in every way: the earliest offered.
    #expect(TimePoll.best(options: 2, answers: [[.yes, .yes]]).best == 0)
  }
}
