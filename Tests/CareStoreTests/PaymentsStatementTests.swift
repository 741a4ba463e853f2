import CareCore
import Foundation
import Testing

@testable import CareStore

/// A person's statement of steady payments, worked out from their invoices, choices and requests (no
/// database: the same function the store calls). The README's worked example, credit notes, settling.
@Suite("Steady payments: the statement")
struct PaymentsStatementTests {
  static let calendar = CoopCalendar.london
  static let person = ID<Person>(UUID())

  /// Noon on a day of 2026 (month, day).
  static func on(_ month: Int, _ day: Int, year: Int = 2026) -> Date {
    calendar.instant(on: Day(year: year, month: month, day: day)!, atMinute: 12 * 60)
  }

  static func agreement(ends: Day? = nil) -> FundingAgreement {
    FundingAgreement(
      id: ID(UUID()), coopID: ID(UUID()), personID: person,
      terms: FundingTerms(
        funder: .selfFunded, funderName: "Ada Brook", minutesPerPeriod: 600, period: .week,
        starts: Day(year: 2025, month: 1, day: 1)!, ends: ends, ratePence: 2_000),
      recordedBy: ID(UUID()), recordedAt: on(1, 1, year: 2025))
  }

  static func statement(
    _ invoices: [(Date, Int)], steady: Int = 3, requests: [Date] = [], ends: Day? = nil, now: Date = on(12, 2)
  ) -> PaymentsStatement {
    PaymentsStatement.worked(
      person: person, invoices: invoices.map { (issuedAt: $0.0, pence: $0.1) },
      choices: [PaymentsChoice(periods: steady, chosenAt: on(8, 20))], requests: requests,
      agreements: [agreement(ends: ends)], now: now)
  }

  /// The README's example: invoiced £900, £1,500 and £600 in September, October and November; a steady
  /// amount over three months asks £900, £1,200 and £900 — never more than invoiced so far; nothing left.
  @Test func threeUnevenMonthsAreAskedEvenly() {
    let s = Self.statement([(Self.on(9, 30), 90_000), (Self.on(10, 31), 150_000), (Self.on(11, 28), 60_000)])
    #expect(s.months.map(\.month.iso) == ["2026-09-01", "2026-10-01", "2026-11-01"])
    #expect(s.months.map(\.invoicedPence) == [90_000, 150_000, 60_000])
    #expect(s.months.map(\.askedPence) == [90_000, 120_000, 90_000])
    #expect(s.months.map(\.balancePence) == [0, 30_000, 0])
    #expect(s.balancePence == 0 && s.askedAt == nil && s.current.iso == "2026-12-01")
    // Plain: each month asks what it invoiced.
    let plain = Self.statement([(Self.on(9, 30), 90_000), (Self.on(10, 31), 150_000)], steady: 1)
    #expect(plain.months.map(\.askedPence) == [90_000, 150_000, 0])
  }

  /// Asked to settle in November: November's end asks the balance too. A month of no invoices asks from
  /// the balance. The month under way is not asked for yet.
  @Test func aRequestSettlesAtTheMonthsEnd() {
    let invoices = [(Self.on(9, 30), 90_000), (Self.on(10, 31), 150_000), (Self.on(12, 1), 10_000)]
    let open = Self.statement(invoices, requests: [Self.on(12, 1)])
    #expect(open.months.map(\.askedPence) == [90_000, 120_000, 30_000])
    #expect(open.months.last?.settled == nil && open.months.last?.invoicedPence == 0)
    #expect(open.invoicedThisMonthPence == 10_000 && open.askedAt == Self.on(12, 1))
    let asked = Self.statement(Array(invoices.prefix(2)), requests: [Self.on(10, 15)])
    #expect(asked.months.map(\.askedPence) == [90_000, 150_000, 0])
    #expect(asked.months[1].settled == .asked && asked.months[1].settledPence == 30_000 && asked.askedAt == nil)
  }

  /// A credit note in a later month takes from the balance first, then is paid back (asked below zero).
  @Test func aCreditTakesFromTheBalanceThenPaysBack() {
    let s = Self.statement([(Self.on(9, 30), 90_000), (Self.on(10, 31), 150_000), (Self.on(11, 5), -50_000)])
    #expect(s.months.map(\.askedPence) == [90_000, 120_000, -20_000])
    #expect(s.months.map(\.balancePence) == [0, 30_000, 0])
    #expect(s.months.map(\.askedPence).reduce(0, +) == 190_000)
  }

  /// March ends the year, and care paid by the person ending settles too.
  @Test func theYearsEndAndLeavingSettle() {
    let year = Self.statement(
      [(Self.on(2, 10, year: 2027), 150_000)], requests: [], now: Self.on(4, 2, year: 2027))
    #expect(year.months.map(\.askedPence) == [150_000, 0])
    let busy = Self.statement(
      [(Self.on(1, 10, year: 2027), 30_000), (Self.on(2, 10, year: 2027), 300_000)], now: Self.on(4, 2, year: 2027))
    #expect(busy.months.map(\.askedPence) == [30_000, 165_000, 135_000])
    #expect(busy.months[2].settled == .yearEnd && busy.months[2].settledPence == 25_000 && busy.balancePence == 0)
    let leaving = Self.statement(
      [(Self.on(9, 30), 30_000), (Self.on(10, 20), 150_000)], ends: Day(year: 2026, month: 10, day: 31)!)
    #expect(leaving.months[1].settled == .leaving && leaving.months[1].askedPence == 150_000)
  }
}
