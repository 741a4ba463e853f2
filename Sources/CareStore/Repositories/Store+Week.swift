import CareCore
import FluentKit
import Foundation
import SQLKit

/// The week of care's facts: homes, support patterns (versions, proposed and answered), zones of consent
/// (a new version for each change) and training. The access decisions are the caller's for now: these
/// are internal until the week's policy actions and permits arrive with its pages (issue 12).
extension Store {
  static let weekEncoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return encoder
  }()

  // MARK: Homes

  /// Sets where the person lives (address, postcode, position, pets, smoking), with an audit line.
  func setHome(
    _ home: Home, person personID: ID<Person>, coop: ID<Coop>, by actor: ID<Account>, onBehalfOf: ID<Person>?,
    env: Effects
  ) async throws {
    var v = Validator()
    let address = v.text(home.address, field: "address", label: "the address", max: 300, multiline: true)
    let postcode = v.text(home.postcode, field: "postcode", label: "the postcode", max: 10)
    try v.check()
    try await write { db in
      guard let person = try await PersonRow.find(personID.rawValue, on: db), person.coopID == coop.rawValue else {
        throw CareError.notFound
      }
      let row = try await HomeRow.find(personID.rawValue, on: db) ?? HomeRow()
      let isNew = row.id == nil
      row.id = personID.rawValue
      row.address = address
      row.postcode = postcode.uppercased()
      row.latitude = home.position.latitude
      row.longitude = home.position.longitude
      row.hasPets = home.hasPets
      row.someoneSmokes = home.someoneSmokes
      row.changedAt = env.now()
      row.changedBy = actor.rawValue
      if isNew { try await row.create(on: db) } else { try await row.update(on: db) }
      try await Self.append(
        .changeHome, coop: coop, actor: actor, onBehalfOf: onBehalfOf, person: personID, env: env, on: db)
    }
  }

  /// Sets the person's home as the permit allows.
  public func setHome(_ home: Home, permit: Permit, env: Effects) async throws {
    try Self.check(permit, .changeHome)
    guard let person = permit.personID else { throw CareError.forbidden }
    try await setHome(
      home, person: person, coop: permit.coopID, by: permit.requester.account.id, onBehalfOf: permit.onBehalfOf,
      env: env)
  }

  /// The person's home, as the permit to see their team allows.
  public func home(permit: Permit, person: ID<Person>) async throws -> Home? {
    try Self.check(permit, .viewTeam, person: person)
    return try await home(person: person)
  }

  func home(person: ID<Person>) async throws -> Home? {
    try await HomeRow.find(person.rawValue, on: db).map { try $0.value() }
  }

  // MARK: Support patterns

  /// Proposes a new version of the person's pattern, in effect from `from` once agreed. Two proposals at
  /// the same moment cannot take the same number (unique index): the second is told to look again.
  func proposePattern(
    _ pattern: SupportPattern, from: Day, person personID: ID<Person>, coop: ID<Coop>, by actor: ID<Account>,
    onBehalfOf: ID<Person>?, env: Effects
  ) async throws -> PatternVersion {
    let pattern = try pattern.validated()
    let body = String(decoding: try Self.weekEncoder.encode(pattern), as: UTF8.self)
    return try await writeChecked { db in
      guard let person = try await PersonRow.find(personID.rawValue, on: db), person.coopID == coop.rawValue else {
        throw CareError.notFound
      }
      let last = try await SupportPatternRow.query(on: db).filter(\.$personID == personID.rawValue)
        .max(\.$version)
      let row = SupportPatternRow()
      row.id = env.newID()
      row.personID = personID.rawValue
      row.version = (last ?? 0) + 1
      row.pattern = body
      row.effectiveFrom = from.iso
      row.proposedBy = actor.rawValue
      row.proposedAt = env.now()
      row.status = PatternVersion.Status.proposed.rawValue
      try await row.create(on: db)
      try await Self.append(
        .proposePattern, coop: coop, actor: actor, onBehalfOf: onBehalfOf, person: personID,
        detail: "version \(row.version), from \(from.iso)", env: env, on: db)
      // The person answers their own proposal too (a new pattern is looked at twice); a team member's proposal
      // is their consent when the team decides by consent.
      _ = try await Self.openTeamDecision(
        .pattern, subject: row.id!, summary: Self.patternSummary(row.version, from), person: personID, coop: coop,
        proposer: actor, proposerAgrees: false, env: env, on: db)
      return try row.value()
    }
  }

  /// Proposes a version as the permit allows.
  public func proposePattern(_ pattern: SupportPattern, from: Day, permit: Permit, env: Effects) async throws
    -> PatternVersion
  {
    try Self.check(permit, .proposePattern)
    guard let person = permit.personID else { throw CareError.forbidden }
    return try await proposePattern(
      pattern, from: from, person: person, coop: permit.coopID, by: permit.requester.account.id,
      onBehalfOf: permit.onBehalfOf, env: env)
  }

  /// Answers a proposed version as the permit allows.
  public func answerPattern(_ id: ID<PatternVersion>, agree: Bool, permit: Permit, env: Effects) async throws
    -> PatternVersion
  {
    try Self.check(permit, .answerPattern)
    guard let person = permit.personID else { throw CareError.forbidden }
    return try await answerPattern(
      id, agree: agree, person: person, coop: permit.coopID, by: permit.requester.account.id,
      onBehalfOf: permit.onBehalfOf, env: env)
  }

  /// Every version of the person's pattern, as the permit to see their team allows (oldest first).
  public func patternVersions(permit: Permit, person: ID<Person>) async throws -> [PatternVersion] {
    try Self.check(permit, .viewTeam, person: person)
    return try await patternVersions(person: person)
  }

  /// The person (or their arranger) agrees to a proposed version, or declines it. Only a proposal still
  /// waiting can be answered; an answer twice is a conflict, nothing changes.
  func answerPattern(
    _ id: ID<PatternVersion>, agree: Bool, person personID: ID<Person>, coop: ID<Coop>, by actor: ID<Account>,
    onBehalfOf: ID<Person>?, env: Effects
  ) async throws -> PatternVersion {
    try await writeChecked(conflict: FieldError("version", "This was answered at the same moment: look again")) { db in
      guard let person = try await PersonRow.find(personID.rawValue, on: db), person.coopID == coop.rawValue,
        let row = try await SupportPatternRow.find(id.rawValue, on: db), row.personID == personID.rawValue
      else { throw CareError.notFound }
      guard row.status == PatternVersion.Status.proposed.rawValue else {
        throw CareError.conflict(FieldError("version", "This change has already been answered"))
      }
      let decision = try await Self.decisionRow(
        .pattern, subject: row.id!, summary: Self.patternSummary(row.version, Day(iso: row.effectiveFrom)),
        person: personID, coop: coop, proposedBy: row.proposedBy, proposedAt: row.proposedAt, env: env, on: db)
      let parties = try await Self.parties(personID, on: db)
      if actor == parties.person || parties.arrangers.contains(actor) || parties.others.contains(actor) {
        _ = try await Self.answerTeamDecision(
          decision, by: actor, onBehalfOf: onBehalfOf, agree ? .yes : .no, reason: "", env: env, on: db)
      } else {
        _ = try await Self.overrideTeamDecision(decision, agree: agree, by: actor, env: env, on: db)
      }
      guard let after = try await SupportPatternRow.find(id.rawValue, on: db) else { throw CareError.notFound }
      return try after.value()
    }
  }

  /// The person's pattern in effect on `day`, as the permit to see their team allows.
  public func agreedPattern(permit: Permit, person: ID<Person>, on day: Day) async throws -> PatternVersion? {
    try Self.check(permit, .viewTeam, person: person)
    return try await patternVersions(person: person).inEffect(on: day)
  }

  static func patternSummary(_ version: Int, _ from: Day?) -> String {
    "Visits, version \(version)" + (from.map { ", from \($0.longText)" } ?? "")
  }

  /// Every version of the person's pattern, oldest first.
  func patternVersions(person: ID<Person>) async throws -> [PatternVersion] {
    try await SupportPatternRow.query(on: db).filter(\.$personID == person.rawValue).sort(\.$version).all()
      .map { try $0.value() }
  }

  // MARK: Zones of consent and training

  /// Keeps a new version of the worker's zone of consent (the old ones stay: the table refuses changes).
  /// Returns the version number.
  @discardableResult
  public func changeConsentZone(_ zone: ConsentZone, permit: Permit, env: Effects) async throws -> Int {
    try Self.check(permit, .changeConsentZone)
    guard case .changeConsentZone(_, let worker) = permit.action else { throw CareError.forbidden }
    return try await changeConsentZone(zone, account: worker, coop: permit.coopID, env: env)
  }

  @discardableResult
  func changeConsentZone(_ zone: ConsentZone, account: ID<Account>, coop: ID<Coop>, env: Effects) async throws -> Int {
    let zone = try zone.validated()
    let body = String(decoding: try Self.weekEncoder.encode(zone), as: UTF8.self)
    return try await writeChecked { db in
      guard let owner = try await AccountRow.find(account.rawValue, on: db), owner.coopID == coop.rawValue else {
        throw CareError.notFound
      }
      let last = try await ConsentZoneRow.query(on: db).filter(\.$accountID == account.rawValue).max(\.$version)
      let row = ConsentZoneRow()
      row.id = env.newID()
      row.accountID = account.rawValue
      row.version = (last ?? 0) + 1
      row.zone = body
      row.changedAt = env.now()
      try await row.create(on: db)
      try await Self.append(
        .changeConsentZone, coop: coop, actor: account, detail: "version \(row.version)", env: env, on: db)
      return row.version
    }
  }

  /// The worker's zone of consent as it is now (nil until they give one).
  public func consentZone(account: ID<Account>) async throws -> ConsentZone? {
    guard
      let row = try await ConsentZoneRow.query(on: db).filter(\.$accountID == account.rawValue)
        .sort(\.$version, .descending).first()
    else { return nil }
    return try StoreError.decoded(ConsentZone.self, row.zone, "consent_zones.zone")
  }

  func setTraining(_ tasks: Set<VisitTask>, account: ID<Account>, coop: ID<Coop>, by actor: ID<Account>, env: Effects)
    async throws
  {
    let body = String(decoding: try Self.weekEncoder.encode(tasks.sorted()), as: UTF8.self)
    try await write { db in
      guard let owner = try await AccountRow.find(account.rawValue, on: db), owner.coopID == coop.rawValue else {
        throw CareError.notFound
      }
      let row = try await WorkerTrainingRow.find(account.rawValue, on: db) ?? WorkerTrainingRow()
      let isNew = row.id == nil
      row.id = account.rawValue
      row.tasks = body
      row.changedAt = env.now()
      row.changedBy = actor.rawValue
      if isNew { try await row.create(on: db) } else { try await row.update(on: db) }
      try await Self.append(
        .changeTraining, coop: coop, actor: actor, detail: tasks.sorted().map(\.label).joined(separator: ", "),
        env: env, on: db)
    }
  }

  public func training(account: ID<Account>) async throws -> Set<VisitTask> {
    guard let row = try await WorkerTrainingRow.find(account.rawValue, on: db) else { return [] }
    return Set(try StoreError.decoded([VisitTask].self, row.tasks, "worker_training.tasks"))
  }
}

extension StoreError {
  /// A JSON column read back as `T`, or `unreadable` naming the column (a bad row is an error, not a crash).
  static func decoded<T: Decodable>(_ type: T.Type, _ json: String, _ column: String) throws -> T {
    do {
      return try JSONDecoder().decode(T.self, from: Data(json.utf8))
    } catch {
      throw StoreError.unreadable(column, String(json.prefix(80)))
    }
  }
}

extension Store {
  /// Everything about a circle's week the planner needs (see `CircleWeekFacts`), with each person's pattern
  /// as in effect on `day`. Nil when the circle is not the co-op's.
  public func circleWeekFacts(_ circleID: ID<Circle>, coop: ID<Coop>, on day: Day) async throws -> CircleWeekFacts? {
    guard let circle = try await CircleRow.find(circleID.rawValue, on: db), circle.coopID == coop.rawValue else {
      return nil
    }
    let personRows = try await PersonRow.query(on: db).filter(\.$circleID == circleID.rawValue).all()
    let personIDs = personRows.compactMap(\.id)
    let places = try await TeamMembershipRow.query(on: db).filter(\.$personID ~~ personIDs)
      .filter(\.$status == TeamMembershipStatus.active.rawValue)
      .filter(\.$relationship ~~ [Relationship.worker.rawValue, Relationship.backupWorker.rawValue]).all()
    let members = try await CircleMembershipRow.query(on: db).filter(\.$circleID == circleID.rawValue)
      .filter(\.$leftAt == nil).all()
    let workerIDs = Set(members.map(\.accountID)).union(places.map(\.accountID))
    let accountIDs = workerIDs.union(personRows.map(\.accountID))
    let accounts = Dictionary(
      uniqueKeysWithValues: try await AccountRow.query(on: db).filter(\.$id ~~ Array(accountIDs)).all().map {
        ($0.id!, $0.name)
      })
    // Four reads for the whole circle, not four a person or worker.
    let homes = Dictionary(
      uniqueKeysWithValues: try await HomeRow.query(on: db).filter(\.$id ~~ personIDs).all().map { ($0.id!, $0) })
    let patterns = Dictionary(
      grouping: try await SupportPatternRow.query(on: db).filter(\.$personID ~~ personIDs).all()
        .map { try $0.value() }, by: \.personID)
    let workerList = Array(workerIDs)
    var zones: [UUID: ConsentZoneRow] = [:]
    for row in try await ConsentZoneRow.query(on: db).filter(\.$accountID ~~ workerList).all()
    where (zones[row.accountID]?.version ?? 0) < row.version {
      zones[row.accountID] = row
    }
    let training = Dictionary(
      uniqueKeysWithValues: try await WorkerTrainingRow.query(on: db).filter(\.$id ~~ workerList).all().map {
        ($0.id!, $0.tasks)
      })
    let people = try personRows.map { row in
      let id = CareCore.ID<Person>(row.id!)
      return CircleWeekFacts.PersonFacts(
        id: id, accountID: CareCore.ID(row.accountID), name: accounts[row.accountID] ?? "",
        home: try homes[row.id!]?.value(),
        pattern: (patterns[id] ?? []).inEffect(on: day),
        teamWorkers: Set(places.filter { $0.personID == row.id }.map { CareCore.ID($0.accountID) }))
    }
    let workers = try workerIDs.sorted { (accounts[$0] ?? "", $0.uuidString) < (accounts[$1] ?? "", $1.uuidString) }
      .map { account in
        CircleWeekFacts.WorkerFacts(
          id: CareCore.ID(account), name: accounts[account] ?? "",
          zone: try zones[account].map { try StoreError.decoded(ConsentZone.self, $0.zone, "consent_zones.zone") },
          training: Set(
            try training[account].map { try StoreError.decoded([VisitTask].self, $0, "worker_training.tasks") } ?? []))
      }
    return CircleWeekFacts(
      circle: circle.value, people: people.sorted { ($0.name, $0.id.description) < ($1.name, $1.id.description) },
      workers: workers)
  }
}
