import FluentKit

/// 029: steady pay. A worker's choices of how to be paid (the latest in force), their requests to be paid
/// their smoothing balance, and what each payslip from now on earned, paid and left in the balance. All
/// append-only in the database itself: a change of mind is a new choice, a balance is the fold of the
/// payments. The invariants are indexes: a payslip is paid once, a worker's payments are numbered 1, 2, …
/// without two of one number (two runs cannot both build on the same history), a request is settled once.
struct M029_SteadyPay: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("pay_choices")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("worker_id", .uuid, .required, .references("accounts", "id"))
      .field("periods", .int, .required)
      .field("chosen_at", .datetime, .required)
      .create()
    try await db.schema("settlement_requests")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("worker_id", .uuid, .required, .references("accounts", "id"))
      .field("asked_at", .datetime, .required)
      .create()
    try await db.schema("payslip_payments")
      .field("id", .uuid, .identifier(auto: false))
      .field("payslip_id", .uuid, .required, .references("payslips", "id"))
      .field("worker_id", .uuid, .required, .references("accounts", "id"))
      .field("seq", .int, .required)
      .field("periods", .int, .required)
      .field("earned_pence", .int, .required)
      .field("paid_pence", .int, .required)
      .field("settled_pence", .int, .required)
      .field("settled", .string)
      .field("settles_request", .uuid, .references("settlement_requests", "id"))
      .field("balance_pence", .int, .required)
      .create()
    let dialect = Dialect(db)
    try await dialect.createIndex("pay_choices_by_worker", on: "pay_choices", columns: ["worker_id", "chosen_at"])
    try await dialect.createIndex(
      "settlement_requests_by_worker", on: "settlement_requests", columns: ["worker_id", "asked_at"])
    try await dialect.createUniqueIndex("payslip_payments_once", on: "payslip_payments", columns: ["payslip_id"])
    try await dialect.createPartialUniqueIndex(
      "settlement_requests_settled_once", on: "payslip_payments", columns: ["settles_request"],
      where: "settles_request IS NOT NULL")
    try await dialect.createUniqueIndex(
      "payslip_payments_in_order", on: "payslip_payments", columns: ["worker_id", "seq"])
    for table in ["pay_choices", "settlement_requests", "payslip_payments"] {
      try await dialect.createAppendOnlyGuard(table: table)
      try await dialect.createAppendOnlyGuardExtras(table: table)
    }
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    for table in ["payslip_payments", "settlement_requests", "pay_choices"] {
      try await dialect.dropAppendOnlyGuardExtras(table: table)
      try await dialect.dropAppendOnlyGuard(table: table)
    }
    for index in [
      "payslip_payments_in_order", "settlement_requests_settled_once", "payslip_payments_once",
      "settlement_requests_by_worker", "pay_choices_by_worker",
    ] {
      try await dialect.dropIndex(index)
    }
    try await db.schema("payslip_payments").delete()
    try await db.schema("settlement_requests").delete()
    try await db.schema("pay_choices").delete()
  }
}
