import CareCore
import FluentKit
import Foundation

/// Team decisions: opened with each proposed pattern version or plan change, weighed on each answer (and when
/// a consent window closes), settled once with the subject acted on in the same transaction.
extension Store {
  /// The parties as the team stands now.
  static func parties(_ person: ID<Person>, on db: any Database) async throws -> TeamDecision.Parties {
    guard let row = try await PersonRow.find(person.rawValue, on: db) else { throw CareError.notFound }
    let members = try await TeamMembershipRow.query(on: db).filter(\.$personID == person.rawValue)
      .filter(\.$status == TeamMembershipStatus.active.rawValue).all()
    return TeamDecision.Parties(
      person: ID(row.accountID), arrangers: Set(members.filter(\.isArranger).map { ID($0.accountID) }),
      others: Set(members.filter { !$0.isArranger }.map { ID($0.accountID) }))
  }

  /// Opens the decision on a subject just proposed, by the say in force; the proposer's own answer counts
  /// when the say gives them one (the person's or arranger's yes when `proposerAgrees`, a team member's
  /// consent). Returns where it stands (settled at once when the proposer's yes is enough).
  static func openTeamDecision(
    _ matter: TeamMatter, subject: UUID, summary: String, person: ID<Person>, coop: ID<Coop>,
    proposer: ID<Account>, proposerAgrees: Bool, onBehalfOf: ID<Person>? = nil, env: Effects, on db: any Database
  ) async throws -> (TeamDecisionRow, TeamDecision.State) {
    let say = try await teamSay(person, on: db).say
    let row = TeamDecisionRow()
    row.id = env.newID()
    (row.coopID, row.personID, row.matter, row.subjectID) = (coop.rawValue, person.rawValue, matter.rawValue, subject)
    (row.summary, row.say, row.proposedBy, row.proposedAt) = (summary, say.rawValue, proposer.rawValue, env.now())
    row.closesAt = TeamDecision.closes(after: row.proposedAt, say: say)
    try await row.create(on: db)
    let parties = try await parties(person, on: db)
    let choices = TeamDecision.choices(for: proposer, in: parties, say: say)
    let own: TeamChoice? =
      proposerAgrees && choices.contains(.yes) ? .yes : choices.contains(.consent) && say.asksTeam ? .consent : nil
    if let own {
      try await keepAnswer(row, proposer, own, reason: "", env: env, on: db)
    }
    return (
      row, try await weighAndSettle(row, parties: parties, by: proposer, onBehalfOf: onBehalfOf, env: env, on: db)
    )
  }

  /// The decision on a subject; one made before decisions were kept (or by an override) is opened now with the
  /// say in force.
  static func decisionRow(
    _ matter: TeamMatter, subject: UUID, summary: String, person: ID<Person>, coop: ID<Coop>, proposedBy: UUID,
    proposedAt: Date, env: Effects, on db: any Database
  ) async throws -> TeamDecisionRow {
    if let row = try await TeamDecisionRow.query(on: db).filter(\.$matter == matter.rawValue)
      .filter(\.$subjectID == subject).first()
    {
      try await Dialect(db).lockRow(table: TeamDecisionRow.schema, id: row.id!)
      return row
    }
    let say = try await teamSay(person, on: db).say
    let row = TeamDecisionRow()
    row.id = env.newID()
    (row.coopID, row.personID, row.matter, row.subjectID) = (coop.rawValue, person.rawValue, matter.rawValue, subject)
    (row.summary, row.say, row.proposedBy, row.proposedAt) = (summary, say.rawValue, proposedBy, proposedAt)
    row.closesAt = TeamDecision.closes(after: max(proposedAt, env.now()), say: say)
    try await row.create(on: db)
    return row
  }

  static func keepAnswer(
    _ decision: TeamDecisionRow, _ account: ID<Account>, _ choice: TeamChoice, reason: String, env: Effects,
    on db: any Database
  ) async throws {
    let answer = TeamAnswerRow()
    answer.id = env.newID()
    (answer.decisionID, answer.accountID, answer.choice, answer.reason, answer.at) = (
      decision.id!, account.rawValue, choice.rawValue, reason, env.now()
    )
    try await answer.create(on: db)
  }

  /// An answer from someone in the team (or the person): refused when the say gives them no such answer or the
  /// decision is made; an objection needs a reason. Then weighed, and settled when it can be.
  static func answerTeamDecision(
    _ decision: TeamDecisionRow, by account: ID<Account>, onBehalfOf: ID<Person>?, _ choice: TeamChoice,
    reason: String, env: Effects, on db: any Database
  ) async throws -> TeamDecision.State {
    if try await TeamOutcomeRow.query(on: db).filter(\.$decisionID == decision.id!).first() != nil {
      throw CareError.conflict(FieldError("choice", "This has been decided already"))
    }
    let person = ID<Person>(decision.personID)
    let parties = try await parties(person, on: db)
    let say = TeamSay(rawValue: decision.say) ?? .standard
    let allowed = TeamDecision.choices(for: account, in: parties, say: say)
    guard allowed.contains(choice) else {
      throw CareError.invalid(
        "choice",
        allowed.isEmpty
          ? (say == .person
            ? "The person decides this alone: only their own answer counts"
            : "Only the person (and their arranger) answer this: the team is not asked")
          : "Choose one of: " + allowed.map(\.label).joined(separator: "; "))
    }
    if choice.needsReason && reason.isEmpty {
      throw CareError.invalid("reason", "Say why you object, so the team can talk it over")
    }
    try await keepAnswer(decision, account, choice, reason: reason, env: env, on: db)
    try await append(
      .answerTeamDecision, coop: ID(decision.coopID), actor: account, onBehalfOf: onBehalfOf, person: person,
      detail: "\(decision.summary): \(choice.rawValue)", env: env, on: db)
    return try await weighAndSettle(
      decision, parties: parties, by: account, onBehalfOf: onBehalfOf, staleIsConflict: choice == .yes, env: env,
      on: db)
  }

  /// Weighs the answers so far and, once they settle it, keeps the outcome and acts on the subject.
  static func weighAndSettle(
    _ row: TeamDecisionRow, parties: TeamDecision.Parties, by account: ID<Account>?, onBehalfOf: ID<Person>? = nil,
    staleIsConflict: Bool = false, env: Effects, on db: any Database
  ) async throws -> TeamDecision.State {
    guard let decision = try await decisions([row], on: db).first else { throw CareError.notFound }
    let state = decision.state(parties: parties, now: env.now())
    switch state {
    case .waiting: return state
    case .agreed(let why):
      return try await settle(
        row, agreed: true, why: why, by: account, onBehalfOf: onBehalfOf, staleIsConflict: staleIsConflict, env: env,
        on: db)
    case .declined(let why):
      return try await settle(row, agreed: false, why: why, by: account, onBehalfOf: onBehalfOf, env: env, on: db)
    }
  }

  /// Keeps the outcome once and acts on the subject: a pattern version agreed or declined, a plan change's
  /// answer. A plan change agreed after its section changed is declined instead (it would write over newer
  /// words).
  @discardableResult
  static func settle(
    _ row: TeamDecisionRow, agreed: Bool, why: String, by account: ID<Account>?, onBehalfOf: ID<Person>? = nil,
    staleIsConflict: Bool = false, env: Effects, on db: any Database
  ) async throws -> TeamDecision.State {
    var agreed = agreed
    var why = why
    let person = ID<Person>(row.personID)
    let coop = ID<Coop>(row.coopID)
    var answerer = account ?? ID(row.proposedBy)
    if account == nil,
      let yes = try await TeamAnswerRow.query(on: db).filter(\.$decisionID == row.id!)
        .filter(\.$choice == TeamChoice.yes.rawValue).sort(\.$at, .descending).first()
    {
      answerer = ID(yes.accountID)
    }
    switch TeamMatter(rawValue: row.matter) {
    case .pattern:
      guard let pattern = try await SupportPatternRow.find(row.subjectID, on: db) else { throw CareError.notFound }
      guard pattern.status == PatternVersion.Status.proposed.rawValue else {
        throw CareError.conflict(FieldError("version", "This change has already been answered"))
      }
      pattern.status = (agreed ? PatternVersion.Status.agreed : .declined).rawValue
      (pattern.answeredBy, pattern.answeredAt) = (answerer.rawValue, env.now())
      try await pattern.update(on: db)
      try await append(
        agreed ? .agreePattern : .declinePattern, coop: coop, actor: account, onBehalfOf: onBehalfOf,
        person: person, detail: "version \(pattern.version)", env: env, on: db)
    case .plan:
      guard let change = try await PlanChangeRow.find(row.subjectID, on: db) else { throw CareError.notFound }
      let plan = try await Self.plan(person, on: db)
      guard plan.history.first(where: { $0.id.rawValue == change.id })?.status == .waiting else {
        throw CareError.conflict(FieldError("answer", "This change has been answered already"))
      }
      let current = plan.section(PlanSection(rawValue: change.section) ?? .aboutMe)
      if agreed && change.basedOn != current.version {
        // A yes given now, against words that changed a moment ago, is refused as before (nothing written); a
        // consent or the closing time that completes it finds it overtaken, and it is not agreed.
        if staleIsConflict {
          throw CareError.conflict(
            FieldError(
              "answer",
              "This section was changed after this was proposed: say no to it, and propose the change again if it "
                + "is still wanted"))
        }
        (agreed, why) = (false, "The section was changed by another decision first")
      }
      try await answer(
        change, agreed ? .accept : .decline, version: current.version + 1, coop: coop, actor: answerer,
        onBehalfOf: onBehalfOf, env: env, on: db)
    case .joining:
      guard let membership = try await TeamMembershipRow.find(row.subjectID, on: db) else {
        throw CareError.notFound
      }
      if membership.status != TeamMembershipStatus.proposed.rawValue {
        // Withdrawn while it waited: nobody joins, whatever the answers.
        (agreed, why) = (false, "The invitation was withdrawn")
      } else {
        membership.status = (agreed ? TeamMembershipStatus.invited : .removed).rawValue
        if agreed { membership.invitedAt = env.now() } else { membership.respondedAt = env.now() }
        try await membership.save(on: db)
      }
    case nil: throw CareError.notFound
    }
    let outcome = TeamOutcomeRow()
    outcome.id = env.newID()
    (outcome.decisionID, outcome.agreed, outcome.why, outcome.by, outcome.at) = (
      row.id!, agreed, why, account?.rawValue, env.now()
    )
    try await outcome.create(on: db)
    try await append(
      .settleTeamDecision, coop: coop, actor: account, person: person,
      detail: "\(row.summary): \(agreed ? "agreed" : "not agreed") — \(why)", env: env, on: db)
    return agreed ? .agreed(why: why) : .declined(why: why)
  }

  /// An answer given under a safeguarding override (by someone outside the team, as the override allows):
  /// it settles the decision itself, whatever the say.
  static func overrideTeamDecision(
    _ row: TeamDecisionRow, agree: Bool, by account: ID<Account>, env: Effects, on db: any Database
  ) async throws -> TeamDecision.State {
    if try await TeamOutcomeRow.query(on: db).filter(\.$decisionID == row.id!).first() != nil {
      throw CareError.conflict(FieldError("choice", "This has been decided already"))
    }
    try await keepAnswer(row, account, agree ? .yes : .no, reason: "Under a safeguarding override", env: env, on: db)
    return try await settle(
      row, agreed: agree, why: "Decided under a safeguarding override", by: account, env: env, on: db)
  }

  /// Answers one of the person's decisions as the permit (`weighIn`) allows.
  public func answerTeamDecision(
    _ id: ID<TeamDecision>, _ choice: TeamChoice, reason: String, permit: Permit, env: Effects
  ) async throws -> TeamDecision {
    guard case .weighIn(let team) = permit.action else { throw CareError.forbidden }
    return try await writeChecked(conflict: FieldError("choice", "This was decided at the same moment: look again")) {
      db in
      guard let row = try await TeamDecisionRow.find(id.rawValue, on: db), row.personID == team.personID.rawValue
      else { throw CareError.notFound }
      try await Dialect(db).lockRow(table: TeamDecisionRow.schema, id: row.id!)
      _ = try await Self.answerTeamDecision(
        row, by: permit.requester.account.id, onBehalfOf: nil, choice, reason: reason, env: env, on: db)
      return try await Self.decisions([row], on: db)[0]
    }
  }

  /// For the invitation mail once the team agreed a worker joins: who, whose team, and whether their account is
  /// new (no password yet, so the mail carries the link to choose one). Nil unless the membership is invited.
  public func joiningInvitation(_ membership: UUID) async throws -> (
    account: ID<Account>, person: ID<Person>, isNew: Bool
  )? {
    guard let row = try await TeamMembershipRow.find(membership, on: db),
      row.status == TeamMembershipStatus.invited.rawValue,
      let account = try await AccountRow.find(row.accountID, on: db)
    else { return nil }
    return (ID(row.accountID), ID(row.personID), account.passwordHash == nil)
  }

  // MARK: The closing sweep

  /// Decisions by consent whose time ran out without an outcome (within the last `within` seconds).
  public func teamDecisionsClosed(before now: Date, within: TimeInterval = 90 * 86_400) async throws
    -> [ID<TeamDecision>]
  {
    let rows = try await TeamDecisionRow.query(on: db).filter(\.$say == TeamSay.teamConsent.rawValue)
      .filter(\.$closesAt <= now).filter(\.$closesAt >= now.addingTimeInterval(-within)).all()
    let ids = rows.compactMap(\.id)
    guard !ids.isEmpty else { return [] }
    let settled = Set(try await TeamOutcomeRow.query(on: db).filter(\.$decisionID ~~ ids).all().map(\.decisionID))
    return ids.filter { !settled.contains($0) }.map { ID($0) }
  }

  /// Weighs one decision whose time ran out; returns it when that settled it (nil: still waiting, for the
  /// person's answer, or settled already).
  public func settleClosedTeamDecision(_ id: ID<TeamDecision>, env: Effects) async throws -> (TeamDecision, Team)? {
    let decision: TeamDecision? = try await writeChecked(
      conflict: FieldError("choice", "This was decided at the same moment")
    ) { db in
      guard let row = try await TeamDecisionRow.find(id.rawValue, on: db) else { return nil }
      try await Dialect(db).lockRow(table: TeamDecisionRow.schema, id: row.id!)
      guard try await TeamOutcomeRow.query(on: db).filter(\.$decisionID == row.id!).first() == nil else { return nil }
      let parties = try await Self.parties(ID(row.personID), on: db)
      let state = try await Self.weighAndSettle(row, parties: parties, by: nil, env: env, on: db)
      return state.isSettled ? try await Self.decisions([row], on: db)[0] : nil
    }
    guard let decision, let coop = try await PersonRow.find(decision.personID.rawValue, on: db)?.coopID,
      let team = try await team(decision.personID, coop: CareCore.ID(coop))
    else { return nil }
    return (decision, team)
  }
}
