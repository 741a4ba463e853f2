import CareCore
import CareStore
import Foundation

/// A person's support pattern as their team sees it: the version in effect, the ones waiting for the
/// person's answer, every earlier version (who proposed, who agreed), and their home — with what the
/// viewer may do about each.
public struct PatternModel: Sendable {
  public let team: Team
  /// Every version, newest first.
  public let versions: [PatternVersion]
  public let inEffect: PatternVersion?
  public let home: Home?
  public let today: Day
  public let mayPropose: Bool
  public let mayAnswer: Bool
  public let mayChangeHome: Bool
  /// The pattern in effect against the person's funding, for those who may see the hours.
  public var hours: PatternHours?
  /// How much later a visit may be to keep a chosen worker, for a first pattern: the co-op's setting today.
  public var flexibilityDefault = 0
  /// How the team decides, and where each version waiting stands (by its id).
  public var say = TeamSay.standard
  public var decisions: [UUID: TeamDecision.State] = [:]

  public var waiting: [PatternVersion] { versions.filter { $0.status == .proposed } }

  /// Workers with an accepted place in the team: the ones a pattern may choose, decline or name as backup.
  public var workers: [Account] {
    team.active.filter { [.worker, .backupWorker].contains($0.membership.relationship) }.map(\.account)
  }

  public func name(_ id: ID<Account>) -> String {
    if id == team.personAccount.id { return team.personAccount.name }
    return team.entries.first { $0.account.id == id }?.account.name ?? "someone no longer in the team"
  }
}

extension Cases {
  /// The pattern page: as the policy lets the viewer see the team (the look is logged like any look at it).
  public func pattern(_ personID: ID<Person>, by requester: Requester) async throws -> PatternModel {
    let team = try await store.viewTeam(personID, by: requester, env: effects)
    let facts = TeamFacts(team)
    let permit = try AccessPolicy.permit(requester, .viewTeam(facts))
    let versions = try await store.patternVersions(permit: permit, person: personID)
    var model = PatternModel(
      team: team, versions: versions.reversed(), inEffect: versions.inEffect(on: today),
      home: try await store.home(permit: permit, person: personID), today: today,
      mayPropose: allows(requester, .proposePattern(facts)), mayAnswer: allows(requester, .answerPattern(facts)),
      mayChangeHome: allows(requester, .changeHome(facts)))
    model.flexibilityDefault = try await coopSettings(requester.coopID).value(.flexibility, on: today)
    (model.say, model.decisions) = try await waitingDecisions(permit: permit, team: team)
    if let hoursPermit = try? AccessPolicy.permit(requester, .viewHours(facts)), let inEffect = model.inEffect {
      let agreements = try await store.fundingAgreements(permit: hoursPermit)
      model.hours = PatternHours(new: inEffect.pattern, current: nil, agreements: agreements, on: today)
    }
    return model
  }

  /// Proposes a new version, in effect from `from` (today or later) once the person or their arranger agrees.
  /// The workers it names must hold an accepted worker place in the team.
  @discardableResult
  public func proposePattern(
    _ pattern: SupportPattern, from: Day, person personID: ID<Person>, by requester: Requester
  ) async throws -> PatternVersion {
    let (team, permit) = try await team(personID, for: requester) { .proposePattern($0) }
    let pattern = try pattern.validated()
    let workers = Set(
      team.active.filter { [.worker, .backupWorker].contains($0.membership.relationship) }.map(\.account.id))
    var problems: [FieldError] = []
    if pattern.chosen.contains(where: { !workers.contains($0) }) {
      problems.append(FieldError("chosen", "Choose workers from the team"))
    }
    if pattern.declined.contains(where: { !workers.contains($0) }) {
      problems.append(FieldError("declined", "Decline workers from the team"))
    }
    if let backup = pattern.backup, !workers.contains(backup) {
      problems.append(FieldError("backup", "The backup must be a worker in the team"))
    }
    // Fewer, longer visits only as the person's funding allows (its shortest and longest visit).
    let facts = try await store.patternHoursFacts(person: personID)
    problems +=
      PatternHours(
        new: pattern, current: facts.versions.inEffect(on: from)?.pattern, agreements: facts.agreements, on: from
      ).problems
    guard problems.isEmpty else { throw CareError.invalid(problems) }
    guard from >= today else {
      throw CareError.conflict(FieldError("from", "A change starts today or later"))
    }
    guard (2000...2199).contains(from.year) else {
      throw CareError.conflict(FieldError("from", "Give a day between the years 2000 and 2199"))
    }
    let version = try await store.proposePattern(pattern, from: from, permit: permit, env: effects)
    try await askTeam(
      about: personID, team: team, what: "A change to the visits from \(from.longText)", by: requester,
      permit: permit)
    // The person is told a change waits for their answer (unless they proposed it themselves).
    if requester.account.id != team.personAccount.id {
      try await tell(
        [
          NewMessage(
            to: team.personAccount.id, subject: "A change to your visits is waiting for your answer",
            body: "\(requester.account.name) proposed a change to your visits, from \(from.longText). It counts "
              + "only when you (or the person who arranges your care) agree.",
            link: links.patternPath(personID))
        ])
    }
    return version
  }

  /// The person (or their arranger) agrees to a proposed version, or not.
  @discardableResult
  public func answerPattern(
    _ id: ID<PatternVersion>, agree: Bool, person personID: ID<Person>, by requester: Requester
  ) async throws -> PatternVersion {
    let (team, permit) = try await team(personID, for: requester) { .answerPattern($0) }
    let version = try await store.answerPattern(id, agree: agree, permit: permit, env: effects)
    try await tellIfDecided(id.rawValue, .pattern, team: team, permit: permit, by: requester)
    return version
  }

  /// Sets where the person lives (address, postcode, map position, pets, smoking).
  public func changeHome(_ home: Home, person personID: ID<Person>, by requester: Requester) async throws {
    let (_, permit) = try await team(personID, for: requester) { .changeHome($0) }
    try await store.setHome(home, permit: permit, env: effects)
  }

  /// Keeps messages in the app and mails each.
  func tell(_ messages: [NewMessage]) async throws {
    try await store.keepMessages(messages, mailJob: Self.mailJob, env: effects)
  }
}
