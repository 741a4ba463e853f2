import CareCore
import FluentKit
import Foundation

final class AccessGrantReachRow: Model, @unchecked Sendable {
  static let schema = "access_grant_reach"
  @IDProperty<AccessGrantReachRow, UUID>(key: .id) var id: UUID?
  @Field(key: "grant_id") var grantID: UUID
  @Field(key: "reach") var reach: String
  init() {}
}

extension Store {
  /// Starts a safeguarding override for the permit's holder on the person's team, ending any earlier one
  /// of theirs there; the start, with its reason and end, is a line in the person's log.
  public func startOverride(_ valid: NewOverride.Valid, permit: Permit, env: Effects) async throws -> AccessGrant {
    guard permit.covers(.overrideSafeguarding), let person = permit.personID else { throw CareError.forbidden }
    let holder = permit.requester.account.id
    return try await writeChecked { db in
      let now = env.now()
      try await AccessGrantRow.query(on: db).filter(\.$personID == person.rawValue)
        .filter(\.$holderID == holder.rawValue).filter(\.$endedAt == nil)
        .set(\.$endedAt, to: now).set(\.$endedBy, to: holder.rawValue).update()
      var grant = AccessGrant(
        id: ID(env.newID()), coopID: permit.coopID, personID: person, holderID: holder, kind: .safeguardingOverride,
        reason: valid.reason, from: now, until: now.addingTimeInterval(TimeInterval(valid.hours * 3600)),
        endedAt: nil)
      grant.reaches = valid.reaches
      try await AccessGrantRow(grant).create(on: db)
      for reach in OverrideReach.allCases where valid.reaches.contains(reach) {
        let row = AccessGrantReachRow()
        (row.id, row.grantID, row.reach) = (env.newID(), grant.id.rawValue, reach.rawValue)
        try await row.create(on: db)
      }
      try await Self.append(
        .startOverride, coop: permit.coopID, actor: holder, person: person,
        detail:
          "for \(valid.hours) hours, over \(OverrideReach.allCases.filter(valid.reaches.contains).map(\.rawValue).joined(separator: " and ")): \(valid.reason)",
        env: env, on: db)
      return grant
    }
  }

  /// Ends an override on the person's team before its time (its holder, or another who may start one).
  public func endOverride(_ id: ID<AccessGrant>, permit: Permit, env: Effects) async throws {
    guard permit.covers(.overrideSafeguarding), let person = permit.personID else { throw CareError.forbidden }
    try await write { db in
      guard let row = try await AccessGrantRow.find(id.rawValue, on: db), row.personID == person.rawValue,
        row.coopID == permit.coopID.rawValue
      else { throw CareError.notFound }
      guard row.endedAt == nil, row.endsAt > env.now() else { return }
      row.endedAt = env.now()
      row.endedBy = permit.requester.account.id.rawValue
      try await row.update(on: db)
      try await Self.append(
        .endOverride, coop: permit.coopID, actor: permit.requester.account.id, person: person,
        detail: row.reason, env: env, on: db)
    }
  }

  /// Every override on the person's team, newest first, as a permit to see the team allows.
  public func overrides(permit: Permit) async throws -> [AccessGrant] {
    guard let person = permit.personID else { throw CareError.forbidden }
    return try await Self.withReach(
      try await AccessGrantRow.query(on: db).filter(\.$personID == person.rawValue)
        .filter(\.$coopID == permit.coopID.rawValue).sort(\.$startsAt, .descending).all().map { try $0.value },
      on: db)
  }

  /// Writes that an action went ahead only because of an override: before the action, with its reason.
  public func recordOverrideUse(_ permit: Permit, env: Effects) async throws {
    guard let grant = permit.override else { return }
    try await record(
      .useOverride, coop: permit.coopID, actor: permit.requester.account.id, person: grant.personID,
      detail: "\(permit.action.kind.rawValue): \(grant.reason)", env: env)
  }

  /// The grants an account holds that have not been ended and run out no earlier than the day before `day`.
  func grants(heldBy account: ID<Account>, around day: Day) async throws -> [AccessGrant] {
    let since = CoopCalendar.london.instant(on: day.adding(days: -1), atMinute: 0)
    return try await Self.withReach(
      try await AccessGrantRow.query(on: db).filter(\.$holderID == account.rawValue).filter(\.$endedAt == nil)
        .filter(\.$endsAt > since).all().map { try $0.value }, on: db)
  }

  /// The grants with what each reaches (none kept: both, as before reaches were chosen).
  static func withReach(_ grants: [AccessGrant], on db: any Database) async throws -> [AccessGrant] {
    guard !grants.isEmpty else { return [] }
    let rows = try await AccessGrantReachRow.query(on: db).filter(\.$grantID ~~ grants.map(\.id.rawValue)).all()
    let byGrant = Dictionary(grouping: rows, by: \.grantID)
    return try grants.map { grant in
      var grant = grant
      if let kept = byGrant[grant.id.rawValue] {
        grant.reaches = Set(
          try kept.map { try StoreError.known(OverrideReach(rawValue: $0.reach), "access_grant_reach.reach", $0.reach) }
        )
      }
      return grant
    }
  }
}
