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
      env: env, on: db)
  }

  static func append(
    _ action: AuditAction, coop: ID<Coop>?, actor: ID<Account>?, onBehalfOf: ID<Person>? = nil,
    person: ID<Person>? = nil, detail: String = "", env: Effects, on db: any Database
  ) async throws {
    let event = AuditEvent(
      id: ID(env.newID()), coopID: coop, at: env.now(), actorID: actor, onBehalfOf: onBehalfOf,
      personID: person, action: action, detail: detail)
    try await AuditEventRow(event).create(on: db)
  }

  /// The newest events of one co-op, or of one person's things ("who looked at my things").
  public func auditEvents(coop: ID<Coop>, person: ID<Person>? = nil, limit: Int = 100, offset: Int = 0)
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
    try await AuditEventRow.query(on: db).filter(\.$id == id.rawValue).set(\.$detail, to: "edited")
      .update()
  }

  func attemptAuditDelete(_ id: ID<AuditEvent>) async throws {
    try await AuditEventRow.query(on: db).filter(\.$id == id.rawValue).delete()
  }
}
