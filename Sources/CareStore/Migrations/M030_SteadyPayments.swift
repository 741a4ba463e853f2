import FluentKit

/// 030: steady payments towards one's own care. A person's choices of how to pay (the latest in force) and
/// their requests to settle the balance, each with who made it (the person, or their arranger for them).
/// Both append-only in the database itself; the statement is worked out from these and the invoices, which
/// are immutable too, so a month once closed never changes.
struct M030_SteadyPayments: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("payment_choices")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("person_id", .uuid, .required, .references("people", "id"))
      .field("periods", .int, .required)
      .field("chosen_at", .datetime, .required)
      .field("chosen_by", .uuid, .required, .references("accounts", "id"))
      .create()
    try await db.schema("payment_settle_requests")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("person_id", .uuid, .required, .references("people", "id"))
      .field("asked_at", .datetime, .required)
      .field("asked_by", .uuid, .required, .references("accounts", "id"))
      .create()
    let dialect = Dialect(db)
    try await dialect.createIndex(
      "payment_choices_by_person", on: "payment_choices", columns: ["person_id", "chosen_at"])
    try await dialect.createIndex(
      "payment_settle_requests_by_person", on: "payment_settle_requests", columns: ["person_id", "asked_at"])
    for table in ["payment_choices", "payment_settle_requests"] {
      try await dialect.createAppendOnlyGuard(table: table)
      try await dialect.createAppendOnlyGuardExtras(table: table)
    }
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    for table in ["payment_settle_requests", "payment_choices"] {
      try await dialect.dropAppendOnlyGuardExtras(table: table)
      try await dialect.dropAppendOnlyGuard(table: table)
    }
    for index in ["payment_settle_requests_by_person", "payment_choices_by_person"] {
      try await dialect.dropIndex(index)
    }
    try await db.schema("payment_settle_requests").delete()
    try await db.schema("payment_choices").delete()
  }
}
