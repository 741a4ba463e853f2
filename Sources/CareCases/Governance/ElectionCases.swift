import CareCore
import CareStore
import CareVotes
import Foundation

/// A ranked ballot as it arrives: the form's rank for each candidate number, or the API's list.
public enum RankingInput: Sendable, Hashable {
  case ranks([Int: String])
  case list([Int])
}

/// An election's count, stage by stage, for the page and the recount (votes in `STV.unit`s).
public struct ElectionCount: Sendable, Hashable {
  public struct Stage: Sendable, Hashable {
    /// "First preferences", "Ann's surplus passed on", "Bob excluded".
    public let event: String
    /// Each candidate's votes after the stage (index: candidate number − 1).
    public let tallies: [Int]
    public let exhausted: Int
    /// Candidate numbers elected at this stage.
    public let elected: [Int]
  }

  public let quota: Int
  public let validBallots: Int
  public let stages: [Stage]
  /// Every ballot's ranking, in no one's order: anyone can count them again.
  public let ballots: [[Int]]

  /// Votes to two decimal places, cut (not rounded) as the count cuts them.
  public static func text(_ units: Int) -> String {
    let hundredths = units / (STV.unit / 100)
    let whole = hundredths / 100
    let part = hundredths % 100
    return part == 0 ? "\(whole)" : "\(whole).\(part < 10 ? "0" : "")\(part)"
  }
}

/// Elections by secret ballot: a member ranks the candidates and is shown a code, once; with it they can
/// change their ballot until the poll closes. The co-op keeps who voted apart from the ballots; a second
/// ballot from the same member is refused. Postal and proxy ballots are entered by a hat holder (no code).
extension Cases {
  /// A member's secret ballot. Without `code`: their first (refused if they have voted); returns the code to
  /// show them. With `code`: their ballot changed; returns the same code.
  @discardableResult
  public func castBallot(_ id: ID<Proposal>, _ input: RankingInput, code: String?, by requester: Requester)
    async throws -> String
  {
    let (permit, proposal) = try await answerPermit(id, requester)
    let ranking = try Self.ranking(input, proposal)
    if let typed = code?.trimmingCharacters(in: .whitespaces), !typed.isEmpty {
      guard let normalised = BallotCode.normalised(typed) else {
        throw CareError.invalid("code", "A code is 16 letters and numbers, like ABCD-EFGH-JKLM-NPQR")
      }
      let hash = Tokens.hash(normalised)
      try await store.castBallot(
        id, ranking: ranking, codeHash: hash, replacing: hash, permit: permit, env: effects)
      return normalised
    }
    var generator = SystemRandomNumberGenerator()
    let fresh = BallotCode.make(using: &generator)
    try await store.castBallot(id, ranking: ranking, codeHash: Tokens.hash(fresh), permit: permit, env: effects)
    return fresh
  }

  /// A member's postal or proxy ballot, entered by a hat holder: it counts as that member's one ballot.
  public func enterBallot(
    _ id: ID<Proposal>, member: String?, _ input: RankingInput, way: String?, by requester: Requester
  ) async throws {
    let permit = try AccessPolicy.permit(requester, .enterVotes(coop: requester.coopID))
    let reading = try AccessPolicy.permit(requester, .viewProposals(coop: requester.coopID))
    guard let proposal = try await store.proposal(id, permit: reading) else { throw CareError.notFound }
    try await refuseEnteringForTeam(proposal, requester)
    var v = Validator()
    let how = way.flatMap(VoteWay.init(rawValue:)).flatMap { $0 == .online ? nil : $0 }
    if how == nil { v.add("way", "Choose a postal vote or a proxy vote") }
    let voter = member.flatMap { ID<Account>(string: $0) }
    let members = try await voters(proposal)
    if voter == nil || !members.contains(voter!) { v.add("member", "Choose a member who can vote") }
    let ranking = Result { () throws(CareError) in try Self.ranking(input, proposal) }
    if case .failure(let error) = ranking {
      guard case .invalid(let errors) = error else { throw error }
      for error in errors { v.add(error.field, error.message) }
    }
    try v.check()
    var generator = SystemRandomNumberGenerator()
    try await store.castBallot(
      id, ranking: try ranking.get(), codeHash: Tokens.hash(BallotCode.make(using: &generator)), for: voter!,
      way: how!,
      permit: permit, env: effects)
  }

  static func ranking(_ input: RankingInput, _ proposal: Proposal) throws(CareError) -> [Int] {
    guard let election = proposal.election else {
      throw CareError.conflict(FieldError("ranking", "This poll is not an election: give your answer instead"))
    }
    switch input {
    case .ranks(let ranks): return try RankedBallot.ranking(ranks, candidates: election.candidates.count)
    case .list(let list): return try RankedBallot.ranking(list, candidates: election.candidates.count)
    }
  }

  /// No ballots, or fewer than the quorum: not decided. Otherwise the single transferable vote fills the
  /// seats (candidate numbers from 1; `CareVotes` counts from 0).
  static func countElection(_ election: Election, _ ballots: [[Int]], quorum: Int, at: Date) -> ProposalResult {
    guard !ballots.isEmpty, ballots.count >= quorum else {
      return ProposalResult(outcome: .inquorate, tally: [:], turnout: ballots.count, countedAt: at)
    }
    let result = stv(election, ballots)
    return ProposalResult(
      outcome: .elected, tally: [:], turnout: ballots.count, countedAt: at, elected: result.elected.map { $0 + 1 })
  }

  static func stv(_ election: Election, _ ballots: [[Int]]) -> STV.Result {
    STV.count(
      candidates: election.candidates.count, seats: election.seats, ballots: ballots.map { $0.map { $0 - 1 } },
      lot: election.lot.map { $0 - 1 })
  }

  static func electionCount(_ election: Election, _ ballots: [[Int]]) -> ElectionCount {
    let result = stv(election, ballots)
    func name(_ index: Int) -> String { election.candidate(index + 1)?.name ?? "Candidate \(index + 1)" }
    return ElectionCount(
      quota: result.quota, validBallots: result.validBallots,
      stages: result.stages.map { stage in
        let event =
          switch stage.event {
          case .firstPreferences: "First choices"
          case .surplus(let c): "\(name(c))’s surplus passed on"
          case .excluded(let c): "\(name(c)) excluded, their ballots passed on"
          }
        return ElectionCount.Stage(
          event: event, tallies: stage.tallies, exhausted: stage.exhausted, elected: stage.elected.map { $0 + 1 })
      }, ballots: ballots)
  }
}
