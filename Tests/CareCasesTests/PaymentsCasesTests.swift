import CareCore
import CareLedger
import CareTestSupport
import Foundation
import SQLKit
import Testing

@testable import CareCases
@testable import CareStore

/// Steady payments towards one's own care on both engines: only someone who is invoiced themselves has a
/// choice to make; the person or their arranger chooses (not a worker, not the finance hat); their
/// invoices flow into the statement month by month; a credit note is paid back; the rows are append-only.
@Suite("Use cases: steady payments towards one's own care")
struct PaymentsCasesTests {
  @Test(arguments: Engine.allCases)
  func aPersonsInvoicesBecomeTheirStatement(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await RecordCasesTests.world(w)
      let demo = x.demo.demo
      let person = demo.person.id
      let finance = try await InvoiceCasesTests.finance(w, demo)
      let arranger = try await w.cases.requester(for: demo.arranger)
      let monday = CoopCalendar.london.weekStart(of: w.cases.today)
      // Paid for by the council alone: nothing is invoiced to them, so there is nothing to choose.
      await #expect(
        throws: CareError.conflict(
          FieldError("periods", "No agreement of theirs is paid by them: nothing is invoiced to them"))
      ) { try await w.cases.choosePayments(person, periods: 3, by: x.person) }
      #expect(try await w.cases.payments(person, by: x.person).paysTowardsCare == false)
      // They pay for some care themselves, from four weeks ago (so it pays first, by the payer rule).
      try await w.cases.recordFunding(
        FundingTerms(
          funder: .selfFunded, funderName: demo.personAccount.name, minutesPerPeriod: 600, period: .week,
          starts: monday.adding(days: -28), ratePence: 2_000),
        person: person, by: finance)
      // Theirs to choose (or their arranger's): not the worker's, not the finance hat's; a choice offered.
      await #expect(throws: CareError.self) { try await w.cases.choosePayments(person, periods: 3, by: x.worker) }
      await #expect(throws: CareError.forbidden) { try await w.cases.choosePayments(person, periods: 3, by: finance) }
      await #expect(
        throws: CareError.invalid(
          "periods", "Choose to pay what is invoiced, or a steady amount over 2, 3, 4 or 6 months")
      ) { try await w.cases.choosePayments(person, periods: 5, by: x.person) }
      let chosen = try await w.cases.choosePayments(person, periods: 3, by: arranger)
      #expect(chosen.statement.choice.periods == 3 && chosen.mayChoose && chosen.paysTowardsCare)
      // A visit's times agreed; the run invoices the person for it.
      try await w.cases.confirmTimes(
        x.visit.id, start: CoopCalendar.clockText(x.visit.start), end: CoopCalendar.clockText(x.visit.end),
        by: x.worker)
      try await w.cases.answerTimes(x.visit.id, agree: true, reason: "", by: x.person)
      let run = try await w.cases.issueInvoices(from: monday, through: w.cases.today, by: finance).run
      let invoice = try #require(run.invoices.first { $0.funder == .selfFunded })
      #expect(invoice.pence == Charge.pence(minutes: x.visit.length, hourlyPence: 2_000))
      // This month is under way: invoiced so far, nothing asked yet, so nothing to settle.
      let now = try await w.cases.payments(person, by: finance)
      #expect(now.statement.months.isEmpty && now.statement.invoicedThisMonthPence == invoice.pence)
      #expect(!now.mayChoose)
      await #expect(throws: CareError.conflict(FieldError("balance", "There is no balance to settle"))) {
        try await w.cases.askToSettlePayments(person, by: x.person)
      }
      // The month ends: one month, asked what was invoiced (the average of one month), nothing left.
      w.clock.advance(6 * 86_400)
      let closed = try await w.cases.payments(person, by: x.person).statement
      #expect(closed.months.map(\.invoicedPence) == [invoice.pence])
      #expect(closed.months.map(\.askedPence) == [invoice.pence] && closed.balancePence == 0)
      // Credited the next month: paid back at that month's end; the first month stands as it was.
      _ = try await w.cases.creditInvoice(invoice.id, reason: "Visit was cancelled", by: finance)
      w.clock.advance(31 * 86_400)
      let later = try await w.cases.payments(person, by: arranger).statement
      #expect(later.months.map(\.askedPence) == [invoice.pence, -invoice.pence])
      #expect(later.months.map(\.invoicedPence) == [invoice.pence, -invoice.pence] && later.balancePence == 0)
      // Who chose is in the person's log; the rows cannot change.
      let log = try await w.store.auditEvents(coop: demo.coop.id, person: person)
      #expect(
        log.contains { $0.action == .choosePayments && $0.actorID == demo.arranger.id && $0.onBehalfOf == person })
      let sql = w.store.db as! any SQLDatabase
      await #expect(throws: (any Error).self) { try await sql.raw("UPDATE payment_choices SET periods = 6").run() }
      await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM payment_choices").run() }
    }
  }

  /// A quiet month then a busy one, on a steady amount over two months: a balance is kept; eight asks at
  /// once to settle it keep one, the rest are told it is asked already; the month's end asks all of it.
  @Test(arguments: Engine.allCases)
  func askingToSettleIsKeptOnceAndMetAtTheMonthsEnd(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await RecordCasesTests.world(w)
      let demo = x.demo.demo
      let person = demo.person.id
      let finance = try await InvoiceCasesTests.finance(w, demo)
      let monday = CoopCalendar.london.weekStart(of: w.cases.today)
      try await w.cases.recordFunding(
        FundingTerms(
          funder: .directPayment, funderName: demo.personAccount.name, minutesPerPeriod: 6_000, period: .week,
          starts: monday.adding(days: -28), ratePence: 2_000),
        person: person, by: finance)
      _ = try await w.cases.choosePayments(person, periods: 2, by: x.person)
      // Agrees every visit of theirs that has ended by now in these days, and invoices them.
      func invoiceVisits(from: Day) async throws -> Int {
        let now = w.cases.effects.now()
        let week = try await w.cases.personWeek(
          person, monday: CoopCalendar.london.weekStart(of: w.cases.today), by: x.person)
        for visit in week.visits.map(\.visit)
        where visit.slot == 0 && visit.day >= from
          && CoopCalendar.london.instant(on: visit.day, atMinute: visit.end) <= now
        {
          let worker = try await w.cases.requester(for: try #require(try await w.store.account(visit.workerID)))
          try await w.cases.confirmTimes(
            visit.id, start: CoopCalendar.clockText(visit.start), end: CoopCalendar.clockText(visit.end), by: worker)
          try await w.cases.answerTimes(visit.id, agree: true, reason: "", by: x.person)
        }
        let run = try await w.cases.issueInvoices(from: from, through: w.cases.today, by: finance).run
        return run.invoices.filter { $0.funder == .directPayment }.reduce(0) { $0 + $1.pence }
      }
      // May: today's visits (a Thursday). June: the first three days of next week; then the month ends.
      let may = try await invoiceVisits(from: w.cases.today)
      w.clock.advance(6 * 86_400)
      let june = try await invoiceVisits(from: monday.adding(days: 7))
      w.clock.advance(30 * 86_400)
      let statement = try await w.cases.payments(person, by: x.person).statement
      #expect(statement.months.map(\.invoicedPence) == [may, june])
      #expect(may > 0 && june > may, "a quiet month, then a busier one: \(may), \(june)")
      let steady = (may + june) / 2
      #expect(statement.months.map(\.askedPence) == [may, steady] && statement.balancePence == june - steady)
      // Eight asks at once: one is kept.
      let answers = await withTaskGroup(of: Bool.self) { group in
        for _ in 0..<8 { group.addTask { (try? await w.cases.askToSettlePayments(person, by: x.person)) != nil } }
        return await group.reduce(into: [Bool]()) { $0.append($1) }
      }
      #expect(answers.filter { $0 }.count == 1)
      await #expect(
        throws: CareError.conflict(FieldError("balance", "You have asked already: this month's end settles it"))
      ) { try await w.cases.askToSettlePayments(person, by: x.person) }
      #expect(try await w.cases.payments(person, by: x.person).statement.askedAt != nil)
      // July ends (no visits invoiced in it): asks all that is left, and the request is met.
      w.clock.advance(31 * 86_400)
      let settled = try await w.cases.payments(person, by: x.person).statement
      #expect(settled.months.count == 3 && settled.months[2].invoicedPence == 0)
      #expect(settled.months[2].askedPence == june - steady && settled.balancePence == 0 && settled.askedAt == nil)
      #expect(settled.months.map(\.askedPence).reduce(0, +) == may + june)
    }
  }
}
