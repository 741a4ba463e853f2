import CareCore
import FluentKit
import Foundation

final class ElectionRow: Model, @unchecked Sendable {
  static let schema = "proposal_elections"
  @IDProperty<ElectionRow, UUID>(key: .id) var id: UUID?
  @Field(key: "proposal_id") var proposalID: UUID
  @Field(key: "seats") var seats: Int
  init() {}
}

final class CandidateRow: Model, @unchecked Sendable {
  static let schema = "proposal_candidates"
  @IDProperty<CandidateRow, UUID>(key: .id) var id: UUID?
  @Field(key: "proposal_id") var proposalID: UUID
  @Field(key: "number") var number: Int
  @Field(key: "account_id") var accountID: UUID
  @Field(key: "name") var name: String
  /// Where the candidate came in the order drawn by lot (0 first).
  @Field(key: "lot") var lot: Int
  init() {}
}

/// Who has voted in a secret ballot: no time, no choice.
final class BallotReceiptRow: Model, @unchecked Sendable {
  static let schema = "ballot_receipts"
  @IDProperty<BallotReceiptRow, UUID>(key: .id) var id: UUID?
  @Field(key: "proposal_id") var proposalID: UUID
  @Field(key: "voter_id") var voterID: UUID
  @Field(key: "how") var how: String
  @OptionalField(key: "entered_by") var enteredBy: UUID?
  init() {}
}

/// A secret ballot: no member, no time; the SHA-256 of the code its voter was shown.
final class SecretBallotRow: Model, @unchecked Sendable {
  static let schema = "secret_ballots"
  @IDProperty<SecretBallotRow, UUID>(key: .id) var id: UUID?
  @Field(key: "proposal_id") var proposalID: UUID
  @Field(key: "code_hash") var codeHash: String
  /// Candidate numbers, most preferred first: `3,1,2`.
  @Field(key: "ranking") var ranking: String
  init() {}
}

final class ProposalHatRow: Model, @unchecked Sendable {
  static let schema = "proposal_hats"
  @IDProperty<ProposalHatRow, UUID>(key: .id) var id: UUID?
  @Field(key: "proposal_id") var proposalID: UUID
  @Field(key: "hat_id") var hatID: UUID
  @Field(key: "term_end") var termEnd: String
  init() {}
}

final class ElectionResultRow: Model, @unchecked Sendable {
  static let schema = "election_results"
  @IDProperty<ElectionResultRow, UUID>(key: .id) var id: UUID?
  @Field(key: "proposal_id") var proposalID: UUID
  /// Candidate numbers in the order elected: `2,4`.
  @Field(key: "elected") var elected: String
  init() {}
}

/// Elections by secret ballot. The store keeps who has voted (a receipt, one per member: the unique index
/// refuses a second) apart from the ballots, which carry no member and no time. Each new or changed ballot
/// rewrites the poll's ballots with fresh ids in the order of their codes' hashes, so neither ids nor the
/// order rows sit in follow the order in which members voted.
extension Store {
  /// Who has voted in a secret ballot, and how their ballot came (never what it says).
  public func receipts(_ id: ID<Proposal>, permit: Permit) async throws -> [BallotReceipt] {
    try Self.check(permit, anyOf: [.viewProposals, .propose, .vote])
    guard try await Self.proposals(permit.coopID, only: id, on: db).first != nil else { throw CareError.notFound }
    return try await BallotReceiptRow.query(on: db).filter(\.$proposalID == id.rawValue).all()
      .map { row in
        BallotReceipt(
          voterID: CareCore.ID(row.voterID),
          way: try StoreError.known(VoteWay(rawValue: row.how), "ballot_receipts.how", row.how),
          enteredBy: row.enteredBy.map(CareCore.ID.init))
      }.sorted { $0.voterID.description < $1.voterID.description }
  }

  /// The rankings in a secret ballot, in no member's order (the use case shows them only once it has closed).
  public func ballots(_ id: ID<Proposal>, permit: Permit) async throws -> [[Int]] {
    try Self.check(permit, anyOf: [.viewProposals, .propose, .vote])
    guard try await Self.proposals(permit.coopID, only: id, on: db).first != nil else { throw CareError.notFound }
    return try await Self.ballots(id, on: db)
  }

  /// Puts a secret ballot in the box while the poll is open: a member's own (a `vote` permit), or one a hat
  /// holder enters for `member` from a postal ballot or as their proxy (`enterVotes`). A second ballot from the
  /// same member is refused. `codeHash` is the SHA-256 of the code the voter is shown.
  ///
  /// To change a ballot, `replacing` names the hash of the code they were given: that ballot's ranking is
  /// replaced (the member must have voted; the code is what proves the ballot theirs).
  public func castBallot(
    _ id: ID<Proposal>, ranking: [Int], codeHash: String, replacing: String? = nil, for member: ID<Account>? = nil,
    way: VoteWay = .online, permit: Permit, env: Effects
  ) async throws {
    let (coop, voter, enteredBy): (ID<Coop>, ID<Account>, ID<Account>?)
    switch permit.action {
    case .vote(let c) where member == nil && way == .online:
      (coop, voter, enteredBy) = (c, permit.requester.account.id, nil)
    case .enterVotes(let c) where member != nil && way != .online && replacing == nil:
      (coop, voter, enteredBy) = (c, member!, permit.requester.account.id)
    default: throw CareError.forbidden
    }
    try await gate.holding(["ballots:\(id)"]) {
      try await writeChecked(conflict: FieldError("ranking", "Another ballot went in at the same moment: try again")) {
        db in
        guard let proposal = try await Self.proposals(coop, only: id, on: db).first else { throw CareError.notFound }
        switch proposal.status(at: env.now()) {
        case .upcoming: throw CareError.conflict(FieldError("ranking", "The poll is not open yet"))
        case .closed:
          throw CareError.conflict(FieldError("ranking", "The poll has closed: ballots can no longer change"))
        case .open: break
        }
        guard let election = proposal.election else {
          throw CareError.conflict(FieldError("ranking", "This poll is not an election: give your answer instead"))
        }
        guard ranking.allSatisfy({ election.candidate($0) != nil }) else {
          throw CareError.invalid("ranking", "Rank only the candidates on the ballot")
        }
        let receipt = try await BallotReceiptRow.query(on: db).filter(\.$proposalID == id.rawValue)
          .filter(\.$voterID == voter.rawValue).first()
        var ballots = try await SecretBallotRow.query(on: db).filter(\.$proposalID == id.rawValue).all()
          .map { ($0.codeHash, $0.ranking) }
        let words = ranking.map(String.init).joined(separator: ",")
        if let replacing {
          guard receipt != nil, let index = ballots.firstIndex(where: { $0.0 == replacing }) else {
            throw CareError.invalid("code", "That code does not match a ballot in this poll: check it and try again")
          }
          ballots[index] = (codeHash, words)
        } else {
          guard receipt == nil else {
            throw CareError.conflict(
              FieldError(
                enteredBy == nil ? "ranking" : "memberID",
                enteredBy == nil
                  ? "You have voted already: to change your ballot, use the code you were given"
                  : "That member has voted already"))
          }
          let row = BallotReceiptRow()
          (row.id, row.proposalID, row.voterID) = (env.newID(), id.rawValue, voter.rawValue)
          (row.how, row.enteredBy) = (way.rawValue, enteredBy?.rawValue)
          try await row.create(on: db)
          ballots.append((codeHash, words))
        }
        try await SecretBallotRow.query(on: db).filter(\.$proposalID == id.rawValue).delete()
        for (hash, ranking) in ballots.sorted(by: { $0.0 < $1.0 }) {
          let row = SecretBallotRow()
          (row.id, row.proposalID, row.codeHash, row.ranking) = (env.newID(), id.rawValue, hash, ranking)
          try await row.create(on: db)
        }
        try await Self.append(
          .vote, coop: coop, actor: enteredBy ?? voter, onBehalfOf: nil, person: nil,
          detail: "“\(proposal.title)”: "
            + (replacing == nil ? "a secret ballot" : "a secret ballot changed with its code")
            + (enteredBy == nil ? "" : ", \(way.label) for \(voter)"),
          env: env, on: db)
      }
    }
  }

  static func keepElection(
    _ proposal: UUID, seats: Int, candidates: [Candidate], lot: [Int], hat: ElectedHat?, env: Effects,
    on db: any Database
  ) async throws {
    let election = ElectionRow()
    (election.id, election.proposalID, election.seats) = (env.newID(), proposal, seats)
    try await election.create(on: db)
    if let hat {
      let row = ProposalHatRow()
      (row.id, row.proposalID, row.hatID, row.termEnd) = (env.newID(), proposal, hat.hatID.rawValue, hat.termEnd.iso)
      try await row.create(on: db)
    }
    let place = Dictionary(uniqueKeysWithValues: lot.enumerated().map { ($1, $0) })
    for candidate in candidates {
      let row = CandidateRow()
      (row.id, row.proposalID, row.number) = (env.newID(), proposal, candidate.number)
      (row.accountID, row.name, row.lot) = (candidate.accountID.rawValue, candidate.name, place[candidate.number] ?? 0)
      try await row.create(on: db)
    }
  }

  /// Each election's seats, candidates and lot, and (once counted) who was elected.
  static func elections(_ proposals: [UUID], on db: any Database) async throws -> [UUID: (
    election: Election, elected: [Int]?
  )] {
    guard !proposals.isEmpty else { return [:] }
    let seats = try await ElectionRow.query(on: db).filter(\.$proposalID ~~ proposals).all()
    let candidates = Dictionary(
      grouping: try await CandidateRow.query(on: db).filter(\.$proposalID ~~ proposals).all(), by: \.proposalID)
    let elected = try await ElectionResultRow.query(on: db).filter(\.$proposalID ~~ proposals).all()
    let hatRows = try await ProposalHatRow.query(on: db).filter(\.$proposalID ~~ proposals).all()
    let hatNames = Dictionary(
      uniqueKeysWithValues: try await HatRow.query(on: db).filter(\.$id ~~ hatRows.map(\.hatID)).all().map {
        ($0.id!, $0.name)
      })
    let hats = try Dictionary(
      uniqueKeysWithValues: hatRows.map { row in
        guard let end = Day(iso: row.termEnd) else {
          throw StoreError.unreadable("proposal_hats.term_end", row.termEnd)
        }
        return (
          row.proposalID, ElectedHat(hatID: CareCore.ID(row.hatID), name: hatNames[row.hatID] ?? "", termEnd: end)
        )
      })
    var out: [UUID: (election: Election, elected: [Int]?)] = [:]
    for row in seats {
      let rows = (candidates[row.proposalID] ?? []).sorted { $0.number < $1.number }
      let election = Election(
        seats: row.seats,
        candidates: rows.map { Candidate(number: $0.number, accountID: CareCore.ID($0.accountID), name: $0.name) },
        lot: rows.sorted { $0.lot < $1.lot }.map(\.number), hat: hats[row.proposalID])
      let numbers = try elected.first { $0.proposalID == row.proposalID }.map { result in
        try result.elected.split(separator: ",").map { text in
          guard let number = Int(text) else { throw StoreError.unreadable("election_results.elected", result.elected) }
          return number
        }
      }
      out[row.proposalID] = (election, numbers)
    }
    return out
  }

  static func ballots(_ id: ID<Proposal>, on db: any Database) async throws -> [[Int]] {
    try await SecretBallotRow.query(on: db).filter(\.$proposalID == id.rawValue).sort(\.$codeHash).all().map { row in
      try row.ranking.split(separator: ",").map { text in
        guard let number = Int(text) else { throw StoreError.unreadable("secret_ballots.ranking", row.ranking) }
        return number
      }
    }
  }
}
