import CareCore
import FluentKit
import Foundation

final class PlanChangeRow: Model, @unchecked Sendable {
  static let schema = "plan_changes"
  @IDProperty<PlanChangeRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "person_id") var personID: UUID
  @Field(key: "section") var section: String
  @Field(key: "based_on") var basedOn: Int
  @Field(key: "text") var text: String
  @Field(key: "note") var note: String
  @Field(key: "proposed_by") var proposedBy: UUID
  @OptionalField(key: "on_behalf_of") var onBehalfOf: UUID?
  @Field(key: "proposed_at") var proposedAt: Date
  init() {}
}

final class PlanAnswerRow: Model, @unchecked Sendable {
  static let schema = "plan_answers"
  @IDProperty<PlanAnswerRow, UUID>(key: .id) var id: UUID?
  @Field(key: "change_id") var changeID: UUID
  @Field(key: "person_id") var personID: UUID
  @Field(key: "section") var section: String
  @Field(key: "status") var status: String
  @OptionalField(key: "agreed_text") var agreedText: String?
  @OptionalField(key: "version") var version: Int?
  @Field(key: "answered_by") var answeredBy: UUID
  @OptionalField(key: "on_behalf_of") var onBehalfOf: UUID?
  @Field(key: "answered_at") var answeredAt: Date
  init() {}
}

/// How the person answers a proposed change to their plan.
public enum PlanAnswer: Sendable, Hashable {
  case accept
  /// Agreed, in the person's own words.
  case change(String)
  case decline
}

/// Support plans: every proposed change and every answer, append-only; the plan as it stands is read from
/// them. A change starts from the section's version its writer saw: if the section has moved on since, it is
/// refused (the newer words are shown), never written over.
extension Store {
  /// The person's plan: each section as agreed, the changes waiting, the whole history.
  public func supportPlan(permit: Permit) async throws -> SupportPlan {
    try Self.check(permit, anyOf: [.viewPlan, .proposePlanChange, .answerPlanChange])
    guard let person = permit.personID else { throw CareError.forbidden }
    return try await Self.plan(person, on: db)
  }

  /// Writes "looked at the support plan" in the person's who-looked log.
  public func logPlanLook(permit: Permit, detail: String, env: Effects) async throws {
    try Self.check(permit, .viewPlan)
    guard let person = permit.personID else { throw CareError.forbidden }
    try await viewLog.append(
      AuditEvent(
        id: ID(env.newID()), coopID: permit.coopID, at: env.now(), actorID: permit.requester.account.id,
        onBehalfOf: nil, personID: person, action: .viewPlan, detail: detail))
  }

  /// Keeps a proposed change to a section. Refused when the section has changed since the proposer opened
  /// it. The person's or their arranger's own change is agreed at once (a new version).
  public func proposePlanChange(_ proposal: PlanProposal, permit: Permit, env: Effects) async throws -> PlanChange {
    guard case .proposePlanChange(let team) = permit.action else { throw CareError.forbidden }
    let actor = permit.requester.account.id
    let agreesAtOnce = AccessPolicy.decide(permit.requester, .answerPlanChange(team)).isAllowed
    let person = team.personID
    return try await writeChecked(conflict: Self.sameMoment) { db in
      let current = try await Self.plan(person, on: db).section(proposal.section)
      guard proposal.basedOn == current.version else { throw Self.stale }
      let row = PlanChangeRow()
      row.id = env.newID()
      (row.coopID, row.personID, row.section) = (permit.coopID.rawValue, person.rawValue, proposal.section.rawValue)
      (row.basedOn, row.text, row.note) = (proposal.basedOn, proposal.text, proposal.note)
      (row.proposedBy, row.onBehalfOf, row.proposedAt) = (actor.rawValue, permit.onBehalfOf?.rawValue, env.now())
      try await row.create(on: db)
      try await Self.append(
        .proposePlanChange, coop: permit.coopID, actor: actor, onBehalfOf: permit.onBehalfOf, person: person,
        detail: proposal.section.title, env: env, on: db)
      // The team's say: the person's (or arranger's) own change is their yes; whether that is enough is the
      // say's to decide.
      _ = try await Self.openTeamDecision(
        .plan, subject: row.id!, summary: proposal.section.title, person: person, coop: permit.coopID,
        proposer: actor, proposerAgrees: agreesAtOnce, onBehalfOf: permit.onBehalfOf, env: env, on: db)
      return try await Self.plan(person, on: db).history.first { $0.id.rawValue == row.id }!
    }
  }

  /// The person (or their arranger) agrees to a change, agrees in their own words, or says no. Only a change
  /// still waiting can be answered, and only agreed while the section is as its writer saw it.
  public func answerPlanChange(_ id: ID<PlanChange>, _ answer: PlanAnswer, permit: Permit, env: Effects)
    async throws -> PlanChange
  {
    guard case .answerPlanChange(let team) = permit.action else { throw CareError.forbidden }
    let person = team.personID
    return try await writeChecked(conflict: Self.sameMoment) { db in
      guard let row = try await PlanChangeRow.find(id.rawValue, on: db), row.personID == person.rawValue,
        let section = PlanSection(rawValue: row.section)
      else { throw CareError.notFound }
      let plan = try await Self.plan(person, on: db)
      guard plan.history.first(where: { $0.id == id })?.status == .waiting else {
        throw CareError.conflict(FieldError("answer", "This change has been answered already"))
      }
      let current = plan.section(section)
      if answer != .decline && row.basedOn != current.version {
        throw CareError.conflict(
          FieldError(
            "answer",
            "This section was changed after this was proposed: say no to it, and propose the change again if it "
              + "is still wanted"))
      }
      let decision = try await Self.decisionRow(
        .plan, subject: row.id!, summary: section.title, person: person, coop: permit.coopID,
        proposedBy: row.proposedBy, proposedAt: row.proposedAt, env: env, on: db)
      let actor = permit.requester.account.id
      switch answer {
      case .accept, .decline:
        _ = try await Self.answerTeamDecision(
          decision, by: actor, onBehalfOf: permit.onBehalfOf, answer == .accept ? .yes : .no, reason: "", env: env,
          on: db)
      case .change(let words):
        // Agreeing in one's own words: when the say lets this answer decide alone, the words are the plan's at
        // once; otherwise this change is declined and the words become a new change, with this yes, for the
        // rest of the say to weigh.
        let say = TeamSay(rawValue: decision.say) ?? .standard
        let parties = try await Self.parties(person, on: db)
        guard TeamDecision.choices(for: actor, in: parties, say: say).contains(.yes) else {
          throw CareError.invalid("answer", "The person decides this alone: only their own answer counts")
        }
        let alone =
          say == .personOrArranger || (say == .person && actor == parties.person)
          || (say == .personAndArranger && parties.arrangers.isEmpty)
        if alone {
          try await Self.keepAnswer(decision, actor, .yes, reason: "In their own words", env: env, on: db)
          try await Self.answer(
            row, answer, version: current.version + 1, coop: permit.coopID, actor: actor,
            onBehalfOf: permit.onBehalfOf, env: env, on: db)
          let outcome = TeamOutcomeRow()
          outcome.id = env.newID()
          (outcome.decisionID, outcome.agreed, outcome.why, outcome.by, outcome.at) = (
            decision.id!, true, "Agreed in the person's own words", actor.rawValue, env.now()
          )
          try await outcome.create(on: db)
        } else {
          _ = try await Self.answerTeamDecision(
            decision, by: actor, onBehalfOf: permit.onBehalfOf, .no, reason: "Changed into new words", env: env,
            on: db)
          let next = PlanChangeRow()
          next.id = env.newID()
          (next.coopID, next.personID, next.section) = (permit.coopID.rawValue, person.rawValue, section.rawValue)
          (next.basedOn, next.text, next.note) = (current.version, words, "In place of an earlier change: " + row.note)
          (next.proposedBy, next.onBehalfOf, next.proposedAt) = (
            actor.rawValue, permit.onBehalfOf?.rawValue, env.now()
          )
          next.note = String(next.note.prefix(200))
          try await next.create(on: db)
          try await Self.append(
            .proposePlanChange, coop: permit.coopID, actor: actor, onBehalfOf: permit.onBehalfOf, person: person,
            detail: section.title, env: env, on: db)
          _ = try await Self.openTeamDecision(
            .plan, subject: next.id!, summary: section.title, person: person, coop: permit.coopID, proposer: actor,
            proposerAgrees: true, onBehalfOf: permit.onBehalfOf, env: env, on: db)
        }
      }
      return try await Self.plan(person, on: db).history.first { $0.id == id }!
    }
  }

  // MARK: - Reading and writing

  static let stale = CareError.conflict(
    FieldError(
      "text",
      "Someone changed this section since you opened it. Its words now are shown: read them, then propose your change again"
    ))
  static let sameMoment = FieldError("text", "The plan was changed somewhere else at the same moment: look again")

  static func answer(
    _ change: PlanChangeRow, _ answer: PlanAnswer, version: Int, coop: ID<Coop>, actor: ID<Account>,
    onBehalfOf: ID<Person>?, env: Effects, on db: any Database
  ) async throws {
    let row = PlanAnswerRow()
    row.id = env.newID()
    (row.changeID, row.personID, row.section) = (change.id!, change.personID, change.section)
    switch answer {
    case .accept: (row.status, row.version) = (PlanChange.Status.accepted.rawValue, version)
    case .change(let words):
      (row.status, row.agreedText, row.version) = (PlanChange.Status.changed.rawValue, words, version)
    case .decline: row.status = PlanChange.Status.declined.rawValue
    }
    (row.answeredBy, row.onBehalfOf, row.answeredAt) = (actor.rawValue, onBehalfOf?.rawValue, env.now())
    try await row.create(on: db)
    if let version = row.version {
      try await Dialect(db).index(
        person: change.personID, document: nil, section: change.section, version: version,
        body: row.agreedText ?? change.text)
    }
    let title = PlanSection(rawValue: change.section)?.title ?? change.section
    try await Self.append(
      answer == .decline ? .declinePlanChange : .agreePlanChange, coop: coop, actor: actor,
      onBehalfOf: onBehalfOf, person: ID(change.personID),
      detail: answer == .decline ? title : "\(title), version \(version)", env: env, on: db)
  }

  static func plan(_ person: ID<Person>, on db: any Database) async throws -> SupportPlan {
    let changes = try await PlanChangeRow.query(on: db).filter(\.$personID == person.rawValue).all()
    let answers = try await PlanAnswerRow.query(on: db).filter(\.$personID == person.rawValue).all()
    let byChange = Dictionary(answers.map { ($0.changeID, $0) }, uniquingKeysWith: { first, _ in first })
    var values: [PlanChange] = []
    for row in changes {
      let answer = row.id.flatMap { byChange[$0] }
      values.append(
        PlanChange(
          id: ID(row.id!), personID: person,
          section: try StoreError.known(PlanSection(rawValue: row.section), "plan_changes.section", row.section),
          basedOn: row.basedOn, text: row.text, note: row.note, proposedBy: ID(row.proposedBy),
          proposedAt: row.proposedAt,
          status: try answer.map {
            try StoreError.known(PlanChange.Status(rawValue: $0.status), "plan_answers.status", $0.status)
          } ?? .waiting,
          answeredBy: answer.map { ID($0.answeredBy) }, answeredAt: answer?.answeredAt, agreedText: answer?.agreedText,
          version: answer?.version))
    }
    return SupportPlan(personID: person, changes: values)
  }
}
