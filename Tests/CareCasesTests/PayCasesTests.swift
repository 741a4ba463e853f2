import CareCore
import CareLedger
import CareTestSupport
import Foundation
import SQLKit
import Testing

@testable import CareCases
@testable import CareStore

/// Pay on both engines: the finance hat's run pays each worker's confirmed visits at their engagement's
/// hourly pay with the pay table's extras, checks employees against the minimum wage, lists the work not
/// paid, pays a visit once; each worker sees only their own payslips; nothing kept can change.
@Suite("Use cases: pay")
struct PayCasesTests {
  @Test(arguments: Engine.allCases)
  func aRunPaysConfirmedVisitsOnceAndChecksTheMinimumWage(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await RecordCasesTests.world(w)
      let finance = try await InvoiceCasesTests.finance(w, x.demo.demo)
      let monday = CoopCalendar.london.weekStart(of: w.cases.today)
      let today = w.cases.today
      await #expect(throws: CareError.forbidden) {
        try await w.cases.previewPay(from: monday, through: today, by: x.worker)
      }
      // The worker's visit, confirmed by both sides; no engagement yet: listed, not paid.
      try await w.cases.confirmTimes(
        x.visit.id, start: CoopCalendar.clockText(x.visit.start), end: CoopCalendar.clockText(x.visit.end),
        by: x.worker)
      try await w.cases.answerTimes(x.visit.id, agree: true, reason: "", by: x.person)
      var preview = try await w.cases.previewPay(from: monday, through: today, by: finance)
      #expect(preview.candidates.isEmpty)
      #expect(preview.unpaid.first { $0.visitKey == x.visit.key }?.why == .noEngagement)
      #expect(preview.unpaid.filter { $0.visitKey != x.visit.key }.allSatisfy { $0.why == .notConfirmed })
      // Employed at £12.00 an hour: below the minimum wage in force (£12.71 from April 2026), and said so.
      try await w.cases.startEngagement(
        NewEngagement(basis: .employed, hourlyPence: 1_200, startedOn: monday.iso), for: x.worker.account.id,
        by: finance)
      preview = try await w.cases.previewPay(from: monday, through: today, by: finance)
      #expect(preview.minimumHourlyPence == 1_271)
      let (candidate, reckoning) = try #require(preview.candidates.first)
      #expect(preview.candidates.count == 1 && candidate.workerID == x.worker.account.id)
      #expect(candidate.visits.map(\.visitKey) == [x.visit.key] && reckoning.workingMinutes == x.visit.length)
      let unsocial = CareLedger.unsocialMinutes(
        start: x.visit.start, minutes: x.visit.length,
        weekend: CoopCalendar.london.weekStart(of: x.visit.day).days(to: x.visit.day) >= 5, evening: 20 * 60,
        morning: 7 * 60)
      #expect(candidate.worked == WorkedMinutes(care: x.visit.length, unsocial: unsocial, travel: 0))
      #expect(
        reckoning.pence
          == Charge.pence(minutes: x.visit.length, hourlyPence: 1_200)
          + Charge.pence(minutes: unsocial, hourlyPence: 240))
      #expect(preview.shortfalls.count == (reckoning.pence * 60 < x.visit.length * 1_271 ? 1 : 0))
      // Run: one payslip; run again: the visit is not paid twice.
      let run = try await w.cases.runPay(from: monday, through: today, by: finance).run
      #expect(run.payslips.map(\.workerID) == [x.worker.account.id] && run.payslips[0].pence == reckoning.pence)
      #expect(try await w.cases.runPay(from: monday, through: today, by: finance).run.payslips.isEmpty)
      // Each worker sees only their own.
      #expect(try await w.cases.myPay(by: x.worker).payslips.map(\.id) == [run.payslips[0].id])
      #expect(try await w.cases.myPay(by: x.person).payslips.isEmpty)
      await #expect(throws: CareError.forbidden) { try await w.cases.payRun(run.id, by: x.worker) }
      #expect(try await w.cases.payRun(run.id, by: finance).run.payslips.count == 1)
      // The CSV for payroll: a row a worker, three payments.
      let csv = try await w.cases.payRun(run.id, by: finance).payrollCSV
      #expect(csv.hasPrefix("Employee first name,Employee surname,Payment 1 description,Payment 1 rate per hour"))
      #expect(csv.contains(",Care visits,12.00,"))
      // Kept for good.
      let sql = w.store.db as! any SQLDatabase
      await #expect(throws: (any Error).self) { try await sql.raw("UPDATE payslips SET pence = 0").run() }
      await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM payslip_visits").run() }
    }
  }

  /// Eight pay runs at once over the same days pay the visit once between them.
  @Test(arguments: Engine.allCases)
  func racingRunsPayEachVisitOnce(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await RecordCasesTests.world(w)
      let finance = try await InvoiceCasesTests.finance(w, x.demo.demo)
      let monday = CoopCalendar.london.weekStart(of: w.cases.today)
      let today = w.cases.today
      try await w.cases.startEngagement(
        NewEngagement(basis: .selfEmployed, hourlyPence: 1_500, startedOn: monday.iso), for: x.worker.account.id,
        by: finance)
      try await w.cases.confirmTimes(
        x.visit.id, start: CoopCalendar.clockText(x.visit.start), end: CoopCalendar.clockText(x.visit.end),
        by: x.worker)
      try await w.cases.answerTimes(x.visit.id, agree: true, reason: "", by: x.person)
      let runs = try await withThrowingTaskGroup(of: CareStore.PayRun.self) { group in
        for _ in 0..<8 { group.addTask { try await w.cases.runPay(from: monday, through: today, by: finance).run } }
        return try await group.reduce(into: [CareStore.PayRun]()) { $0.append($1) }
      }
      let slips = runs.flatMap(\.payslips)
      #expect(slips.count == 1 && slips.flatMap(\.visits).map(\.visitKey) == [x.visit.key])
      #expect(slips.first?.shortfallPence == 0, "the minimum wage check is for employees")
    }
  }
}
