import CareCore
import CareLedger
import FluentKit
import Foundation

final class PaymentChoiceRow: Model, @unchecked Sendable {
  static let schema = "payment_choices"
  @IDProperty<PaymentChoiceRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "person_id") var personID: UUID
  @Field(key: "periods") var periods: Int
  @Field(key: "chosen_at") var chosenAt: Date
  @Field(key: "chosen_by") var chosenBy: UUID
  init() {}
}

final class PaymentSettleRequestRow: Model, @unchecked Sendable {
  static let schema = "payment_settle_requests"
  @IDProperty<PaymentSettleRequestRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "person_id") var personID: UUID
  @Field(key: "asked_at") var askedAt: Date
  @Field(key: "asked_by") var askedBy: UUID
  init() {}
}

/// Steady payments towards one's own care: the person's choice (append-only: the latest is in force),
/// their requests to settle, and their statement — worked out each time from those and their invoices
/// (immutable), so a closed month never changes.
extension Store {
  /// The person's statement (the permit names the person).
  public func paymentsStatement(permit: Permit, env: Effects) async throws -> PaymentsStatement {
    try Self.check(permit, anyOf: [.viewMoney, .choosePayments])
    guard let person = permit.personID else { throw CareError.forbidden }
    return try await Self.statement(person, coop: permit.coopID, now: env.now(), on: db)
  }

  /// Keeps the person's choice: pay what is invoiced, or a steady amount over `periods` months; from the
  /// month under way on.
  public func choosePayments(periods: Int, permit: Permit, env: Effects) async throws -> PaymentsStatement {
    try Self.check(permit, .choosePayments)
    guard let person = permit.personID else { throw CareError.forbidden }
    let coop = permit.coopID
    let actor = permit.requester.account.id
    return try await write { db in
      let row = PaymentChoiceRow()
      row.id = env.newID()
      (row.coopID, row.personID, row.periods) = (coop.rawValue, person.rawValue, periods)
      (row.chosenAt, row.chosenBy) = (env.now(), actor.rawValue)
      try await row.create(on: db)
      try await Self.append(
        .choosePayments, coop: coop, actor: actor, onBehalfOf: permit.onBehalfOf, person: person,
        detail: PaymentsChoice(periods: periods, chosenAt: row.chosenAt).paymentsWords, env: env, on: db)
      return try await Self.statement(person, coop: coop, now: env.now(), on: db)
    }
  }

  /// Keeps the person's request to settle their whole balance at the end of the month under way. Refused
  /// when there is no balance, or when they have asked already and no month has settled it yet.
  public func askToSettlePayments(permit: Permit, env: Effects) async throws -> PaymentsStatement {
    try Self.check(permit, .choosePayments)
    guard let person = permit.personID else { throw CareError.forbidden }
    let coop = permit.coopID
    let actor = permit.requester.account.id
    let key = "payments:\(person)"
    return try await whileBusy(
      keys: [key], retrying: [], busy: CareError.conflict(FieldError("balance", "Someone else is asking: try again"))
    ) {
      try await self.write { db -> PaymentsStatement? in
        guard try await Dialect(db).tryLockKeys([key]) else { return nil }
        let statement = try await Self.statement(person, coop: coop, now: env.now(), on: db)
        guard statement.balancePence > 0 else {
          throw CareError.conflict(FieldError("balance", "There is no balance to settle"))
        }
        guard statement.askedAt == nil else {
          throw CareError.conflict(FieldError("balance", "You have asked already: this month's end settles it"))
        }
        let row = PaymentSettleRequestRow()
        row.id = env.newID()
        (row.coopID, row.personID, row.askedAt, row.askedBy) = (
          coop.rawValue, person.rawValue, env.now(), actor.rawValue
        )
        try await row.create(on: db)
        try await Self.append(
          .askToSettlePayments, coop: coop, actor: actor, onBehalfOf: permit.onBehalfOf, person: person,
          detail: "balance \(Pence(statement.balancePence).formatted)", env: env, on: db)
        return try await Self.statement(person, coop: coop, now: env.now(), on: db)
      }
    }
  }

  // MARK: - Reading

  static func statement(_ person: ID<Person>, coop: ID<Coop>, now: Date, on db: any Database) async throws
    -> PaymentsStatement
  {
    let kinds = FunderKind.paidByThePerson.map(\.rawValue)
    let lines = try await InvoiceLineRow.query(on: db)
      .join(InvoiceRow.self, on: \InvoiceLineRow.$invoiceID == \InvoiceRow.$id)
      .filter(InvoiceRow.self, \.$coopID == coop.rawValue).filter(InvoiceRow.self, \.$funder ~~ kinds)
      .filter(\.$personID == person.rawValue).all()
    var invoices: [UUID: (issuedAt: Date, pence: Int)] = [:]
    for line in lines {
      let issued = try line.joined(InvoiceRow.self).issuedAt
      invoices[line.invoiceID, default: (issued, 0)].pence += line.pence
    }
    let choices = try await PaymentChoiceRow.query(on: db).filter(\.$personID == person.rawValue)
      .filter(\.$coopID == coop.rawValue).sort(\.$chosenAt).sort(\.$id).all()
      .map { PaymentsChoice(periods: $0.periods, chosenAt: $0.chosenAt) }
    let requests = try await PaymentSettleRequestRow.query(on: db).filter(\.$personID == person.rawValue)
      .filter(\.$coopID == coop.rawValue).sort(\.$askedAt).all().map(\.askedAt)
    let agreements = try await FundingAgreementRow.query(on: db).filter(\.$personID == person.rawValue)
      .filter(\.$funder ~~ kinds).all().map { try $0.value }
    return PaymentsStatement.worked(
      person: person, invoices: Array(invoices.values), choices: choices, requests: requests,
      agreements: agreements, now: now)
  }
}

extension PaymentsStatement {
  /// The statement from its facts: each month from the first invoiced one to the last ended, what its
  /// invoices (and credit notes) came to, what it asked under the choice in force at its end, and the whole
  /// balance asked for too when asked to (a request before the month's end), at March's end (the year's
  /// end), when no agreement paid by the person goes on past it (leaving), or back on paying as invoiced.
  static func worked(
    person: ID<Person>, invoices: [(issuedAt: Date, pence: Int)], choices: [PaymentsChoice], requests: [Date],
    agreements: [FundingAgreement], now: Date, calendar: CoopCalendar = .london
  ) -> PaymentsStatement {
    func monthOf(_ date: Date) -> Day {
      let day = calendar.day(of: date)
      return Day(year: day.year, month: day.month, day: 1)!
    }
    func next(_ month: Day) -> Day {
      month.month == 12
        ? Day(year: month.year + 1, month: 1, day: 1)! : Day(year: month.year, month: month.month + 1, day: 1)!
    }
    let current = monthOf(now)
    var byMonth: [Day: Int] = [:]
    for invoice in invoices { byMonth[monthOf(invoice.issuedAt), default: 0] += invoice.pence }
    var months: [PaymentsMonth] = []
    var steady = SteadyPay(periods: 1)
    var settledUpTo = Date.distantPast  // requests before this are met
    if var month = byMonth.keys.min() {
      while month < current {
        let end = calendar.instant(on: next(month), atMinute: 0)
        let invoiced = byMonth[month] ?? 0
        let periods = choices.last { $0.chosenAt.map { $0 < end } ?? false }?.periods ?? 1
        steady = SteadyPay(periods: periods, earned: steady.earned, paid: steady.paid)
        let asked = invoiced >= 0 ? steady.close(earning: invoiced) : -steady.close(returning: -invoiced)
        let askedToSettle = requests.contains { $0 >= settledUpTo && $0 < end }
        let leaving =
          !agreements.isEmpty && agreements.allSatisfy { $0.terms.ends.map { $0 < next(month) } ?? false }
        let why: Settlement? =
          askedToSettle ? .asked : month.month == 3 ? .yearEnd : leaving ? .leaving : periods == 1 ? .plainPay : nil
        if askedToSettle { settledUpTo = end }
        let settled = why == nil ? 0 : steady.settle()
        months.append(
          PaymentsMonth(
            month: month, periods: periods, invoicedPence: invoiced, askedPence: asked + settled,
            settledPence: settled, settled: settled > 0 ? why : nil, balancePence: steady.balance))
        month = next(month)
      }
    }
    return PaymentsStatement(
      personID: person, choice: choices.last ?? .plain, months: months, current: current,
      invoicedThisMonthPence: byMonth[current] ?? 0, askedAt: requests.first { $0 >= settledUpTo })
  }
}
