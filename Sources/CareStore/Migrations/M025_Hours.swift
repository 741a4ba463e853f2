import FluentKit

/// 025: the person's funding agreements, and the hours ledger: entries (who, when, why, on whose behalf,
/// the entry reversed, the period given or lapsed, the visit used, the client's idempotency key) and their
/// postings, both
/// append-only in the database itself. The invariants are indexes: an agreement's entries are numbered
/// without repeats, a period is given (or lapsed) once per agreement, an entry is reversed once, a
/// requester's idempotency key names one entry.
struct M025_Hours: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("funding_agreements")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("person_id", .uuid, .required, .references("people", "id"))
      .field("funder", .string, .required)
      .field("funder_name", .string, .required)
      .field("minutes_per_period", .int, .required)
      .field("period", .string, .required)
      .field("starts", .string, .required)
      .field("ends", .string)
      .field("rate_pence", .int, .required)
      .field("bank_limit_minutes", .int)
      .field("bank_weeks", .int, .required)
      .field("compress_min_minutes", .int)
      .field("compress_max_minutes", .int)
      .field("notice_days", .int, .required)
      .field("recorded_by", .uuid, .required, .references("accounts", "id"))
      .field("recorded_at", .datetime, .required)
      .create()
    try await db.schema("hours_entries")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("person_id", .uuid, .required, .references("people", "id"))
      .field("agreement_id", .uuid, .required, .references("funding_agreements", "id"))
      .field("seq", .int, .required)
      .field("kind", .string, .required)
      .field("at", .datetime, .required)
      .field("actor_id", .uuid, .references("accounts", "id"))
      .field("on_behalf_of", .uuid)
      .field("reason", .string, .required)
      .field("reverses", .uuid, .references("hours_entries", "id"))
      .field("period_start", .string)
      .field("visit_key", .string)
      .field("idempotency_key", .string)
      .field("request_hash", .string)
      .create()
    try await db.schema("hours_postings")
      .field("id", .uuid, .identifier(auto: false))
      .field("entry_id", .uuid, .required, .references("hours_entries", "id"))
      .field("agreement_id", .uuid, .required, .references("funding_agreements", "id"))
      .field("bucket", .string, .required)
      .field("minutes", .int, .required)
      .create()
    let dialect = Dialect(db)
    try await dialect.createIndex("funding_agreements_by_person", on: "funding_agreements", columns: ["person_id"])
    try await dialect.createIndex("hours_entries_by_agreement", on: "hours_entries", columns: ["agreement_id", "at"])
    try await dialect.createIndex("hours_entries_by_visit", on: "hours_entries", columns: ["person_id", "visit_key"])
    try await dialect.createIndex("hours_postings_by_entry", on: "hours_postings", columns: ["entry_id"])
    try await dialect.createIndex("hours_postings_by_agreement", on: "hours_postings", columns: ["agreement_id"])
    // The entries of an agreement are numbered 1, 2, 3…: two writers racing on one book cannot both add the
    // next entry (the loser reads the book again).
    try await dialect.createUniqueIndex(
      "hours_entries_in_order", on: "hours_entries", columns: ["agreement_id", "seq"])
    try await dialect.createPartialUniqueIndex(
      "hours_entries_one_per_period", on: "hours_entries", columns: ["agreement_id", "kind", "period_start"],
      where: "period_start IS NOT NULL")
    try await dialect.createPartialUniqueIndex(
      "hours_entries_reversed_once", on: "hours_entries", columns: ["reverses"], where: "reverses IS NOT NULL")
    try await dialect.createPartialUniqueIndex(
      "hours_entries_idempotency", on: "hours_entries", columns: ["actor_id", "idempotency_key"],
      where: "idempotency_key IS NOT NULL")
    try await dialect.createAppendOnlyGuard(table: "hours_entries")
    try await dialect.createAppendOnlyGuard(table: "hours_postings")
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    try await dialect.dropAppendOnlyGuard(table: "hours_postings")
    try await dialect.dropAppendOnlyGuard(table: "hours_entries")
    for index in [
      "hours_entries_idempotency", "hours_entries_reversed_once", "hours_entries_one_per_period",
      "hours_postings_by_agreement", "hours_postings_by_entry", "hours_entries_by_visit", "hours_entries_in_order",
      "hours_entries_by_agreement",
      "funding_agreements_by_person",
    ] {
      try await dialect.dropIndex(index)
    }
    try await db.schema("hours_postings").delete()
    try await db.schema("hours_entries").delete()
    try await db.schema("funding_agreements").delete()
  }
}
