import CareCore
import CareLedger
import FluentKit
import Foundation
import SQLKit

final class InvoiceRunRow: Model, @unchecked Sendable {
  static let schema = "invoice_runs"
  @IDProperty<InvoiceRunRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "period_from") var periodFrom: String
  @Field(key: "period_through") var periodThrough: String
  @Field(key: "ran_at") var ranAt: Date
  @Field(key: "ran_by") var ranBy: UUID
  @Field(key: "left_out") var leftOut: String
  @OptionalField(key: "idempotency_key") var idempotencyKey: String?
  @OptionalField(key: "request_hash") var requestHash: String?
  init() {}
}

final class InvoiceRow: Model, @unchecked Sendable {
  static let schema = "invoices"
  @IDProperty<InvoiceRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "run_id") var runID: UUID
  @Field(key: "series") var series: String
  @Field(key: "number") var number: Int
  @Field(key: "funder") var funder: String
  @Field(key: "funder_name") var funderName: String
  @Field(key: "period_from") var periodFrom: String
  @Field(key: "period_through") var periodThrough: String
  @Field(key: "issued_at") var issuedAt: Date
  @Field(key: "issued_by") var issuedBy: UUID
  @OptionalField(key: "credits") var credits: UUID?
  @OptionalField(key: "reason") var reason: String?
  init() {}
}

final class InvoiceLineRow: Model, @unchecked Sendable {
  static let schema = "invoice_lines"
  @IDProperty<InvoiceLineRow, UUID>(key: .id) var id: UUID?
  @Field(key: "invoice_id") var invoiceID: UUID
  @Field(key: "line_no") var lineNo: Int
  @Field(key: "person_id") var personID: UUID
  @Field(key: "agreement_id") var agreementID: UUID
  @Field(key: "entry_id") var entryID: UUID
  @Field(key: "visit_key") var visitKey: String
  @Field(key: "day") var day: String
  @Field(key: "minutes") var minutes: Int
  @Field(key: "rate_pence") var ratePence: Int
  @Field(key: "pence") var pence: Int
  @Field(key: "sign") var sign: Int
  @Field(key: "round") var round: Int
  init() {}

  var value: InvoiceLine {
    get throws {
      InvoiceLine(
        personID: CareCore.ID(personID), agreementID: CareCore.ID(agreementID), entryID: entryID, visitKey: visitKey,
        day: try StoreError.known(Day(iso: day), "invoice_lines.day", day), minutes: minutes, hourlyPence: ratePence,
        pence: pence)
    }
  }
}

/// A visit's hours used (a standing `use` entry of the ledger) not on any invoice now: the next run bills it.
public struct UnbilledUse: Sendable, Hashable {
  public let entryID: UUID
  public let agreement: FundingAgreement
  public let visitKey: String
  public let day: Day
  public let minutes: Int
  /// How many times it was billed and credited before (the round its next line is in).
  public let round: Int
}

/// What an invoice run over some days finds in the ledger.
public struct InvoiceFacts: Sendable {
  /// Uses of visits in the days not on an invoice now, oldest visit first.
  public var unbilled: [UnbilledUse] = []
  /// Visits in the days on an invoice now (a use standing and billed).
  public var billedKeys: Set<String> = []
  /// Lines on an invoice now whose use has since been undone (the visit's times no longer confirmed): the
  /// invoice should be credited.
  public var undone: [(invoice: ID<Invoice>, reference: String, line: InvoiceLine)] = []
}

/// Invoices and credit notes: issued by the finance hat from the hours ledger's confirmed visits, numbered
/// without gaps in one transaction, never changed after (the database refuses).
extension Store {
  /// What a run over `period` would bill now, and what it would find already billed or undone.
  public func invoiceFacts(permit: Permit, period: InvoicePeriod) async throws -> InvoiceFacts {
    try Self.check(permit, .invoice)
    return try await Self.invoiceFacts(coop: permit.coopID, period: period, on: db)
  }

  /// The people of the co-op with published visits between the days (whose visits a run must account for).
  public func peopleWithVisits(permit: Permit, period: InvoicePeriod) async throws -> [ID<Person>] {
    try Self.check(permit, anyOf: [.invoice, .runPay])
    struct Row: Decodable { let person_id: UUID }
    let rows = try await (db as! any SQLDatabase).raw(
      """
      SELECT DISTINCT v.person_id FROM rota_visits v JOIN rota_weeks w ON w.id = v.week_id
        JOIN people p ON p.id = v.person_id
      WHERE p.coop_id = \(bind: permit.coopID.rawValue) AND w.state = 'published'
        AND v.day >= \(bind: period.from.iso) AND v.day <= \(bind: period.through.iso)
      """
    ).all(decoding: Row.self)
    return rows.map { CareCore.ID($0.person_id) }.sorted { $0.description < $1.description }
  }

  /// Issues the run: one invoice a funder for the uses not billed yet, numbered next in the co-op's series,
  /// with the visits left out kept on the run; all in one transaction (the co-op's invoices locked while it
  /// runs; a racing run that got there first makes this one read again). With a key: the same key and
  /// request replays the first run; another request with it is refused.
  public func issueInvoices(
    permit: Permit, period: InvoicePeriod, leftOut: [LeftOutVisit], key: IdempotencyKey?, env: Effects
  ) async throws -> (run: InvoiceRun, replayed: Bool) {
    try Self.check(permit, .invoice)
    let coop = permit.coopID
    let actor = permit.requester.account.id
    let leftOutText = String(decoding: try Self.weekEncoder.encode(leftOut), as: UTF8.self)
    return try await whileBusy(
      keys: ["invoices:\(coop)"], retrying: ["invoices_numbered", "invoice_lines_billed_once"],
      busy: CareError.conflict(FieldError("from", "Another invoice run is under way: try again"))
    ) {
      try await self.write { db -> (run: InvoiceRun, replayed: Bool)? in
        guard try await Dialect(db).tryLockKeys(["invoices:\(coop)"]) else { return nil }
        if let key,
          let row = try await InvoiceRunRow.query(on: db).filter(\.$ranBy == actor.rawValue)
            .filter(\.$idempotencyKey == key.key).first()
        {
          guard row.requestHash == key.requestHash else {
            throw CareError.invalid("Idempotency-Key", "This key was sent before with a different request")
          }
          return (try await Self.run(row, on: db), true)
        }
        let facts = try await Self.invoiceFacts(coop: coop, period: period, on: db)
        let run = InvoiceRunRow()
        run.id = env.newID()
        (run.coopID, run.periodFrom, run.periodThrough) = (coop.rawValue, period.from.iso, period.through.iso)
        (run.ranAt, run.ranBy, run.leftOut) = (env.now(), actor.rawValue, leftOutText)
        (run.idempotencyKey, run.requestHash) = (key?.key, key?.requestHash)
        try await run.create(on: db)
        let uses = Dictionary(uniqueKeysWithValues: facts.unbilled.map { ($0.entryID, $0) })
        let bills = Bill.group(
          facts.unbilled.map {
            BillLine(
              entryID: $0.entryID, payer: Self.payer($0.agreement), minutes: $0.minutes,
              hourlyPence: $0.agreement.terms.ratePence)
          })
        var number = try await Self.lastNumber(coop: coop, series: .invoice, on: db)
        var issued: [Invoice] = []
        for bill in bills {
          number += 1
          let agreement = uses[bill.lines[0].entryID]!.agreement
          let row = InvoiceRow()
          row.id = env.newID()
          (row.coopID, row.runID, row.series, row.number) = (coop.rawValue, run.id!, "invoice", number)
          (row.funder, row.funderName) = (agreement.terms.funder.rawValue, agreement.terms.funderName)
          (row.periodFrom, row.periodThrough, row.issuedAt, row.issuedBy) = (
            period.from.iso, period.through.iso, env.now(), actor.rawValue
          )
          try await row.create(on: db)
          var lines: [InvoiceLineRow] = []
          for (index, line) in bill.lines.enumerated() {
            let use = uses[line.entryID]!
            let l = InvoiceLineRow()
            l.id = env.newID()
            (l.invoiceID, l.lineNo, l.personID, l.agreementID) = (
              row.id!, index + 1, use.agreement.personID.rawValue, use.agreement.id.rawValue
            )
            (l.entryID, l.visitKey, l.day, l.minutes) = (use.entryID, use.visitKey, use.day.iso, use.minutes)
            (l.ratePence, l.pence, l.sign, l.round) = (line.hourlyPence, line.pence, 1, use.round)
            try await l.create(on: db)
            lines.append(l)
          }
          issued.append(try Self.invoice(row, lines))
        }
        let total = issued.reduce(0) { $0 + $1.pence }
        try await Self.append(
          .issueInvoices, coop: coop, actor: actor,
          detail: "\(period.from.iso) to \(period.through.iso): "
            + (issued.isEmpty
              ? "nothing to bill"
              : "\(issued.map(\.reference).joined(separator: ", ")), \(Pence(total).formatted) in all")
            + (leftOut.isEmpty ? "" : "; \(leftOut.count) visits left out"),
          env: env, on: db)
        return (
          InvoiceRun(
            id: run.id!, period: period, ranAt: run.ranAt, ranBy: actor, invoices: issued, leftOut: leftOut), false
        )
      }
    }
  }

  /// Issues a credit note for the whole of one invoice, numbered next in the co-op's credit series: the
  /// invoice's visits are then not billed, and the next run bills them again if their hours still stand.
  public func creditInvoice(_ id: ID<Invoice>, reason: String, permit: Permit, env: Effects) async throws -> Invoice {
    try Self.check(permit, .invoice)
    let coop = permit.coopID
    let actor = permit.requester.account.id
    return try await whileBusy(
      keys: ["invoices:\(coop)"], retrying: ["invoices_numbered", "invoice_lines_billed_once"],
      busy: CareError.conflict(FieldError("reason", "Another invoice run is under way: try again"))
    ) {
      try await self.write { db -> Invoice? in
        guard try await Dialect(db).tryLockKeys(["invoices:\(coop)"]) else { return nil }
        guard let original = try await InvoiceRow.find(id.rawValue, on: db), original.coopID == coop.rawValue,
          original.series == Invoice.Series.invoice.rawValue
        else { throw CareError.notFound }
        if try await InvoiceRow.query(on: db).filter(\.$credits == id.rawValue).first() != nil {
          throw CareError.conflict(FieldError("reason", "This invoice has been credited already"))
        }
        let lines = try await InvoiceLineRow.query(on: db).filter(\.$invoiceID == id.rawValue).sort(\.$lineNo).all()
        let run = InvoiceRunRow()
        run.id = env.newID()
        (run.coopID, run.periodFrom, run.periodThrough) = (coop.rawValue, original.periodFrom, original.periodThrough)
        (run.ranAt, run.ranBy, run.leftOut) = (env.now(), actor.rawValue, "[]")
        try await run.create(on: db)
        let row = InvoiceRow()
        row.id = env.newID()
        (row.coopID, row.runID, row.series) = (coop.rawValue, run.id!, Invoice.Series.credit.rawValue)
        row.number = try await Self.lastNumber(coop: coop, series: .credit, on: db) + 1
        (row.funder, row.funderName) = (original.funder, original.funderName)
        (row.periodFrom, row.periodThrough, row.issuedAt, row.issuedBy) = (
          original.periodFrom, original.periodThrough, env.now(), actor.rawValue
        )
        (row.credits, row.reason) = (id.rawValue, reason)
        try await row.create(on: db)
        var credited: [InvoiceLineRow] = []
        for line in lines {
          let l = InvoiceLineRow()
          l.id = env.newID()
          (l.invoiceID, l.lineNo, l.personID, l.agreementID) = (row.id!, line.lineNo, line.personID, line.agreementID)
          (l.entryID, l.visitKey, l.day, l.minutes) = (line.entryID, line.visitKey, line.day, -line.minutes)
          (l.ratePence, l.pence, l.sign, l.round) = (line.ratePence, -line.pence, -1, line.round)
          try await l.create(on: db)
          credited.append(l)
        }
        let note = try Self.invoice(row, credited)
        try await Self.append(
          .creditInvoice, coop: coop, actor: actor,
          detail: "\(note.reference) credits \(Invoice.reference(.invoice, original.number)) "
            + "(\(Pence(-note.pence).formatted)): \(reason)",
          env: env, on: db)
        return note
      }
    }
  }

  /// The co-op's invoices and credit notes, newest first (the latest `limit`).
  public func invoices(permit: Permit, limit: Int = 200) async throws -> [Invoice] {
    try Self.check(permit, .invoice)
    let rows = try await InvoiceRow.query(on: db).filter(\.$coopID == permit.coopID.rawValue)
      .sort(\.$issuedAt, .descending).sort(\.$series).sort(\.$number, .descending).range(..<limit).all()
    return try await Self.invoices(rows, on: db)
  }

  /// One invoice or credit note of the co-op's (nil: none such).
  public func invoice(_ id: ID<Invoice>, permit: Permit) async throws -> Invoice? {
    try Self.check(permit, .invoice)
    guard let row = try await InvoiceRow.find(id.rawValue, on: db), row.coopID == permit.coopID.rawValue else {
      return nil
    }
    return try await Self.invoices([row], on: db).first
  }

  /// The credit note of an invoice, if it has one.
  public func creditNote(of id: ID<Invoice>, permit: Permit) async throws -> Invoice? {
    try Self.check(permit, .invoice)
    let rows = try await InvoiceRow.query(on: db).filter(\.$credits == id.rawValue)
      .filter(\.$coopID == permit.coopID.rawValue).all()
    return try await Self.invoices(rows, on: db).first
  }

  /// The co-op's invoice runs, newest first (the latest `limit`), each with what it issued and left out.
  public func invoiceRuns(permit: Permit, limit: Int = 50) async throws -> [InvoiceRun] {
    try Self.check(permit, .invoice)
    let rows = try await InvoiceRunRow.query(on: db).filter(\.$coopID == permit.coopID.rawValue)
      .sort(\.$ranAt, .descending).sort(\.$id).range(..<limit).all()
    var runs: [InvoiceRun] = []
    for row in rows { runs.append(try await Self.run(row, on: db)) }
    return runs
  }

  // MARK: - Reading

  /// Who pays: the lines of one funder (kind and name) go on one invoice.
  static func payer(_ agreement: FundingAgreement) -> String {
    "\(agreement.terms.funder.rawValue)|\(agreement.terms.funderName)"
  }

  static func lastNumber(coop: ID<Coop>, series: Invoice.Series, on db: any Database) async throws -> Int {
    try await InvoiceRow.query(on: db).filter(\.$coopID == coop.rawValue).filter(\.$series == series.rawValue)
      .max(\.$number) ?? 0
  }

  static func invoiceFacts(coop: ID<Coop>, period: InvoicePeriod, on db: any Database) async throws -> InvoiceFacts {
    // A visit's hours are used when its times are confirmed: never before the day it happened.
    let since = CoopCalendar.london.instant(on: period.from.adding(days: -1), atMinute: 0)
    let rows = try await HoursEntryRow.query(on: db).filter(\.$coopID == coop.rawValue)
      .filter(\.$kind == HoursEntryKind.use.rawValue).filter(\.$visitKey != nil).filter(\.$at >= since).all()
      .filter { row in
        guard let key = row.visitKey, let day = RotaVisit.day(ofKey: key) else { return false }
        return day >= period.from && day <= period.through
      }
    guard !rows.isEmpty else { return InvoiceFacts() }
    let ids = rows.compactMap(\.id)
    let reversed = Set(
      try await HoursEntryRow.query(on: db).filter(\.$reverses ~~ ids).all().compactMap(\.reverses))
    let uses = try await Self.records(rows, on: db)
    let lines = try await InvoiceLineRow.query(on: db).filter(\.$entryID ~~ ids).all()
    let billed = Dictionary(grouping: lines, by: \.entryID)
    let agreements = Dictionary(
      uniqueKeysWithValues: try await FundingAgreementRow.query(on: db)
        .filter(\.$id ~~ Set(rows.map(\.agreementID)).sorted { $0.uuidString < $1.uuidString }).all()
        .map { (CareCore.ID<FundingAgreement>($0.id!), try $0.value) })
    var facts = InvoiceFacts()
    var open: [UUID] = []
    for use in uses {
      guard let key = use.visitKey, let day = RotaVisit.day(ofKey: key), let agreement = agreements[use.agreementID]
      else { continue }
      let mine = billed[use.entry.id] ?? []
      let invoiced = mine.filter { $0.sign > 0 }
      let credited = Set(mine.filter { $0.sign < 0 }.map(\.round))
      let onInvoice = invoiced.first { !credited.contains($0.round) }
      switch (reversed.contains(use.entry.id), onInvoice) {
      case (false, nil):
        facts.unbilled.append(
          UnbilledUse(
            entryID: use.entry.id, agreement: agreement, visitKey: key, day: day, minutes: use.entry.minutes,
            round: invoiced.count))
      case (false, .some):
        facts.billedKeys.insert(key)
      case (true, let line?):
        open.append(line.invoiceID)
        facts.undone.append((CareCore.ID(line.invoiceID), "", try line.value))
      case (true, nil):
        break
      }
    }
    if !open.isEmpty {
      let numbers = Dictionary(
        uniqueKeysWithValues: try await InvoiceRow.query(on: db).filter(
          \.$id ~~ Set(open).sorted { $0.uuidString < $1.uuidString }
        )
        .all().map { ($0.id!, $0.number) })
      facts.undone = facts.undone.map {
        ($0.invoice, Invoice.reference(.invoice, numbers[$0.invoice.rawValue] ?? 0), $0.line)
      }
    }
    facts.unbilled.sort { ($0.day, $0.visitKey) < ($1.day, $1.visitKey) }
    return facts
  }

  static func invoice(_ row: InvoiceRow, _ lines: [InvoiceLineRow]) throws -> Invoice {
    Invoice(
      id: CareCore.ID(row.id!), coopID: CareCore.ID(row.coopID),
      series: try StoreError.known(Invoice.Series(rawValue: row.series), "invoices.series", row.series),
      number: row.number, funder: try StoreError.known(FunderKind(rawValue: row.funder), "invoices.funder", row.funder),
      funderName: row.funderName,
      from: try StoreError.known(Day(iso: row.periodFrom), "invoices.period_from", row.periodFrom),
      through: try StoreError.known(Day(iso: row.periodThrough), "invoices.period_through", row.periodThrough),
      issuedAt: row.issuedAt, issuedBy: CareCore.ID(row.issuedBy), runID: row.runID,
      credits: row.credits.map(CareCore.ID.init), reason: row.reason,
      lines: try lines.sorted { $0.lineNo < $1.lineNo }.map { try $0.value })
  }

  static func invoices(_ rows: [InvoiceRow], on db: any Database) async throws -> [Invoice] {
    guard !rows.isEmpty else { return [] }
    let lines = try await InvoiceLineRow.query(on: db)
      .filter(\.$invoiceID ~~ rows.compactMap(\.id).sorted { $0.uuidString < $1.uuidString }).all()
    let byInvoice = Dictionary(grouping: lines, by: \.invoiceID)
    return try rows.map { try invoice($0, byInvoice[$0.id!] ?? []) }
  }

  static func run(_ row: InvoiceRunRow, on db: any Database) async throws -> InvoiceRun {
    let invoices = try await InvoiceRow.query(on: db).filter(\.$runID == row.id!).sort(\.$series).sort(\.$number).all()
    return InvoiceRun(
      id: row.id!,
      period: InvoicePeriod(
        from: try StoreError.known(Day(iso: row.periodFrom), "invoice_runs.period_from", row.periodFrom),
        through: try StoreError.known(Day(iso: row.periodThrough), "invoice_runs.period_through", row.periodThrough)),
      ranAt: row.ranAt, ranBy: CareCore.ID(row.ranBy), invoices: try await Self.invoices(invoices, on: db),
      leftOut: try StoreError.decoded([LeftOutVisit].self, row.leftOut, "invoice_runs.left_out"))
  }
}
