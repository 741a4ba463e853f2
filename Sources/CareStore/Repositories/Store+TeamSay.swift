import CareCore
import FluentKit
import Foundation

final class TeamSayRow: Model, @unchecked Sendable {
  static let schema = "team_says"
  @IDProperty<TeamSayRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "person_id") var personID: UUID
  @Field(key: "version") var version: Int
  @Field(key: "say") var say: String
  @Field(key: "set_by") var setBy: UUID
  @Field(key: "set_at") var setAt: Date
  init() {}

  var value: TeamSaySetting {
    TeamSaySetting(say: TeamSay(rawValue: say) ?? .standard, setBy: CareCore.ID(setBy), setAt: setAt)
  }
}

final class TeamDecisionRow: Model, @unchecked Sendable {
  static let schema = "team_decisions"
  @IDProperty<TeamDecisionRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "person_id") var personID: UUID
  @Field(key: "matter") var matter: String
  @Field(key: "subject_id") var subjectID: UUID
  @Field(key: "summary") var summary: String
  @Field(key: "say") var say: String
  @Field(key: "proposed_by") var proposedBy: UUID
  @Field(key: "proposed_at") var proposedAt: Date
  @Field(key: "closes_at") var closesAt: Date
  init() {}
}

final class TeamAnswerRow: Model, @unchecked Sendable {
  static let schema = "team_answers"
  @IDProperty<TeamAnswerRow, UUID>(key: .id) var id: UUID?
  @Field(key: "decision_id") var decisionID: UUID
  @Field(key: "account_id") var accountID: UUID
  @Field(key: "choice") var choice: String
  @Field(key: "reason") var reason: String
  @Field(key: "at") var at: Date
  init() {}
}

final class TeamOutcomeRow: Model, @unchecked Sendable {
  static let schema = "team_outcomes"
  @IDProperty<TeamOutcomeRow, UUID>(key: .id) var id: UUID?
  @Field(key: "decision_id") var decisionID: UUID
  @Field(key: "agreed") var agreed: Bool
  @Field(key: "why") var why: String
  @OptionalField(key: "by") var by: UUID?
  @Field(key: "at") var at: Date
  init() {}
}

/// The team's final say as the person sets it: the setting's versions, and a decision for each proposed
/// pattern version and plan change, weighed on each answer and when a consent window closes. The subject
/// (the pattern's status, the plan's answer) is written in the same transaction as the outcome.
extension Store {
  // MARK: The setting

  /// The say in force for the person (the standard until it is set), for anyone who may see their team.
  public func teamSay(permit: Permit) async throws -> TeamSaySetting {
    try Self.check(
      permit, anyOf: [.viewTeam, .setTeamSay, .weighIn, .viewPlan, .proposePattern, .proposePlanChange])
    guard let person = permit.personID else { throw CareError.forbidden }
    return try await Self.teamSay(person, on: db)
  }

  /// Every version of the setting, newest first.
  public func teamSayHistory(permit: Permit) async throws -> [TeamSaySetting] {
    try Self.check(permit, anyOf: [.viewTeam, .setTeamSay, .weighIn])
    guard let person = permit.personID else { throw CareError.forbidden }
    return try await TeamSayRow.query(on: db).filter(\.$personID == person.rawValue).sort(\.$version, .descending)
      .all().map(\.value)
  }

  static func teamSay(_ person: ID<Person>, on db: any Database) async throws -> TeamSaySetting {
    try await TeamSayRow.query(on: db).filter(\.$personID == person.rawValue).sort(\.$version, .descending).first()?
      .value ?? .standard
  }

  /// Keeps a new version. When the person chose to decide alone, only they can change it.
  public func setTeamSay(_ say: TeamSay, permit: Permit, env: Effects) async throws -> TeamSaySetting {
    guard case .setTeamSay(let team) = permit.action else { throw CareError.forbidden }
    let actor = permit.requester.account.id
    return try await writeChecked(
      conflict: FieldError("say", "This was changed somewhere else at the same moment: look again")
    ) {
      db in
      let current = try await Self.teamSay(team.personID, on: db)
      let last = try await TeamSayRow.query(on: db).filter(\.$personID == team.personID.rawValue).max(\.$version)
      if current.say == .person && actor != team.personAccountID {
        throw CareError.conflict(
          FieldError("say", "The person chose to decide alone: only they can change how their team decides"))
      }
      let row = TeamSayRow()
      row.id = env.newID()
      (row.coopID, row.personID, row.say) = (permit.coopID.rawValue, team.personID.rawValue, say.rawValue)
      row.version = (last ?? 0) + 1
      (row.setBy, row.setAt) = (actor.rawValue, env.now())
      try await row.create(on: db)
      try await Self.append(
        .setTeamSay, coop: permit.coopID, actor: actor, onBehalfOf: permit.onBehalfOf, person: team.personID,
        detail: say.rawValue, env: env, on: db)
      return row.value
    }
  }

  // MARK: Decisions

  /// The person's decisions, newest first (every one still waiting, and the last `limit` made).
  public func teamDecisions(permit: Permit, limit: Int = 20) async throws -> [TeamDecision] {
    try Self.check(permit, anyOf: [.viewTeam, .weighIn, .setTeamSay, .viewPlan, .proposePattern, .answerPattern])
    guard let person = permit.personID else { throw CareError.forbidden }
    let rows = try await TeamDecisionRow.query(on: db).filter(\.$personID == person.rawValue)
      .sort(\.$proposedAt, .descending).all()
    let all = try await Self.decisions(rows, on: db)
    let waiting = all.filter { $0.outcome == nil }
    return waiting + all.filter { $0.outcome != nil }.prefix(limit)
  }

  /// One of the person's decisions (nil: none such for this person).
  public func teamDecision(_ id: ID<TeamDecision>, permit: Permit) async throws -> TeamDecision? {
    try Self.check(permit, anyOf: [.viewTeam, .weighIn])
    guard let person = permit.personID, let row = try await TeamDecisionRow.find(id.rawValue, on: db),
      row.personID == person.rawValue
    else { return nil }
    return try await Self.decisions([row], on: db).first
  }

  /// The decision on a pattern version or plan change of the person's (nil: none kept).
  public func teamDecision(about subject: UUID, _ matter: TeamMatter, permit: Permit) async throws -> TeamDecision? {
    try Self.check(permit, anyOf: [.viewTeam, .weighIn, .answerPattern, .answerPlanChange, .viewPlan])
    guard let person = permit.personID,
      let row = try await TeamDecisionRow.query(on: db).filter(\.$matter == matter.rawValue)
        .filter(\.$subjectID == subject).first(),
      row.personID == person.rawValue
    else { return nil }
    return try await Self.decisions([row], on: db).first
  }

  static func decisions(_ rows: [TeamDecisionRow], on db: any Database) async throws -> [TeamDecision] {
    let ids = rows.compactMap(\.id)
    guard !ids.isEmpty else { return [] }
    let answers = try await TeamAnswerRow.query(on: db).filter(\.$decisionID ~~ ids).sort(\.$at).all()
    let outcomes = try await TeamOutcomeRow.query(on: db).filter(\.$decisionID ~~ ids).all()
    let byDecision = Dictionary(grouping: answers, by: \.decisionID)
    let outcomeOf = Dictionary(outcomes.map { ($0.decisionID, $0) }, uniquingKeysWith: { first, _ in first })
    return rows.map { row in
      TeamDecision(
        id: ID(row.id!), personID: ID(row.personID), matter: TeamMatter(rawValue: row.matter) ?? .pattern,
        subjectID: row.subjectID, summary: row.summary, say: TeamSay(rawValue: row.say) ?? .standard,
        proposedBy: ID(row.proposedBy), proposedAt: row.proposedAt, closesAt: row.closesAt,
        answers: (byDecision[row.id!] ?? []).map {
          TeamAnswer(
            accountID: ID($0.accountID), choice: TeamChoice(rawValue: $0.choice) ?? .consent, reason: $0.reason,
            at: $0.at)
        },
        outcome: outcomeOf[row.id!].map { TeamDecision.Outcome(agreed: $0.agreed, at: $0.at, why: $0.why) })
    }
  }
}
