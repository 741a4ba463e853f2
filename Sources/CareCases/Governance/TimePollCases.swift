import CareCore
import CareStore
import CareVotes
import Foundation

/// How many can come to one time offered (yes and if need be), as the page shows it.
public struct TimeTally: Sendable, Hashable {
  public let number: Int
  public let yes: Int
  public let ifNeedBe: Int
  public var canCome: Int { yes + ifNeedBe }
}

/// Time polls: members answer yes, if need be or no for each time offered, and may change their answers
/// until the poll closes; the count chooses the time most can come to, then the one most said yes to, then the
/// earliest offered (`CareVotes.TimePoll`); too few taking part (the quorum), or no time anyone can come to,
/// decides nothing.
extension Cases {
  /// A member's answers, one for each time offered in order.
  @discardableResult
  public func answerTimes(_ id: ID<Proposal>, answers: [String?], by requester: Requester) async throws
    -> TimeAnswers
  {
    let (permit, proposal) = try await answerPermit(id, requester)
    // Open and a time poll first: a clear 409 before any answer is read.
    try proposal.takesTimeAnswers(proposal.times.count, at: effects.now())
    var v = Validator()
    let chosen = Self.timeAnswers(answers, for: proposal, into: &v)
    try v.check()
    return try await store.answerTimes(id, chosen, permit: permit, env: effects)
  }

  /// A member's postal or proxy answers to a time poll, entered for them by a hat holder (recorded as such).
  @discardableResult
  public func enterTimes(
    _ id: ID<Proposal>, member: String?, answers: [String?], way: String?, by requester: Requester
  ) async throws -> TimeAnswers {
    let permit = try AccessPolicy.permit(requester, .enterVotes(coop: requester.coopID))
    let reading = try AccessPolicy.permit(requester, .viewProposals(coop: requester.coopID))
    guard let proposal = try await store.proposal(id, permit: reading) else { throw CareError.notFound }
    try await refuseEnteringForTeam(proposal, requester)
    try proposal.takesTimeAnswers(proposal.times.count, at: effects.now())
    var v = Validator()
    let chosen = Self.timeAnswers(answers, for: proposal, into: &v)
    let how = way.flatMap(VoteWay.init(rawValue:)).flatMap { $0 == .online ? nil : $0 }
    if how == nil { v.add("way", "Choose a postal vote or a proxy vote") }
    let voter = member.flatMap { ID<Account>(string: $0) }
    let members = try await voters(proposal)
    if voter == nil || !members.contains(voter!) { v.add("member", "Choose a member who can vote") }
    try v.check()
    return try await store.answerTimes(id, chosen, for: voter!, way: how!, permit: permit, env: effects)
  }

  /// One answer for each time offered, checked.
  static func timeAnswers(_ answers: [String?], for proposal: Proposal, into v: inout Validator) -> [TimeAnswer] {
    var chosen: [TimeAnswer] = []
    for time in proposal.times {
      let text = time.number <= answers.count ? answers[time.number - 1] : nil
      if let answer = text.flatMap(TimeAnswer.init(rawValue:)) {
        chosen.append(answer)
      } else {
        v.add("time-\(time.number)", "Say whether you can come on \(time.text)")
      }
    }
    if answers.dropFirst(proposal.times.count).contains(where: { $0 != nil }) {
      v.add("times", "Answer for each of the \(proposal.times.count) times, no more")
    }
    return chosen
  }

  /// Each member's latest answers given before the close, in the order they first answered.
  static func standingTimes(_ sets: [TimeAnswers], closesAt: Date) -> [TimeAnswers] {
    var latest: [ID<Account>: TimeAnswers] = [:]
    var order: [ID<Account>] = []
    for set in sets where set.at < closesAt {
      if latest[set.voterID] == nil { order.append(set.voterID) }
      latest[set.voterID] = set
    }
    return order.map { latest[$0]! }
  }

  static func timeTallies(_ proposal: Proposal, _ sets: [TimeAnswers]) -> [TimeTally] {
    let answers = pollAnswers(standingTimes(sets, closesAt: proposal.closesAt))
    return TimePoll.best(options: proposal.times.count, answers: answers).tallies.map {
      TimeTally(number: $0.option + 1, yes: $0.yes, ifNeedBe: $0.ifNeedBe)
    }
  }

  static func countTimePoll(_ proposal: Proposal, _ sets: [TimeAnswers], at: Date) -> ProposalResult {
    let standing = standingTimes(sets, closesAt: proposal.closesAt)
    let answers = pollAnswers(standing)
    let best = TimePoll.best(options: proposal.times.count, answers: answers).best
    let outcome: ProposalResult.Outcome =
      standing.count < proposal.quorum ? .inquorate : best == nil ? .noTime : .chosen
    return ProposalResult(
      outcome: outcome, tally: [:], turnout: standing.count, countedAt: at,
      chosenTime: outcome == .chosen ? best.map { $0 + 1 } : nil)
  }

  /// Answers as the count reads them.
  static func pollAnswers(_ standing: [TimeAnswers]) -> [[TimePoll.Answer]] {
    standing.map { set in
      set.answers.map { answer -> TimePoll.Answer in
        switch answer {
        case .yes: .yes
        case .ifNeedBe: .ifNeedBe
        case .no: .no
        }
      }
    }
  }
}
