import CareCore
import FluentKit
import Foundation

final class EngagementRow: Model, @unchecked Sendable {
  static let schema = "engagements"
  @IDProperty<EngagementRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "account_id") var accountID: UUID
  @Field(key: "basis") var basis: String
  @Field(key: "hourly_pence") var hourlyPence: Int
  @Field(key: "started_on") var startedOn: String
  @OptionalField(key: "ended_on") var endedOn: String?
  @Field(key: "created_by") var createdBy: UUID
  @Field(key: "created_at") var createdAt: Date

  init() {}

  var value: Engagement {
    get throws {
      Engagement(
        id: CareCore.ID(id!), coopID: CareCore.ID(coopID), accountID: CareCore.ID(accountID),
        basis: try StoreError.known(Engagement.Basis(rawValue: basis), "engagements.basis", basis),
        hourlyPence: hourlyPence,
        startedOn: try StoreError.known(Day(iso: startedOn), "engagements.started_on", startedOn),
        endedOn: try endedOn.map { try StoreError.known(Day(iso: $0), "engagements.ended_on", $0) })
    }
  }
}

extension Store {
  /// A worker's engagements, newest first.
  func engagements(of account: ID<Account>, coop: ID<Coop>) async throws -> [Engagement] {
    try await EngagementRow.query(on: db).filter(\.$accountID == account.rawValue).filter(\.$coopID == coop.rawValue)
      .sort(\.$startedOn, .descending).all().map { try $0.value }
  }

  /// Starts an engagement from a day; the open one before it ends the day before (it must have started
  /// before that day: a change cannot go back past the last one). One transaction, audited.
  func startEngagement(
    _ valid: NewEngagement.Valid, for account: ID<Account>, coop: ID<Coop>, by actor: ID<Account>, env: Effects
  ) async throws -> Engagement {
    try await writeChecked(conflict: FieldError("startedOn", "The engagement was changed at the same moment")) { db in
      guard let worker = try await AccountRow.find(account.rawValue, on: db), worker.coopID == coop.rawValue else {
        throw CareError.notFound
      }
      if let open = try await EngagementRow.query(on: db).filter(\.$accountID == account.rawValue)
        .filter(\.$endedOn == nil).first()
      {
        let current = try open.value
        guard current.startedOn < valid.startedOn else {
          throw CareError.conflict(
            FieldError(
              "startedOn", "The new engagement must start after the current one started (\(current.startedOn.longText))"
            ))
        }
        open.endedOn = valid.startedOn.adding(days: -1).iso
        try await open.update(on: db)
      }
      let row = EngagementRow()
      row.id = env.newID()
      (row.coopID, row.accountID, row.basis) = (coop.rawValue, account.rawValue, valid.basis.rawValue)
      (row.hourlyPence, row.startedOn, row.endedOn) = (valid.hourlyPence, valid.startedOn.iso, nil)
      (row.createdBy, row.createdAt) = (actor.rawValue, env.now())
      try await row.create(on: db)
      try await Self.append(
        .startEngagement, coop: coop, actor: actor,
        detail:
          "\(worker.name): \(valid.basis.label), \(Pence(valid.hourlyPence).formatted) an hour from \(valid.startedOn.longText)",
        env: env, on: db)
      return try row.value
    }
  }
}

extension Store {
  /// The engagements of the worker a permit to see them is for (the worker, administrators, finance).
  public func engagements(permit: Permit) async throws -> [Engagement] {
    guard let worker = permit.workerID, permit.covers(.viewEngagement) else { throw CareError.forbidden }
    return try await engagements(of: worker, coop: permit.coopID)
  }

  /// Starts a worker's engagement, as a permit to change engagements allows.
  public func startEngagement(_ valid: NewEngagement.Valid, for account: ID<Account>, permit: Permit, env: Effects)
    async throws -> Engagement
  {
    try Self.check(permit, .changeEngagement)
    return try await startEngagement(
      valid, for: account, coop: permit.coopID, by: permit.requester.account.id, env: env)
  }
}
