import FluentKit

/// 026: invoices and credit notes, their lines, and the runs that issued them (the visits each run left
/// out, kept with it). All append-only in the database itself. The invariants are indexes: a series is
/// numbered without repeats per co-op (and without gaps: the next number is taken in the issuing
/// transaction), an invoice is credited once, a ledger `use` entry is billed once a round (a credit note
/// closes the round), a requester's idempotency key names one run.
struct M026_Invoices: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("invoice_runs")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("period_from", .string, .required)
      .field("period_through", .string, .required)
      .field("ran_at", .datetime, .required)
      .field("ran_by", .uuid, .required, .references("accounts", "id"))
      .field("left_out", .string, .required)
      .field("idempotency_key", .string)
      .field("request_hash", .string)
      .create()
    try await db.schema("invoices")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("run_id", .uuid, .required, .references("invoice_runs", "id"))
      .field("series", .string, .required)
      .field("number", .int, .required)
      .field("funder", .string, .required)
      .field("funder_name", .string, .required)
      .field("period_from", .string, .required)
      .field("period_through", .string, .required)
      .field("issued_at", .datetime, .required)
      .field("issued_by", .uuid, .required, .references("accounts", "id"))
      .field("credits", .uuid, .references("invoices", "id"))
      .field("reason", .string)
      .create()
    try await db.schema("invoice_lines")
      .field("id", .uuid, .identifier(auto: false))
      .field("invoice_id", .uuid, .required, .references("invoices", "id"))
      .field("line_no", .int, .required)
      .field("person_id", .uuid, .required, .references("people", "id"))
      .field("agreement_id", .uuid, .required, .references("funding_agreements", "id"))
      .field("entry_id", .uuid, .required, .references("hours_entries", "id"))
      .field("visit_key", .string, .required)
      .field("day", .string, .required)
      .field("minutes", .int, .required)
      .field("rate_pence", .int, .required)
      .field("pence", .int, .required)
      .field("sign", .int, .required)
      .field("round", .int, .required)
      .create()
    let dialect = Dialect(db)
    try await dialect.createUniqueIndex("invoices_numbered", on: "invoices", columns: ["coop_id", "series", "number"])
    try await dialect.createPartialUniqueIndex(
      "invoices_credited_once", on: "invoices", columns: ["credits"], where: "credits IS NOT NULL")
    try await dialect.createUniqueIndex(
      "invoice_lines_billed_once", on: "invoice_lines", columns: ["entry_id", "sign", "round"])
    try await dialect.createUniqueIndex(
      "invoice_lines_in_order", on: "invoice_lines", columns: ["invoice_id", "line_no"])
    try await dialect.createPartialUniqueIndex(
      "invoice_runs_idempotency", on: "invoice_runs", columns: ["ran_by", "idempotency_key"],
      where: "idempotency_key IS NOT NULL")
    try await dialect.createIndex("invoices_by_run", on: "invoices", columns: ["run_id"])
    try await dialect.createIndex("invoice_runs_by_coop", on: "invoice_runs", columns: ["coop_id", "ran_at"])
    for table in ["invoice_runs", "invoices", "invoice_lines"] {
      try await dialect.createAppendOnlyGuard(table: table)
      try await dialect.createAppendOnlyGuardExtras(table: table)
    }
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    for table in ["invoice_lines", "invoices", "invoice_runs"] {
      try await dialect.dropAppendOnlyGuardExtras(table: table)
      try await dialect.dropAppendOnlyGuard(table: table)
    }
    for index in [
      "invoice_runs_by_coop", "invoices_by_run", "invoice_runs_idempotency", "invoice_lines_in_order",
      "invoice_lines_billed_once", "invoices_credited_once", "invoices_numbered",
    ] {
      try await dialect.dropIndex(index)
    }
    try await db.schema("invoice_lines").delete()
    try await db.schema("invoices").delete()
    try await db.schema("invoice_runs").delete()
  }
}
