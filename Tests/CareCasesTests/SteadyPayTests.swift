import CareCore
import CareLedger
import CareTestSupport
import Foundation
import SQLKit
import Testing

@testable import CareCases
@testable import CareStore

/// Steady pay through the store on both engines: the worker's choice, pay runs that pay the average of the
/// last runs' earnings and keep the difference in a balance that is the worker's, never below the minimum
/// wage, paid in full when asked, at the year's end or on leaving; nothing kept can change.
@Suite("Use cases: steady pay")
struct SteadyPayTests {
  /// A run paying one worker `minutes` of care at `hourly` pence (one visit, a new key each time).
  static func run(
    _ w: CasesWorld, _ finance: Requester, worker: ID<Account>, person: ID<Person>, minutes: Int, hourly: Int,
    basis: Engagement.Basis = .selfEmployed, key: String, yearEnd: Bool = false, leaving: Set<ID<Account>> = []
  ) async throws -> Payslip {
    let today = w.cases.today
    let permit = try AccessPolicy.permit(finance, .runPay(coop: finance.coopID))
    let visits =
      minutes == 0
      ? []
      : [
        PaidVisit(
          personID: person, visitKey: key, day: today, start: 10 * 60, minutes: minutes, unsocialMinutes: 0,
          travelMinutes: 0)
      ]
    let candidate = PayCandidate(
      workerID: worker, basis: basis, rates: PayRates(hourlyPence: hourly, unsocialPercent: 20, travelPercent: 100),
      visits: visits)
    let run = try await w.store.issuePayRun(
      permit: permit, period: InvoicePeriod(from: today, through: today), table: .standard,
      minimumHourlyPence: MinimumWage.hourlyPence(on: today), candidates: [candidate], unpaid: [], yearEnd: yearEnd,
      leaving: leaving, key: nil, env: w.cases.effects
    ).run
    return try #require(run.payslips.first { $0.workerID == worker })
  }

  /// The README's worked example: steady pay over three pay runs that earn £900, £1,500 and £600 pays £900,
  /// £1,200 and £900; then a busy run keeps £300, the worker asks for it, and the next run pays it with the
  /// steady amount.
  @Test(arguments: Engine.allCases)
  func steadyPayOverThreeUnevenRuns(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await RecordCasesTests.world(w)
      let finance = try await InvoiceCasesTests.finance(w, x.demo.demo)
      let (worker, person) = (x.worker.account.id, x.demo.demo.person.id)
      // Each chooses for themselves only (the finance hat's choice is its own); a choice not offered is refused.
      #expect(try await w.cases.choosePay(periods: 6, by: finance).workerID == finance.account.id)
      await #expect(
        throws: CareError.invalid("periods", "Choose plain pay, or steady pay over 2, 3, 4 or 6 pay runs")
      ) { try await w.cases.choosePay(periods: 5, by: x.worker) }
      #expect(try await w.cases.myPay(by: x.worker).position.choice == .plain)
      let chosen = try await w.cases.choosePay(periods: 3, by: x.worker)
      #expect(chosen.choice.periods == 3 && chosen.balancePence == 0)
      // £15.00 an hour: 60, 100 and 40 hours.
      func pay(_ hours: Int, _ key: String) async throws -> SteadyPayment {
        try await Self.run(w, finance, worker: worker, person: person, minutes: hours * 60, hourly: 1_500, key: key)
          .payment
      }
      let first = try await pay(60, "k1")
      #expect((first.earnedPence, first.paidPence, first.balancePence) == (90_000, 90_000, 0))
      let second = try await pay(100, "k2")
      #expect((second.earnedPence, second.paidPence, second.balancePence) == (150_000, 120_000, 30_000))
      #expect(try await w.cases.myPay(by: x.worker).position.balancePence == 30_000)
      let third = try await pay(40, "k3")
      #expect((third.earnedPence, third.paidPence, third.balancePence) == (60_000, 90_000, 0))
      // A busy run keeps £300 (the average of £600, £1,500 and £1,500 is £1,200).
      #expect(try await pay(100, "k4").balancePence == 30_000)
      await #expect(throws: CareError.conflict(FieldError("balance", "You have no steady pay balance to be paid"))) {
        try await w.cases.askForBalance(by: finance)
      }
      // Eight asks at once: one is kept, the rest are told it is asked already.
      let answers = await withTaskGroup(of: Bool.self) { group in
        for _ in 0..<8 { group.addTask { (try? await w.cases.askForBalance(by: x.worker)) != nil } }
        return await group.reduce(into: [Bool]()) { $0.append($1) }
      }
      #expect(answers.filter { $0 }.count == 1)
      #expect(try await w.cases.myPay(by: x.worker).position.askedAt != nil)
      // The next run pays the steady £1,200 and the whole balance, £600 by then.
      let settled = try await pay(100, "k5")
      #expect((settled.paidPence, settled.settledPence, settled.settled) == (180_000, 60_000, .asked))
      // The payroll export carries what steady pay adds: £1,800 paid for £1,500 earned.
      let run = try #require(
        try await w.cases.pay(by: finance).runs.first { $0.payslips.contains { $0.payment.settled == .asked } })
      let csv = try await w.cases.payRun(run.id, by: finance).payrollCSV
      #expect(csv.split(separator: "\r\n")[0].hasSuffix(",Minimum wage top-up,Steady pay adjustment"))
      #expect(csv.split(separator: "\r\n")[1].hasSuffix(",0.00,300.00"))
      let after = try await w.cases.myPay(by: x.worker)
      #expect(after.position.balancePence == 0 && after.position.askedAt == nil)
      #expect(after.position.earned == [90_000, 150_000, 60_000, 150_000, 150_000])
      #expect(after.position.paid == [90_000, 120_000, 90_000, 120_000, 180_000])
      #expect(after.payslips.map(\.payment.paidPence).sorted() == after.position.paid.sorted())
      let log = try await w.store.auditEvents(coop: x.demo.demo.coop.id)
      #expect(log.contains { $0.action == .choosePay && $0.detail.contains("last 3 pay runs") })
      #expect(log.filter { $0.action == .askForBalance }.count == 1)
      // Kept for good: a payment, a choice, a request cannot be changed or removed.
      let sql = w.store.db as! any SQLDatabase
      await #expect(throws: (any Error).self) { try await sql.raw("UPDATE payslip_payments SET paid_pence = 0").run() }
      await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM pay_choices").run() }
      await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM settlement_requests").run() }
    }
  }

  /// An employee on steady pay is never paid below the minimum wage for a run's working time, whatever the
  /// average; a quiet run with nothing to pay still pays from the balance; the tax year's last run and
  /// leaving pay the whole balance; going back to plain pay pays it too.
  @Test(arguments: Engine.allCases)
  func steadyPayKeepsTheMinimumWageAndIsPaidOutInFull(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await RecordCasesTests.world(w)
      let finance = try await InvoiceCasesTests.finance(w, x.demo.demo)
      let (worker, person) = (x.worker.account.id, x.demo.demo.person.id)
      let minimum = MinimumWage.hourlyPence(on: w.cases.today)
      #expect(minimum == 1_271)
      _ = try await w.cases.choosePay(periods: 2, by: x.worker)
      func pay(_ minutes: Int, _ key: String, hourly: Int = 1_300, yearEnd: Bool = false, leaving: Bool = false)
        async throws -> SteadyPayment
      {
        try await Self.run(
          w, finance, worker: worker, person: person, minutes: minutes, hourly: hourly, basis: .employed, key: key,
          yearEnd: yearEnd, leaving: leaving ? [worker] : []
        ).payment
      }
      #expect(try await pay(60, "m1").paidPence == 1_300)
      // Ten hours earn £130.00; the average of £13.00 and £130.00 is £71.50, below the £127.10 the law says
      // ten hours must be paid at least: £127.10 is paid, £2.90 kept.
      let floor = try await pay(600, "m2")
      #expect((floor.earnedPence, floor.paidPence, floor.balancePence) == (13_000, 12_710, 290))
      // Nothing to pay: the run pays from the balance (the average of £130.00 and nothing is more than it).
      let quiet = try await pay(0, "m3")
      #expect((quiet.earnedPence, quiet.paidPence, quiet.balancePence) == (0, 290, 0))
      // At £20.00 an hour: ten hours earn £200.00, paid the floor (£127.10, above the £100.00 average).
      #expect(try await pay(600, "m4", hourly: 2_000).balancePence == 7_290)
      // Twenty hours earn £400.00; the average of £200.00 and £400.00 is paid: £100.00 more kept.
      #expect(try await pay(1_200, "m5", hourly: 2_000).balancePence == 17_290)
      // The tax year's last run pays the steady amount (£300.00) and the whole balance (£72.90 after it).
      let yearEnd = try await pay(600, "m6", hourly: 2_000, yearEnd: true)
      #expect((yearEnd.settled, yearEnd.settledPence, yearEnd.paidPence) == (.yearEnd, 7_290, 37_290))
      #expect(yearEnd.balancePence == 0)
      #expect(try await pay(1_200, "m7", hourly: 2_000).balancePence == 10_000)
      let leaving = try await pay(1_200, "m8", hourly: 2_000, leaving: true)
      #expect((leaving.settled, leaving.settledPence, leaving.balancePence) == (.leaving, 10_000, 0))
      // Back to plain pay: a balance left (£200.00) is paid at the next run.
      #expect(try await pay(2_400, "m9", hourly: 2_000).balancePence == 20_000)
      _ = try await w.cases.choosePay(periods: 1, by: x.worker)
      let plain = try await pay(60, "m10", hourly: 2_000)
      #expect((plain.settled, plain.settledPence, plain.paidPence) == (.plainPay, 20_000, 22_000))
      #expect(plain.balancePence == 0 && plain.periods == 1)
      let position = try await w.cases.myPay(by: x.worker).position
      #expect(position.earned.reduce(0, +) == position.paid.reduce(0, +))
    }
  }
}
