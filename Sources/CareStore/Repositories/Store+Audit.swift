import CareCore
import FluentKit
import Foundation

extension Store {
  /// Appends one audit event on its own (sign-ins, views). Changes append theirs inside their own
  /// transaction instead, so a change and its audit line are written together or not at all.
  public func record(
    _ action: AuditAction, coop: ID<Coop>?, actor: ID<Account>?, onBehalfOf: ID<Person>? = nil,
    person: ID<Person>? = nil, detail: String = "", env: Effects
  ) async throws {
    try await Self.append(
      action, coop: coop, actor: actor, onBehalfOf: onBehalfOf, person: person, detail: detail,
      env: env, on: writer)
  }

  static func append(
    _ action: AuditAction, coop: ID<Coop>?, actor: ID<Account>?, onBehalfOf: ID<Person>? = nil,
    person: ID<Person>? = nil, detail: String = "", env: Effects, on db: any Database
  ) async throws {
    let event = AuditEvent(
      id: ID(env.newID()), coopID: coop, at: env.now(), actorID: actor, onBehalfOf: onBehalfOf,
      personID: person, action: action, detail: detail)
    try await insertAuditEvents([event], on: db)
  }

  /// The co-op's log, newest first (tests and the store itself; pages read a person's lines through
  /// `whoLooked(permit:)`).
  func auditEvents(coop: ID<Coop>, person: ID<Person>? = nil, limit: Int = 100, offset: Int = 0)
    async throws -> [AuditEvent]
  {
    var query = AuditEventRow.query(on: db).filter(\.$coopID == coop.rawValue)
    if let person { query = query.filter(\.$personID == person.rawValue) }
    // Ties on time (same microsecond) fall back to the id, so the order is stable.
    return try await query.sort(\.$at, .descending).sort(\.$id, .descending).offset(offset).limit(limit).all()
      .compactMap(\.value)
  }

  /// Exists only so tests can prove the database itself refuses to rewrite history.
  func attemptAuditRewrite(_ id: ID<AuditEvent>) async throws {
    try await AuditEventRow.query(on: writer).filter(\.$id == id.rawValue).set(\.$detail, to: "edited")
      .update()
  }

  /// Writes a line with a stored action name as given, as a line written by an older version would be.
  func recordStoredAction(_ name: String, coop: ID<Coop>, at: Date) async throws {
    let row = AuditEventRow()
    row.id = UUID()
    row.coopID = coop.rawValue
    row.at = at
    row.action = name
    row.detail = "written by an older version"
    try await write { db in try await row.create(on: db) }
  }

  func attemptAuditDelete(_ id: ID<AuditEvent>) async throws {
    try await AuditEventRow.query(on: writer).filter(\.$id == id.rawValue).delete()
  }

  /// A person's lines of the log, newest first, and the line saying this look happened, in one call and one
  /// transaction, as the permit (to read this person's log) allows. The lines are those there before the look.
  public func whoLooked(permit: Permit, limit: Int, offset: Int, env: Effects) async throws -> [AuditEvent] {
    guard let person = permit.personID, permit.covers(.viewWhoLooked) else { throw CareError.forbidden }
    return try await write { db in
      let rows = try await AuditEventRow.query(on: db).filter(\.$coopID == permit.coopID.rawValue)
        .filter(\.$personID == person.rawValue)
        .sort(\.$at, .descending).sort(\.$id, .descending).offset(offset).limit(limit).all()
      try await Self.append(
        .viewWhoLooked, coop: permit.coopID, actor: permit.requester.account.id, person: person, env: env, on: db)
      return rows.compactMap(\.value)
    }
  }
}
