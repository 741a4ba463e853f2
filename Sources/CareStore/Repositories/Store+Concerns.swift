import CareCore
import FluentKit
import Foundation

final class ConcernRow: Model, @unchecked Sendable {
  static let schema = "concerns"
  @IDProperty<ConcernRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "raised_by") var raisedBy: UUID
  @Field(key: "kind") var kind: String
  @Field(key: "title") var title: String
  @Field(key: "text") var text: String
  @Field(key: "raised_at") var raisedAt: Date
  init() {}
}

final class ConcernStepRow: Model, @unchecked Sendable {
  static let schema = "concern_steps"
  @IDProperty<ConcernStepRow, UUID>(key: .id) var id: UUID?
  @Field(key: "concern_id") var concernID: UUID
  @Field(key: "state") var state: String
  @Field(key: "note") var note: String
  @Field(key: "by") var by: UUID
  @Field(key: "at") var at: Date
  init() {}
}

final class ConcernPersonRow: Model, @unchecked Sendable {
  static let schema = "concern_people"
  @IDProperty<ConcernPersonRow, UUID>(key: .id) var id: UUID?
  @Field(key: "concern_id") var concernID: UUID
  @Field(key: "person_id") var personID: UUID
  init() {}
}

/// Concerns, suggestions and compliments: raised by anyone in the co-op, moved forward by the hats that
/// handle them, each step kept and the one who raised it told.
extension Store {
  /// With a `handleConcerns` permit, every concern in the co-op; with `raiseConcern`, the requester's own.
  /// Newest first.
  public func concerns(permit: Permit) async throws -> [Concern] {
    try Self.check(permit, anyOf: [.raiseConcern, .handleConcerns])
    let own = permit.action.kind == .handleConcerns ? nil : permit.requester.account.id
    return try await Self.concerns(permit.coopID, only: nil, raisedBy: own, on: db)
  }

  /// The co-op's concerns month by month: numbers only (what each says stays with its raiser and those who
  /// handle concerns), for anyone in the co-op.
  public func concernTrend(through day: Day, permit: Permit) async throws -> ConcernTrend {
    try Self.check(permit, anyOf: [.raiseConcern, .handleConcerns])
    return ConcernTrend(try await Self.concerns(permit.coopID, only: nil, raisedBy: nil, on: db), through: day)
  }

  /// One concern, for its raiser (a `raiseConcern` permit) or a hat holder who handles them; nil otherwise.
  /// A concern about a person's support is part of their records: the look goes in their who-looked log.
  /// (`looks`: false when it is read to be moved on, which the log records itself.)
  public func concern(_ id: ID<Concern>, permit: Permit, env: Effects, looks: Bool = true) async throws -> Concern? {
    try Self.check(permit, anyOf: [.raiseConcern, .handleConcerns])
    let own = permit.action.kind == .handleConcerns ? nil : permit.requester.account.id
    guard let concern = try await Self.concerns(permit.coopID, only: id, raisedBy: own, on: db).first else {
      return nil
    }
    if looks, let person = concern.personID {
      try await viewLog.append(
        AuditEvent(
          id: ID(env.newID()), coopID: permit.coopID, at: env.now(), actorID: permit.requester.account.id,
          onBehalfOf: nil, personID: person, action: .viewConcern, detail: "“\(concern.title)”"))
    }
    return concern
  }

  /// Keeps a new concern and tells the hats that handle them (`messages`), in one transaction.
  public func raiseConcern(
    _ new: NewConcern.Valid, messages: [NewMessage], mailJob: MailJob, permit: Permit, env: Effects
  ) async throws -> Concern {
    guard case .raiseConcern(let coop) = permit.action else { throw CareError.forbidden }
    let actor = permit.requester.account.id
    return try await write { db in
      let row = ConcernRow()
      (row.id, row.coopID, row.raisedBy, row.kind) = (env.newID(), coop.rawValue, actor.rawValue, new.kind.rawValue)
      (row.title, row.text, row.raisedAt) = (new.title, new.text, env.now())
      try await row.create(on: db)
      if let person = new.personID {
        let about = ConcernPersonRow()
        (about.id, about.concernID, about.personID) = (env.newID(), row.id!, person.rawValue)
        try await about.create(on: db)
      }
      try await Self.keepAndMail(messages, coop: coop, mailJob: mailJob, env: env, on: db)
      try await Self.append(
        .raiseConcern, coop: coop, actor: actor, onBehalfOf: nil, person: new.personID,
        detail: "\(new.kind.rawValue): “\(new.title)”", env: env, on: db)
      return try await Self.concerns(coop, only: ID(row.id!), raisedBy: nil, on: db)[0]
    }
  }

  /// Moves a concern on to `state` (checked against where it is inside the transaction: forward only; each
  /// state once, by a unique index, so two at once keep one) and tells its raiser.
  public func moveConcern(
    _ id: ID<Concern>, to state: ConcernState, note: String, message: @escaping @Sendable (Concern) -> NewMessage,
    mailJob: MailJob,
    permit: Permit, env: Effects
  ) async throws -> Concern {
    guard case .handleConcerns(let coop) = permit.action else { throw CareError.forbidden }
    let actor = permit.requester.account.id
    return try await writeChecked(conflict: FieldError("state", "Someone moved it on at the same moment: look again")) {
      db in
      guard let concern = try await Self.concerns(coop, only: id, raisedBy: nil, on: db).first else {
        throw CareError.notFound
      }
      guard concern.next.contains(state) else {
        throw CareError.conflict(FieldError("state", "It has moved on since: look again"))
      }
      let row = ConcernStepRow()
      (row.id, row.concernID, row.state, row.note, row.by, row.at) = (
        env.newID(), id.rawValue, state.rawValue, note, actor.rawValue, env.now()
      )
      try await row.create(on: db)
      let moved = try await Self.concerns(coop, only: id, raisedBy: nil, on: db)[0]
      try await Self.keepAndMail([message(moved)], coop: coop, mailJob: mailJob, env: env, on: db)
      try await Self.append(
        .moveConcern, coop: coop, actor: actor, onBehalfOf: nil, person: concern.personID,
        detail: "“\(concern.title)”: \(state.rawValue)", env: env, on: db)
      return moved
    }
  }

  static func concerns(_ coop: ID<Coop>, only: ID<Concern>?, raisedBy: ID<Account>?, on db: any Database)
    async throws -> [Concern]
  {
    var query = ConcernRow.query(on: db).filter(\.$coopID == coop.rawValue)
    if let only { query = query.filter(\.$id == only.rawValue) }
    if let raisedBy { query = query.filter(\.$raisedBy == raisedBy.rawValue) }
    let rows = try await query.sort(\.$raisedAt, .descending).sort(\.$id).all()
    guard !rows.isEmpty else { return [] }
    let steps = Dictionary(
      grouping: try await ConcernStepRow.query(on: db).filter(\.$concernID ~~ rows.compactMap(\.id)).sort(\.$at)
        .all(), by: \.concernID)
    let about = Dictionary(
      uniqueKeysWithValues: try await ConcernPersonRow.query(on: db).filter(\.$concernID ~~ rows.compactMap(\.id))
        .all().map { ($0.concernID, CareCore.ID<Person>($0.personID)) })
    return try rows.map { row in
      var concern = Concern(
        id: CareCore.ID(row.id!), coopID: coop, raisedBy: CareCore.ID(row.raisedBy),
        kind: try StoreError.known(ConcernKind(rawValue: row.kind), "concerns.kind", row.kind), title: row.title,
        text: row.text, raisedAt: row.raisedAt,
        steps: try (steps[row.id!] ?? []).map { step in
          ConcernStep(
            state: try StoreError.known(ConcernState(rawValue: step.state), "concern_steps.state", step.state),
            note: step.note, by: CareCore.ID(step.by), at: step.at)
        }.sorted { $0.state < $1.state })
      concern.personID = about[row.id!]
      return concern
    }
  }
}
