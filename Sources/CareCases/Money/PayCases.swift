import CareCore
import CareLedger
import CareStore
import Crypto
import Foundation

public typealias PayRun = CareStore.PayRun
public typealias Payslip = CareStore.Payslip
public typealias PaidVisit = CareStore.PaidVisit
public typealias UnpaidWork = CareStore.UnpaidWork
public typealias PayCandidate = CareStore.PayCandidate
public typealias PayPosition = CareStore.PayPosition

/// The finance hat's pay page: the pay table in words, the runs, newest first.
public struct PayModel: Sendable {
  public let runs: [PayRun]
  /// The table in force today, and changes to it the members have decided that take effect later.
  public let table: PayTable
  public var upcoming: [SettingEntry] = []
  public let names: [ID<Account>: String]
  public let suggested: InvoicePeriod
  public let today: Day

  public func name(_ id: ID<Account>) -> String { names[id] ?? "someone no longer with the co-op" }
}

/// What a pay run would pay, shown before the finance hat says yes.
public struct PayRunPreview: Sendable {
  public let period: InvoicePeriod
  public let table: PayTable
  public let minimumHourlyPence: Int
  public let candidates: [(candidate: PayCandidate, reckoning: PayReckoning)]
  public let unpaid: [UnpaidWork]
  public let names: [ID<Account>: String]
  /// What each worker would be paid under their choice of plain or steady pay.
  public let payments: [ID<Account>: SteadyPayment]
  /// Whether the run pays every steady pay balance in full (the tax year's last run).
  public let yearEnd: Bool

  public func name(_ id: ID<Account>) -> String { names[id] ?? "someone no longer with the co-op" }
  /// What the run would pay in all.
  public var paidPence: Int { payments.values.reduce(0) { $0 + $1.paidPence } }
  /// Employees whose pay for all working time would fall short of the minimum wage.
  public var shortfalls: [(candidate: PayCandidate, reckoning: PayReckoning)] {
    candidates.filter { $0.candidate.basis == .employed && $0.reckoning.shortfallPence > 0 }
  }
}

/// One pay run, with everyone's names.
public struct PayRunModel: Sendable {
  public let run: PayRun
  public let names: [ID<Account>: String]
  public let personNames: [ID<Person>: String]

  public func name(_ id: ID<Account>) -> String { names[id] ?? "someone no longer with the co-op" }
}

/// A worker's own payslips.
public struct MyPayModel: Sendable {
  public let worker: Account
  public let payslips: [Payslip]
  public let personNames: [ID<Person>: String]
  /// Their choice of plain or steady pay, their balance, whether they asked for it.
  public let position: PayPosition
}

/// Pay from the workers' confirmed visits: each priced by the worker's engagement and the co-op's pay table
/// (unsocial hours, travel between visits: the table the members' decisions put in force on the period's
/// first day, as the minimum wage is), checked against the minimum wage in force for all working time,
/// run by the finance hat in two steps, exported for payroll; each worker sees only their own.
extension Cases {
  public func checkMayRunPay(by requester: Requester) throws {
    _ = try AccessPolicy.permit(requester, .runPay(coop: requester.coopID))
  }

  public func pay(by requester: Requester) async throws -> PayModel {
    let permit = try AccessPolicy.permit(requester, .runPay(coop: requester.coopID))
    let runs = try await store.payRuns(permit: permit)
    let ids = Set(
      runs.map(\.ranBy) + runs.flatMap { $0.payslips.map(\.workerID) } + runs.flatMap { $0.unpaid.map(\.workerID) })
    let settings = try await coopSettings(requester.coopID)
    var model = PayModel(
      runs: runs, table: settings.payTable(on: today), names: try await store.accountNames(Array(ids)),
      suggested: InvoicePeriod.lastMonth(before: today), today: today)
    model.upcoming = settings.upcoming(after: today).filter { $0.setting.group == Setting.unsocialPercent.group }
    return model
  }

  /// What a run would pay (nothing kept): each worker's pay and minimum wage check, and what their choice
  /// of plain or steady pay pays them.
  public func previewPay(from: Day?, through: Day?, yearEnd: Bool = false, by requester: Requester) async throws
    -> PayRunPreview
  {
    let permit = try AccessPolicy.permit(requester, .runPay(coop: requester.coopID))
    let period = try InvoicePeriod.validated(from: from, through: through, today: today)
    let table = try await coopSettings(requester.coopID).payTable(on: period.from)
    let minimum = MinimumWage.hourlyPence(on: period.from)
    let facts = try await payFacts(period, table: table, permit)
    let reckoned = facts.candidates.map { ($0, PayReckoning($0.worked, rates: $0.rates, minimumHourlyPence: minimum)) }
    var earnings: [ID<Account>: (earned: Int, floor: Int)] = [:]
    for (candidate, reckoning) in reckoned {
      let employed = candidate.basis == .employed
      earnings[candidate.workerID] = (
        reckoning.pence + (employed ? reckoning.shortfallPence : 0), employed ? reckoning.minimumPence : 0
      )
    }
    let payments = try await store.steadyPayments(
      permit: permit, earnings: earnings, yearEnd: yearEnd, leaving: facts.leaving)
    let ids = Set(facts.candidates.map(\.workerID) + facts.unpaid.map(\.workerID))
    return PayRunPreview(
      period: period, table: table, minimumHourlyPence: minimum, candidates: reckoned, unpaid: facts.unpaid,
      names: try await store.accountNames(Array(ids)), payments: payments, yearEnd: yearEnd)
  }

  public func runPay(
    from: Day?, through: Day?, yearEnd: Bool = false, key: String? = nil, by requester: Requester
  ) async throws -> (run: PayRun, replayed: Bool) {
    let permit = try AccessPolicy.permit(requester, .runPay(coop: requester.coopID))
    let period = try InvoicePeriod.validated(from: from, through: through, today: today)
    if let key, key.isEmpty || key.count > 255 || TextRules.firstForbidden(in: key, multiline: false) != nil {
      throw CareError.invalid("Idempotency-Key", "An Idempotency-Key is 1 to 255 characters, no control characters")
    }
    let hash = SHA256.hash(data: Data("pay|\(period.from.iso)|\(period.through.iso)|\(yearEnd)".utf8))
      .map { String(format: "%02x", $0) }.joined()
    let table = try await coopSettings(requester.coopID).payTable(on: period.from)
    let facts = try await payFacts(period, table: table, permit)
    return try await store.issuePayRun(
      permit: permit, period: period, table: table, minimumHourlyPence: MinimumWage.hourlyPence(on: period.from),
      candidates: facts.candidates, unpaid: facts.unpaid, yearEnd: yearEnd, leaving: facts.leaving,
      key: key.map { IdempotencyKey(key: $0, requestHash: hash) }, env: effects)
  }

  /// Keeps the requester's choice of plain pay or steady pay over some pay runs (from the next run on).
  public func choosePay(periods: Int?, by requester: Requester) async throws -> PayPosition {
    let permit = try AccessPolicy.permit(requester, .choosePay(coop: requester.coopID, worker: requester.account.id))
    let periods = try PayChoice.validated(periods: periods)
    return try await store.choosePay(periods: periods, permit: permit, env: effects)
  }

  /// Asks for the requester's whole steady pay balance to be paid by the next pay run.
  public func askForBalance(by requester: Requester) async throws -> PayPosition {
    let permit = try AccessPolicy.permit(requester, .choosePay(coop: requester.coopID, worker: requester.account.id))
    return try await store.askForBalance(permit: permit, env: effects)
  }

  public func payRun(_ id: UUID, by requester: Requester) async throws -> PayRunModel {
    let permit = try AccessPolicy.permit(requester, .runPay(coop: requester.coopID))
    guard let run = try await store.payRun(id, permit: permit) else { throw CareError.notFound }
    let ids = Set([run.ranBy] + run.payslips.map(\.workerID) + run.unpaid.map(\.workerID))
    return PayRunModel(
      run: run, names: try await store.accountNames(Array(ids)),
      personNames: try await store.personNames(Array(Set(run.payslips.flatMap { $0.visits.map(\.personID) }))))
  }

  /// The requester's own payslips.
  public func myPay(by requester: Requester) async throws -> MyPayModel {
    let permit = try AccessPolicy.permit(
      requester, .viewPay(coop: requester.coopID, worker: requester.account.id))
    let slips = try await store.payslips(permit: permit)
    return MyPayModel(
      worker: requester.account, payslips: slips,
      personNames: try await store.personNames(Array(Set(slips.flatMap { $0.visits.map(\.personID) }))),
      position: try await store.payPosition(permit: permit))
  }

  /// What a run over `period` works from.
  private struct PayFacts {
    var candidates: [PayCandidate]
    var unpaid: [UnpaidWork]
    /// Every candidate's position (choice, history, balance).
    var positions: [ID<Account>: PayPosition]
    /// The candidates with no engagement after the run's last day: their balance is paid in full.
    var leaving: Set<ID<Account>>
  }

  /// The visits to pay (see `payVisits`), and the workers with a steady pay balance but nothing new to
  /// pay, priced by their latest engagement: steady pay pays them through a quiet period too.
  private func payFacts(_ period: InvoicePeriod, table: PayTable, _ permit: Permit) async throws -> PayFacts {
    var (candidates, unpaid) = try await payVisits(period, table: table, permit)
    let engagements = Dictionary(grouping: try await store.engagementsForPay(permit: permit), by: \.accountID)
    let positions = try await store.payPositions(permit: permit, workers: candidates.map(\.workerID))
    let have = Set(candidates.map(\.workerID))
    for (worker, position) in positions.sorted(by: { $0.key.description < $1.key.description })
    where !have.contains(worker) && position.balancePence > 0 {
      guard let engagement = engagements[worker]?.filter({ $0.startedOn <= period.through }).last else { continue }
      candidates.append(
        PayCandidate(
          workerID: worker, basis: engagement.basis,
          rates: PayRates(
            hourlyPence: engagement.hourlyPence, unsocialPercent: table.unsocialPercent,
            travelPercent: table.travelPercent),
          visits: []))
    }
    let leaving = Set(
      candidates.map(\.workerID).filter { worker in
        let all = engagements[worker] ?? []
        return !all.isEmpty && !all.contains { $0.endedOn.map { $0 > period.through } ?? true }
      })
    return PayFacts(candidates: candidates, unpaid: unpaid, positions: positions, leaving: leaving)
  }

  /// Each worker's confirmed visits in the days not paid before, priced by the engagement covering the
  /// days' last day, with the unsocial minutes and the travel from the visit before (the shorter of the
  /// gap and the journey at the worker's way of travelling); and the work not paid, with why.
  private func payVisits(_ period: InvoicePeriod, table: PayTable, _ permit: Permit) async throws
    -> ([PayCandidate], [UnpaidWork])
  {
    let people = try await store.peopleWithVisits(permit: permit, period: period)
    let homes = try await store.homes(permit: permit, people: people)
    let engagements = Dictionary(grouping: try await store.engagementsForPay(permit: permit), by: \.accountID)
    struct Worked {
      let visit: RotaVisit
      let start: Int
      let minutes: Int
    }
    var byWorker: [ID<Account>: [Worked]] = [:]
    var unpaid: [UnpaidWork] = []
    for person in people {
      let facts = try await store.visitFactsForHours(person: person, from: period.from, through: period.through)
      for visit in facts.visits {
        let times = VisitTimes(
          visit: visit, answers: facts.answers.filter { $0.visitKey == visit.key },
          autoConfirmDays: facts.autoConfirmDays, now: effects.now())
        switch times.state {
        case .pending:
          unpaid.append(
            UnpaidWork(
              workerID: visit.workerID, visitKey: visit.key, day: visit.day, minutes: visit.length, why: .notConfirmed))
        case .disputed:
          unpaid.append(
            UnpaidWork(
              workerID: visit.workerID, visitKey: visit.key, day: visit.day, minutes: visit.length, why: .disputed))
        case .confirmed:
          guard let minutes = times.confirmedMinutes, minutes > 0 else { continue }
          byWorker[visit.workerID, default: []].append(
            Worked(visit: visit, start: times.start ?? visit.start, minutes: minutes))
        }
      }
    }
    let paid = try await store.paidVisitKeys(permit: permit, workers: Array(byWorker.keys))
    let travel = StraightLineTravel()
    var candidates: [PayCandidate] = []
    for (worker, all) in byWorker.sorted(by: { $0.key.description < $1.key.description }) {
      let worked = all.filter { !paid.contains("\(worker)|\($0.visit.key)") }
      guard !worked.isEmpty else { continue }
      guard let engagement = engagements[worker]?.last(where: { $0.covers(period.through) }) else {
        unpaid += worked.map {
          UnpaidWork(
            workerID: worker, visitKey: $0.visit.key, day: $0.visit.day, minutes: $0.minutes, why: .noEngagement)
        }
        continue
      }
      let mode = try await store.consentZone(account: worker)?.travelMode ?? .walk
      var visits: [PaidVisit] = []
      for (_, day) in Dictionary(grouping: worked, by: \.visit.day).sorted(by: { $0.key < $1.key }) {
        let ordered = day.sorted { ($0.start, $0.visit.key) < ($1.start, $1.visit.key) }
        for (index, w) in ordered.enumerated() {
          var journey = 0
          if index > 0 {
            let before = ordered[index - 1]
            let gap = max(0, w.start - (before.start + before.minutes))
            if let from = homes[before.visit.personID]?.position, let to = homes[w.visit.personID]?.position {
              journey = min(gap, travel.minutes(from: from, to: to, by: mode))
            }
          }
          let weekend = table.weekends && CoopCalendar.london.weekStart(of: w.visit.day).days(to: w.visit.day) >= 5
          visits.append(
            PaidVisit(
              personID: w.visit.personID, visitKey: w.visit.key, day: w.visit.day, start: w.start, minutes: w.minutes,
              unsocialMinutes: CareLedger.unsocialMinutes(
                start: w.start, minutes: w.minutes, weekend: weekend, evening: table.eveningFrom,
                morning: table.morningUntil),
              travelMinutes: journey))
        }
      }
      candidates.append(
        PayCandidate(
          workerID: worker, basis: engagement.basis,
          rates: PayRates(
            hourlyPence: engagement.hourlyPence, unsocialPercent: table.unsocialPercent,
            travelPercent: table.travelPercent),
          visits: visits))
    }
    unpaid.sort { ($0.day, $0.visitKey) < ($1.day, $1.visitKey) }
    return (candidates, unpaid)
  }
}

// MARK: - The payroll export

extension PayRunModel {
  /// The run as CSV for a UK payroll tool's hourly-payments import (BrightPay's "Import Hourly Payments":
  /// its 'Match Header Row' matches these headers): a row a worker — first name, surname, then three
  /// payments (care, the unsocial hours extra, travel), each a description, a rate per hour in pounds and a
  /// number of normal hours to two places. RFC 4180, formula-safe like the invoice CSV.
  public var payrollCSV: String {
    var header = ["Employee first name", "Employee surname"]
    for n in 1...3 {
      header += ["Payment \(n) description", "Payment \(n) rate per hour", "Payment \(n) number of normal hours"]
    }
    // Amounts, not hours: for the payroll tool's payments-and-deductions import, not matched by the hourly one.
    header += ["Minimum wage top-up", "Steady pay adjustment"]
    var rows = [header]
    for slip in run.payslips {
      let full = name(slip.workerID)
      let parts = full.split(separator: " ")
      let (first, surname) =
        parts.count > 1 ? (parts.dropLast().joined(separator: " "), String(parts.last!)) : (full, "")
      var row = [first, surname]
      for line in slip.reckoning.lines {
        let what =
          switch line.item {
          case .care: "Care visits"
          case .unsocial: "Unsocial hours extra"
          case .travel: "Travel between visits"
          }
        row += [what, InvoiceModel.pounds(line.hourlyPence), InvoiceModel.hours(line.minutes)]
      }
      row += [InvoiceModel.pounds(slip.shortfallPence), InvoiceModel.pounds(slip.payment.adjustmentPence)]
      rows.append(row)
    }
    return rows.map { $0.map(InvoiceModel.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
  }
}
