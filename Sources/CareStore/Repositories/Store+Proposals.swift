import CareCore
import FluentKit
import Foundation

final class ProposalRow: Model, @unchecked Sendable {
  static let schema = "proposals"
  @IDProperty<ProposalRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "title") var title: String
  @Field(key: "text") var text: String
  @Field(key: "kind") var kind: String
  @Field(key: "share") var share: String
  @Field(key: "quorum") var quorum: Int
  @Field(key: "opens_at") var opensAt: Date
  @Field(key: "closes_at") var closesAt: Date
  @Field(key: "created_by") var createdBy: UUID
  @Field(key: "created_at") var createdAt: Date
  init() {}
}

final class ProposalVoteRow: Model, @unchecked Sendable {
  static let schema = "proposal_votes"
  @IDProperty<ProposalVoteRow, UUID>(key: .id) var id: UUID?
  @Field(key: "proposal_id") var proposalID: UUID
  @Field(key: "voter_id") var voterID: UUID
  @Field(key: "choice") var choice: String
  @Field(key: "reason") var reason: String
  @Field(key: "how") var how: String
  @OptionalField(key: "entered_by") var enteredBy: UUID?
  @Field(key: "at") var at: Date
  init() {}

  var value: Vote {
    get throws {
      Vote(
        voterID: CareCore.ID(voterID),
        choice: try StoreError.known(VoteChoice(rawValue: choice), "proposal_votes.choice", choice), reason: reason,
        way: try StoreError.known(VoteWay(rawValue: how), "proposal_votes.how", how),
        enteredBy: enteredBy.map(CareCore.ID.init), at: at)
    }
  }
}

final class ProposalResultRow: Model, @unchecked Sendable {
  static let schema = "proposal_results"
  @IDProperty<ProposalResultRow, UUID>(key: .id) var id: UUID?
  @Field(key: "proposal_id") var proposalID: UUID
  @Field(key: "outcome") var outcome: String
  /// `for=5,against=2`: how many gave each answer.
  @Field(key: "tally") var tally: String
  @Field(key: "turnout") var turnout: Int
  @Field(key: "counted_at") var countedAt: Date
  init() {}

  var value: ProposalResult {
    get throws {
      var tally: [VoteChoice: Int] = [:]
      for pair in self.tally.split(separator: ",") {
        let parts = pair.split(separator: "=").map(String.init)
        guard parts.count == 2, let choice = VoteChoice(rawValue: parts[0]), let count = Int(parts[1]) else {
          throw StoreError.unreadable("proposal_results.tally", String(pair))
        }
        tally[choice] = count
      }
      return ProposalResult(
        outcome: try StoreError.known(ProposalResult.Outcome(rawValue: outcome), "proposal_results.outcome", outcome),
        tally: tally, turnout: turnout, countedAt: countedAt)
    }
  }
}

/// A closed poll waiting for its count, with what was answered.
public struct PollToCount: Sendable {
  public let proposal: Proposal
  public let votes: [Vote]
  /// An election's ballots, in no one's order.
  public let ballots: [[Int]]
  /// A time poll's sets of answers, oldest first.
  public let times: [TimeAnswers]
}

/// Proposals put to the co-op, their answers (append-only: a member's latest answer before the close is the
/// one counted) and results (one per proposal).
extension Store {
  public func proposals(permit: Permit) async throws -> [Proposal] {
    try Self.check(permit, anyOf: [.viewProposals, .propose, .vote])
    return try await Self.proposals(permit.coopID, only: nil, on: db)
  }

  /// The co-op's polls open at `now` (opened and not closed), oldest first: read through the index on the
  /// closing time, so closed polls of years past cost nothing.
  public func openProposals(permit: Permit, at now: Date) async throws -> [Proposal] {
    try Self.check(permit, anyOf: [.viewProposals, .propose, .vote])
    return try await Self.proposals(permit.coopID, only: nil, openAt: now, on: db)
  }

  /// Which of the proposals the requester has answered themselves (a vote, an election ballot's receipt, or
  /// their times), in three queries however many there are. Only the requester's own answers are asked after.
  public func answeredByRequester(_ ids: [ID<Proposal>], permit: Permit) async throws -> Set<ID<Proposal>> {
    try Self.check(permit, anyOf: [.viewProposals, .propose, .vote])
    guard !ids.isEmpty else { return [] }
    let (raw, me) = (ids.map(\.rawValue), permit.requester.account.id.rawValue)
    let votes = try await ProposalVoteRow.query(on: db).filter(\.$proposalID ~~ raw).filter(\.$voterID == me)
      .all(\.$proposalID)
    let ballots = try await BallotReceiptRow.query(on: db).filter(\.$proposalID ~~ raw).filter(\.$voterID == me)
      .all(\.$proposalID)
    let times = try await TimeAnswersRow.query(on: db).filter(\.$proposalID ~~ raw).filter(\.$voterID == me)
      .all(\.$proposalID)
    return Set((votes + ballots + times).map { CareCore.ID($0) })
  }

  public func proposal(_ id: ID<Proposal>, permit: Permit) async throws -> Proposal? {
    try Self.check(permit, anyOf: [.viewProposals, .propose, .vote])
    return try await Self.proposals(permit.coopID, only: id, on: db).first
  }

  /// Every answer given to the proposal, oldest first.
  public func votes(_ id: ID<Proposal>, permit: Permit) async throws -> [Vote] {
    try Self.check(permit, anyOf: [.viewProposals, .propose, .vote])
    guard try await Self.proposals(permit.coopID, only: id, on: db).first != nil else { throw CareError.notFound }
    return try await Self.votes(id, on: db)
  }

  /// Keeps a new proposal and, in the same transaction, the job that counts it when it closes.
  public func addProposal(
    _ new: NewProposal.Valid, opensAt: Date, closesAt: Date, countJob: (kind: String, payload: String, runAt: Date),
    lot: [Int] = [], permit: Permit, env: Effects
  ) async throws -> Proposal {
    // The co-op's and circles' proposals with a `propose` permit; a team's question with `weighIn` on that team.
    let coop: ID<Coop>
    switch permit.action {
    case .propose(let c) where new.teamPersonID == nil: coop = c
    case .weighIn(let team) where new.teamPersonID == team.personID: coop = team.coopID
    default: throw CareError.forbidden
    }
    let actor = permit.requester.account.id
    return try await write { db in
      let row = ProposalRow()
      (row.id, row.coopID, row.title, row.text) = (env.newID(), coop.rawValue, new.title, new.text)
      (row.kind, row.share, row.quorum) = (new.kind.rawValue, new.share.rawValue, new.quorum)
      (row.opensAt, row.closesAt, row.createdBy, row.createdAt) = (opensAt, closesAt, actor.rawValue, env.now())
      try await row.create(on: db)
      if new.kind == .election {
        try await Self.keepElection(
          row.id!, seats: new.seats, candidates: new.candidates, lot: lot, hat: new.hat, env: env, on: db)
      }
      if let from = new.takesEffect, !new.changes.isEmpty {
        try await Self.keepChanges(row.id!, new.changes, from: from, env: env, on: db)
      }
      if let redefinition = new.redefinition, let from = new.takesEffect {
        try await Self.keepRedefinition(row.id!, redefinition, from: from, env: env, on: db)
      }
      if new.kind == .timePoll { try await Self.keepTimes(row.id!, new.times, env: env, on: db) }
      if let circle = new.circleID { try await Self.keepCircle(row.id!, circle, env: env, on: db) }
      if let person = new.teamPersonID { try await Self.keepTeam(row.id!, person, env: env, on: db) }
      try await Self.enqueue(
        countJob.kind, payload: countJob.payload, runAt: countJob.runAt, env: env, on: db)
      try await Self.append(
        .propose, coop: coop, actor: actor, onBehalfOf: nil, person: nil,
        detail:
          "“\(new.title)” (\(new.kind.rawValue)), closes \(CoopCalendar.london.day(of: closesAt.addingTimeInterval(-1)).iso)"
          + (new.changes.isEmpty
            ? "" : "; would change \(new.changes.map(\.setting.rawValue).joined(separator: ", "))")
          + (new.redefinition.map { "; would redefine hat \($0.hatID)" } ?? ""),
        env: env, on: db)
      return try await Self.proposals(coop, only: ID(row.id!), on: db)[0]
    }
  }

  /// Keeps a member's answer while the poll is open (before its close, checked inside the transaction): their
  /// own (a `vote` permit), or one a hat holder enters for `member` from a postal ballot or as their proxy (an
  /// `enterVotes` permit; the use case has checked they are a member).
  public func castVote(
    _ id: ID<Proposal>, _ choice: VoteChoice, reason: String, for member: ID<Account>? = nil, way: VoteWay = .online,
    permit: Permit, env: Effects
  ) async throws -> Vote {
    let (coop, voter, enteredBy): (ID<Coop>, ID<Account>, ID<Account>?)
    switch permit.action {
    case .vote(let c) where member == nil && way == .online:
      (coop, voter, enteredBy) = (c, permit.requester.account.id, nil)
    case .enterVotes(let c) where member != nil && way != .online:
      (coop, voter, enteredBy) = (c, member!, permit.requester.account.id)
    case .weighIn(let team) where member == nil && way == .online:
      (coop, voter, enteredBy) = (team.coopID, permit.requester.account.id, nil)
    default: throw CareError.forbidden
    }
    return try await write { db in
      guard let proposal = try await Self.proposals(coop, only: id, on: db).first else { throw CareError.notFound }
      try Self.checkScope(proposal, permit)
      let now = env.now()
      switch proposal.status(at: now) {
      case .upcoming: throw CareError.conflict(FieldError("choice", "The poll is not open yet"))
      case .closed: throw CareError.conflict(FieldError("choice", "The poll has closed: answers can no longer change"))
      case .open: break
      }
      guard !proposal.kind.isSecret else {
        throw CareError.conflict(FieldError("choice", "This is a secret ballot: rank the candidates on its ballot"))
      }
      guard proposal.kind != .timePoll else {
        throw CareError.conflict(FieldError("choice", "This is a time poll: answer for each time offered"))
      }
      guard proposal.kind.choices.contains(choice) else {
        throw CareError.invalid("choice", "Choose one of the answers this poll asks for")
      }
      let row = ProposalVoteRow()
      (row.id, row.proposalID, row.voterID, row.choice, row.reason, row.at) = (
        env.newID(), id.rawValue, voter.rawValue, choice.rawValue, reason, now
      )
      (row.how, row.enteredBy) = (way.rawValue, enteredBy?.rawValue)
      try await row.create(on: db)
      try await Self.append(
        .vote, coop: coop, actor: enteredBy ?? voter, onBehalfOf: nil, person: nil,
        detail: "“\(proposal.title)”: \(choice.rawValue)" + (enteredBy == nil ? "" : ", \(way.label) for \(voter)"),
        env: env, on: db)
      return try row.value
    }
  }

  /// Proposals of every co-op whose poll closed before `before` and has no result yet, with their answers
  /// (an election: its ballots' rankings, in no one's order; a time poll: its sets of answers): the counting
  /// job's list.
  public func pollsToCount(closedBefore before: Date) async throws -> [PollToCount] {
    let rows = try await ProposalRow.query(on: db).filter(\.$closesAt <= before).all()
    let counted = Set(
      try await ProposalResultRow.query(on: db).filter(\.$proposalID ~~ rows.compactMap(\.id)).all().map(
        \.proposalID))
    var out: [PollToCount] = []
    for row in rows where !counted.contains(row.id!) {
      let proposal = try await Self.proposals(CareCore.ID(row.coopID), only: ID(row.id!), on: db)[0]
      out.append(
        PollToCount(
          proposal: proposal, votes: try await Self.votes(proposal.id, on: db),
          ballots: proposal.kind.isSecret ? try await Self.ballots(proposal.id, on: db) : [],
          times: proposal.kind == .timePoll ? try await Self.timeAnswers(proposal.id, on: db) : []))
    }
    return out
  }

  /// Keeps a closed poll's result and the messages announcing it (and their mail), in one transaction; false
  /// when it was counted already (by this job before, or another at the same moment).
  /// An election for a hat: `handover` gives it to the one elected, in the same transaction.
  public func keepResult(
    _ id: ID<Proposal>, _ result: ProposalResult, messages: [NewMessage], coop: ID<Coop>, mailJob: MailJob,
    handover: (hat: ID<Hat>, to: Handover.Valid)? = nil, env: Effects
  ) async throws -> Bool {
    do {
      return try await writeChecked { db in
        guard try await ProposalResultRow.query(on: db).filter(\.$proposalID == id.rawValue).first() == nil else {
          return false
        }
        let row = ProposalResultRow()
        (row.id, row.proposalID, row.outcome) = (env.newID(), id.rawValue, result.outcome.rawValue)
        row.tally = VoteChoice.allCases.compactMap { c in result.tally[c].map { "\(c.rawValue)=\($0)" } }
          .joined(separator: ",")
        (row.turnout, row.countedAt) = (result.turnout, result.countedAt)
        try await row.create(on: db)
        if let chosen = result.chosenTime { try await Self.keepChosenTime(id, chosen, env: env, on: db) }
        if result.outcome == .elected {
          let elected = ElectionResultRow()
          (elected.id, elected.proposalID) = (env.newID(), id.rawValue)
          elected.elected = result.elected.map(String.init).joined(separator: ",")
          try await elected.create(on: db)
        }
        var applied = ""
        if result.outcome == .passed, let proposal = try await Self.proposals(coop, only: id, on: db).first,
          let stated = proposal.takesEffect, proposal.acts
        {
          let from = max(stated, CoopCalendar.london.day(of: env.now()))
          if let redefinition = proposal.redefinesHat {
            try await Self.applyRedefinition(proposal, redefinition, from: from, env: env, on: db)
            applied = "; hat \(redefinition.hatID) redefined from \(from.iso)"
          }
          if proposal.changes.isEmpty {
            // A hat's definition alone.
          } else if let circle = proposal.circleID {
            try await Self.applyCircleChanges(proposal, circle: circle, from: from, env: env, on: db)
            applied += "; the circle's settings changed from \(from.iso)"
          } else {
            try await Self.applyChanges(proposal, from: from, env: env, on: db)
            applied += "; settings changed from \(from.iso)"
          }
        }
        if let handover {
          _ = try await Self.handOver(
            handover.hat, handover.to, replacing: nil, coop: coop, by: nil, env: env, on: db)
        }
        try await Self.keepAndMail(messages, coop: coop, mailJob: mailJob, env: env, on: db)
        try await Self.append(
          .closePoll, coop: coop, actor: nil, onBehalfOf: nil, person: nil,
          detail: "\(result.outcome.rawValue), \(result.turnout) took part"
            + (result.elected.isEmpty
              ? "" : "; elected (candidate numbers) \(result.elected.map(String.init).joined(separator: ", "))")
            + applied,
          env: env, on: db)
        return true
      }
    } catch CareError.conflict {
      return false
    }
  }

  /// A team's question is answered with `weighIn` on that team only; everything else with the co-op's permits.
  static func checkScope(_ proposal: Proposal, _ permit: Permit) throws {
    if case .weighIn(let team) = permit.action {
      guard proposal.teamPersonID == team.personID else { throw CareError.forbidden }
    } else if proposal.teamPersonID != nil {
      throw CareError.conflict(FieldError("choice", "A team's question is answered by the team's members themselves"))
    }
  }

  /// The accounts of the co-op's members on `day` (joined, not left): who may vote, counted for a quorum and
  /// told of a result.
  public func votingMembers(coop: ID<Coop>, on day: Day) async throws -> [ID<Account>] {
    try await MemberRow.query(on: db).filter(\.$coopID == coop.rawValue).all().filter { row in
      row.joinedOn <= day.iso && (row.leftOn.map { day.iso < $0 } ?? true)
    }.map { CareCore.ID($0.accountID) }
  }

  static func votes(_ id: ID<Proposal>, on db: any Database) async throws -> [Vote] {
    try await ProposalVoteRow.query(on: db).filter(\.$proposalID == id.rawValue).sort(\.$at).sort(\.$id).all()
      .map { try $0.value }
  }

  static func proposals(_ coop: ID<Coop>, only: ID<Proposal>?, openAt: Date? = nil, on db: any Database) async throws
    -> [Proposal]
  {
    var query = ProposalRow.query(on: db).filter(\.$coopID == coop.rawValue)
    if let only { query = query.filter(\.$id == only.rawValue) }
    if let openAt { query = query.filter(\.$closesAt > openAt).filter(\.$opensAt <= openAt) }
    let rows = try await query.sort(\.$createdAt).sort(\.$id).all()
    guard !rows.isEmpty else { return [] }
    let ids = rows.compactMap(\.id)
    let results = Dictionary(
      uniqueKeysWithValues: try await ProposalResultRow.query(on: db).filter(\.$proposalID ~~ ids)
        .all().map { ($0.proposalID, $0) })
    let elections = try await Self.elections(
      rows.filter { $0.kind == ProposalKind.election.rawValue }.compactMap(\.id), on: db)
    let changes = try await Self.changes(ids, on: db)
    let times = try await Self.times(
      rows.filter { $0.kind == ProposalKind.timePoll.rawValue }.compactMap(\.id), on: db)
    let circles = try await Self.circles(of: ids, on: db)
    let teams = try await Self.teams(of: ids, on: db)
    let redefinitions = try await Self.redefinitions(of: ids, on: db)
    return try rows.map { row in
      var result = try results[row.id!].map { try $0.value }
      if let kept = result, let elected = elections[row.id!]?.elected {
        result = ProposalResult(
          outcome: kept.outcome, tally: kept.tally, turnout: kept.turnout, countedAt: kept.countedAt, elected: elected)
      }
      if let kept = result, let chosen = times[row.id!]?.chosen {
        result = ProposalResult(
          outcome: kept.outcome, tally: kept.tally, turnout: kept.turnout, countedAt: kept.countedAt,
          chosenTime: chosen)
      }
      var proposal = Proposal(
        id: CareCore.ID(row.id!), coopID: coop, title: row.title, text: row.text,
        kind: try StoreError.known(ProposalKind(rawValue: row.kind), "proposals.kind", row.kind),
        share: try StoreError.known(MajorityShare(rawValue: row.share), "proposals.share", row.share),
        quorum: row.quorum, opensAt: row.opensAt, closesAt: row.closesAt, createdBy: CareCore.ID(row.createdBy),
        createdAt: row.createdAt, result: result, election: elections[row.id!]?.election)
      if let change = changes[row.id!] { (proposal.changes, proposal.takesEffect) = (change.changes, change.from) }
      proposal.times = times[row.id!]?.times ?? []
      proposal.circleID = circles[row.id!]
      proposal.teamPersonID = teams[row.id!]
      if let kept = redefinitions[row.id!] { (proposal.redefinesHat, proposal.takesEffect) = kept }
      return proposal
    }
  }
}
