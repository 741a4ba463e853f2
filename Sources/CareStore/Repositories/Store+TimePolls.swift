import CareCore
import FluentKit
import Foundation

final class ProposalTimeRow: Model, @unchecked Sendable {
  static let schema = "proposal_times"
  @IDProperty<ProposalTimeRow, UUID>(key: .id) var id: UUID?
  @Field(key: "proposal_id") var proposalID: UUID
  @Field(key: "number") var number: Int
  @Field(key: "day") var day: String
  @Field(key: "start") var start: Int
  @Field(key: "minutes") var minutes: Int
  init() {}
}

final class TimeAnswersRow: Model, @unchecked Sendable {
  static let schema = "time_answers"
  @IDProperty<TimeAnswersRow, UUID>(key: .id) var id: UUID?
  @Field(key: "proposal_id") var proposalID: UUID
  @Field(key: "voter_id") var voterID: UUID
  /// One answer a time, in the times' order: `yes,no,if-need-be`.
  @Field(key: "answers") var answers: String
  @Field(key: "how") var how: String
  @OptionalField(key: "entered_by") var enteredBy: UUID?
  @Field(key: "at") var at: Date
  init() {}

  var value: TimeAnswers {
    get throws {
      TimeAnswers(
        voterID: CareCore.ID(voterID),
        answers: try answers.split(separator: ",").map {
          try StoreError.known(TimeAnswer(rawValue: String($0)), "time_answers.answers", answers)
        },
        way: try StoreError.known(VoteWay(rawValue: how), "time_answers.how", how),
        enteredBy: enteredBy.map(CareCore.ID.init), at: at)
    }
  }
}

final class TimePollResultRow: Model, @unchecked Sendable {
  static let schema = "time_poll_results"
  @IDProperty<TimePollResultRow, UUID>(key: .id) var id: UUID?
  @Field(key: "proposal_id") var proposalID: UUID
  @Field(key: "chosen") var chosen: Int
  init() {}
}

/// Time polls: the times a poll offers, members' answers to each (a new set replaces the last until the
/// close; all are kept), and the time chosen.
extension Store {
  /// Every set of answers given to a time poll, oldest first.
  public func timeAnswers(_ id: ID<Proposal>, permit: Permit) async throws -> [TimeAnswers] {
    try Self.check(permit, anyOf: [.viewProposals, .propose, .vote])
    guard try await Self.proposals(permit.coopID, only: id, on: db).first != nil else { throw CareError.notFound }
    return try await Self.timeAnswers(id, on: db)
  }

  /// Keeps a member's answers to a time poll while it is open: their own (a `vote` permit), or a set a hat
  /// holder enters for `member` from a postal ballot or as their proxy (`enterVotes`).
  public func answerTimes(
    _ id: ID<Proposal>, _ answers: [TimeAnswer], for member: ID<Account>? = nil, way: VoteWay = .online,
    permit: Permit, env: Effects
  ) async throws -> TimeAnswers {
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
      try proposal.takesTimeAnswers(answers.count, at: env.now())
      let row = TimeAnswersRow()
      (row.id, row.proposalID, row.voterID, row.at) = (env.newID(), id.rawValue, voter.rawValue, env.now())
      row.answers = answers.map(\.rawValue).joined(separator: ",")
      (row.how, row.enteredBy) = (way.rawValue, enteredBy?.rawValue)
      try await row.create(on: db)
      try await Self.append(
        .vote, coop: coop, actor: enteredBy ?? voter, onBehalfOf: nil, person: nil,
        detail: "“\(proposal.title)”: \(row.answers)" + (enteredBy == nil ? "" : ", \(way.label) for \(voter)"),
        env: env, on: db)
      return try row.value
    }
  }

  static func keepTimes(_ proposal: UUID, _ times: [MeetingTime], env: Effects, on db: any Database) async throws {
    for time in times {
      let row = ProposalTimeRow()
      (row.id, row.proposalID, row.number) = (env.newID(), proposal, time.number)
      (row.day, row.start, row.minutes) = (time.day.iso, time.start, time.minutes)
      try await row.create(on: db)
    }
  }

  /// Each time poll's times, in order, and (once counted) the number of the time chosen.
  static func times(_ ids: [UUID], on db: any Database) async throws -> [UUID: (times: [MeetingTime], chosen: Int?)] {
    guard !ids.isEmpty else { return [:] }
    let chosen = Dictionary(
      try await TimePollResultRow.query(on: db).filter(\.$proposalID ~~ ids).all().map { ($0.proposalID, $0.chosen) },
      uniquingKeysWith: { a, _ in a })
    var out: [UUID: (times: [MeetingTime], chosen: Int?)] = [:]
    for row in try await ProposalTimeRow.query(on: db).filter(\.$proposalID ~~ ids).sort(\.$number).all() {
      let day = try StoreError.known(Day(iso: row.day), "proposal_times.day", row.day)
      out[row.proposalID, default: ([], chosen[row.proposalID])].times.append(
        MeetingTime(number: row.number, day: day, start: row.start, minutes: row.minutes))
    }
    return out
  }

  static func keepChosenTime(_ proposal: ID<Proposal>, _ chosen: Int, env: Effects, on db: any Database) async throws {
    let row = TimePollResultRow()
    (row.id, row.proposalID, row.chosen) = (env.newID(), proposal.rawValue, chosen)
    try await row.create(on: db)
  }

  static func timeAnswers(_ id: ID<Proposal>, on db: any Database) async throws -> [TimeAnswers] {
    try await TimeAnswersRow.query(on: db).filter(\.$proposalID == id.rawValue).sort(\.$at).sort(\.$id).all()
      .map { try $0.value }
  }
}
