import FluentKit

/// 027: pay runs, each worker's payslip in a run, and the visits (and the travel before each) it paid. All
/// append-only in the database itself. The invariants are indexes: a worker has one payslip a run, a
/// worker's visit is paid once, a requester's idempotency key names one run.
struct M027_Pay: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("pay_runs")
      .field("id", .uuid, .identifier(auto: false))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("period_from", .string, .required)
      .field("period_through", .string, .required)
      .field("ran_at", .datetime, .required)
      .field("ran_by", .uuid, .required, .references("accounts", "id"))
      .field("pay_table", .string, .required)
      .field("minimum_pence", .int, .required)
      .field("unpaid", .string, .required)
      .field("idempotency_key", .string)
      .field("request_hash", .string)
      .create()
    try await db.schema("payslips")
      .field("id", .uuid, .identifier(auto: false))
      .field("run_id", .uuid, .required, .references("pay_runs", "id"))
      .field("coop_id", .uuid, .required, .references("coops", "id"))
      .field("worker_id", .uuid, .required, .references("accounts", "id"))
      .field("basis", .string, .required)
      .field("hourly_pence", .int, .required)
      .field("unsocial_percent", .int, .required)
      .field("travel_percent", .int, .required)
      .field("care_minutes", .int, .required)
      .field("unsocial_minutes", .int, .required)
      .field("travel_minutes", .int, .required)
      .field("pence", .int, .required)
      .field("shortfall_pence", .int, .required)
      .create()
    try await db.schema("payslip_visits")
      .field("id", .uuid, .identifier(auto: false))
      .field("payslip_id", .uuid, .required, .references("payslips", "id"))
      .field("worker_id", .uuid, .required, .references("accounts", "id"))
      .field("person_id", .uuid, .required, .references("people", "id"))
      .field("visit_key", .string, .required)
      .field("day", .string, .required)
      .field("start_minute", .int, .required)
      .field("minutes", .int, .required)
      .field("unsocial_minutes", .int, .required)
      .field("travel_minutes", .int, .required)
      .create()
    let dialect = Dialect(db)
    try await dialect.createUniqueIndex("payslips_one_a_run", on: "payslips", columns: ["run_id", "worker_id"])
    try await dialect.createUniqueIndex(
      "payslip_visits_paid_once", on: "payslip_visits", columns: ["worker_id", "visit_key"])
    try await dialect.createPartialUniqueIndex(
      "pay_runs_idempotency", on: "pay_runs", columns: ["ran_by", "idempotency_key"],
      where: "idempotency_key IS NOT NULL")
    try await dialect.createIndex("payslips_by_worker", on: "payslips", columns: ["worker_id"])
    try await dialect.createIndex("payslip_visits_by_payslip", on: "payslip_visits", columns: ["payslip_id"])
    try await dialect.createIndex("pay_runs_by_coop", on: "pay_runs", columns: ["coop_id", "ran_at"])
    for table in ["pay_runs", "payslips", "payslip_visits"] {
      try await dialect.createAppendOnlyGuard(table: table)
      try await dialect.createAppendOnlyGuardExtras(table: table)
    }
  }

  func revert(on db: any Database) async throws {
    let dialect = Dialect(db)
    for table in ["payslip_visits", "payslips", "pay_runs"] {
      try await dialect.dropAppendOnlyGuardExtras(table: table)
      try await dialect.dropAppendOnlyGuard(table: table)
    }
    for index in [
      "pay_runs_by_coop", "payslip_visits_by_payslip", "payslips_by_worker", "pay_runs_idempotency",
      "payslip_visits_paid_once", "payslips_one_a_run",
    ] {
      try await dialect.dropIndex(index)
    }
    try await db.schema("payslip_visits").delete()
    try await db.schema("payslips").delete()
    try await db.schema("pay_runs").delete()
  }
}
