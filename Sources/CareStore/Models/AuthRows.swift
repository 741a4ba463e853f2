import CareCore
import FluentKit
import Foundation

final class AuditEventRow: Model, @unchecked Sendable {
  static let schema = "audit_events"
  @IDProperty<AuditEventRow, UUID>(key: .id) var id: UUID?
  @OptionalField(key: "coop_id") var coopID: UUID?
  @Field(key: "at") var at: Date
  @OptionalField(key: "actor_id") var actorID: UUID?
  @OptionalField(key: "on_behalf_of") var onBehalfOf: UUID?
  @OptionalField(key: "person_id") var personID: UUID?
  @Field(key: "action") var action: String
  @Field(key: "detail") var detail: String

  init() {}

  init(_ e: AuditEvent) {
    id = e.id.rawValue
    coopID = e.coopID?.rawValue
    at = e.at
    actorID = e.actorID?.rawValue
    onBehalfOf = e.onBehalfOf?.rawValue
    personID = e.personID?.rawValue
    action = e.action.rawValue
    detail = e.detail
  }

  var value: AuditEvent? {
    guard let action = AuditAction(stored: action) else { return nil }
    return AuditEvent(
      id: CareCore.ID(id!), coopID: coopID.map(CareCore.ID.init), at: at, actorID: actorID.map(CareCore.ID.init),
      onBehalfOf: onBehalfOf.map(CareCore.ID.init), personID: personID.map(CareCore.ID.init), action: action,
      detail: detail)
  }
}

/// A signed-in session. Only a hash of the token is stored, so a stolen database gives no sessions.
final class SessionRow: Model, @unchecked Sendable {
  static let schema = "sessions"
  @IDProperty<SessionRow, UUID>(key: .id) var id: UUID?
  @Field(key: "token_hash") var tokenHash: String
  @Field(key: "account_id") var accountID: UUID
  @Field(key: "kind") var kind: String
  @Field(key: "created_at") var createdAt: Date
  @Field(key: "last_seen_at") var lastSeenAt: Date

  init() {}
}

final class PasswordResetRow: Model, @unchecked Sendable {
  static let schema = "password_resets"
  @IDProperty<PasswordResetRow, UUID>(key: .id) var id: UUID?
  @Field(key: "token_hash") var tokenHash: String
  @Field(key: "account_id") var accountID: UUID
  @Field(key: "expires_at") var expiresAt: Date
  @OptionalField(key: "used_at") var usedAt: Date?

  init() {}
}

final class EmailChangeRow: Model, @unchecked Sendable {
  static let schema = "email_changes"
  @IDProperty<EmailChangeRow, UUID>(key: .id) var id: UUID?
  @Field(key: "token_hash") var tokenHash: String
  @Field(key: "account_id") var accountID: UUID
  @Field(key: "new_email") var newEmail: String
  @Field(key: "expires_at") var expiresAt: Date
  @OptionalField(key: "used_at") var usedAt: Date?

  init() {}
}
