import FluentKit

/// 047: hand-overs of privileged hats waiting for a second hat holder's approval, and the answer to each —
/// once per request (a unique index: two approvers at the same moment keep one). Append-only.
struct M047_HandoverApprovals: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("handover_requests")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("hat_id", .uuid, .required, .references("hats", "id"))
      .field("to_account", .uuid, .required, .references("accounts", "id"))
      .field("term_start", .string, .required)
      .field("term_end", .string)
      .field("replacing", .string, .required)
      .field("asked_by", .uuid, .required, .references("accounts", "id"))
      .field("asked_at", .datetime, .required)
      .create()
    try await db.schema("handover_answers")
      .field("id", .uuid, .identifier(auto: false))
      .field("request_id", .uuid, .required, .references("handover_requests", "id"))
      .field("approved", .bool, .required)
      .field("reason", .string, .required)
      .field("by", .uuid, .required, .references("accounts", "id"))
      .field("at", .datetime, .required)
      .create()
    let dialect = Dialect(db)
    try await dialect.createIndex("handover_requests_by_hat", on: "handover_requests", columns: ["hat_id", "asked_at"])
    try await dialect.createUniqueIndex("handover_answers_once", on: "handover_answers", columns: ["request_id"])
    for table in ["handover_requests", "handover_answers"] {
      try await dialect.createAppendOnlyGuard(table: table)
      try await dialect.createAppendOnlyGuardExtras(table: table)
    }
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    for table in ["handover_answers", "handover_requests"] {
      try await dialect.dropAppendOnlyGuardExtras(table: table)
      try await dialect.dropAppendOnlyGuard(table: table)
    }
    for index in ["handover_answers_once", "handover_requests_by_hat"] { try await dialect.dropIndex(index) }
    try await db.schema("handover_answers").delete()
    try await db.schema("handover_requests").delete()
  }
}
