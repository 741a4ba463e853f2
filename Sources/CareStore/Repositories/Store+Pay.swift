import CareCore
import CareLedger
import FluentKit
import Foundation

final class PayRunRow: Model, @unchecked Sendable {
  static let schema = "pay_runs"
  @IDProperty<PayRunRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "period_from") var periodFrom: String
  @Field(key: "period_through") var periodThrough: String
  @Field(key: "ran_at") var ranAt: Date
  @Field(key: "ran_by") var ranBy: UUID
  @Field(key: "pay_table") var payTable: String
  @Field(key: "minimum_pence") var minimumPence: Int
  @Field(key: "unpaid") var unpaid: String
  @OptionalField(key: "idempotency_key") var idempotencyKey: String?
  @OptionalField(key: "request_hash") var requestHash: String?
  init() {}
}

final class PayslipRow: Model, @unchecked Sendable {
  static let schema = "payslips"
  @IDProperty<PayslipRow, UUID>(key: .id) var id: UUID?
  @Field(key: "run_id") var runID: UUID
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "worker_id") var workerID: UUID
  @Field(key: "basis") var basis: String
  @Field(key: "hourly_pence") var hourlyPence: Int
  @Field(key: "unsocial_percent") var unsocialPercent: Int
  @Field(key: "travel_percent") var travelPercent: Int
  @Field(key: "care_minutes") var careMinutes: Int
  @Field(key: "unsocial_minutes") var unsocialMinutes: Int
  @Field(key: "travel_minutes") var travelMinutes: Int
  @Field(key: "pence") var pence: Int
  @Field(key: "shortfall_pence") var shortfallPence: Int
  init() {}
}

final class PayslipVisitRow: Model, @unchecked Sendable {
  static let schema = "payslip_visits"
  @IDProperty<PayslipVisitRow, UUID>(key: .id) var id: UUID?
  @Field(key: "payslip_id") var payslipID: UUID
  @Field(key: "worker_id") var workerID: UUID
  @Field(key: "person_id") var personID: UUID
  @Field(key: "visit_key") var visitKey: String
  @Field(key: "day") var day: String
  @Field(key: "start_minute") var startMinute: Int
  @Field(key: "minutes") var minutes: Int
  @Field(key: "unsocial_minutes") var unsocialMinutes: Int
  @Field(key: "travel_minutes") var travelMinutes: Int
  init() {}
}

/// A worker's visit a pay run pays: its confirmed minutes, those in unsocial hours, and the travel from the
/// visit before it that day.
public struct PaidVisit: Sendable, Hashable {
  public let personID: ID<Person>
  public let visitKey: String
  public let day: Day
  public let start: Int
  public let minutes: Int
  public let unsocialMinutes: Int
  public let travelMinutes: Int

  public init(
    personID: ID<Person>, visitKey: String, day: Day, start: Int, minutes: Int, unsocialMinutes: Int,
    travelMinutes: Int
  ) {
    (self.personID, self.visitKey, self.day, self.start) = (personID, visitKey, day, start)
    (self.minutes, self.unsocialMinutes, self.travelMinutes) = (minutes, unsocialMinutes, travelMinutes)
  }
}

/// What a pay run would pay one worker: their engagement's basis and rates, and their confirmed visits.
public struct PayCandidate: Sendable {
  public let workerID: ID<Account>
  public let basis: Engagement.Basis
  public let rates: PayRates
  public let visits: [PaidVisit]

  public init(workerID: ID<Account>, basis: Engagement.Basis, rates: PayRates, visits: [PaidVisit]) {
    (self.workerID, self.basis, self.rates, self.visits) = (workerID, basis, rates, visits)
  }

  public var worked: WorkedMinutes {
    visits.reduce(WorkedMinutes()) {
      $0 + WorkedMinutes(care: $1.minutes, unsocial: $1.unsocialMinutes, travel: $1.travelMinutes)
    }
  }
}

/// Work a pay run did not pay, and why: kept with the run.
public struct UnpaidWork: Sendable, Hashable, Codable {
  public enum Why: String, Sendable, Hashable, Codable, CaseIterable {
    case notConfirmed, disputed, noEngagement

    public var words: String {
      switch self {
      case .notConfirmed: "times not confirmed yet"
      case .disputed: "times disputed"
      case .noEngagement: "no engagement with pay covers the day"
      }
    }
  }

  public let workerID: ID<Account>
  public let visitKey: String
  public let day: Day
  public let minutes: Int
  public let why: Why

  public init(workerID: ID<Account>, visitKey: String, day: Day, minutes: Int, why: Why) {
    (self.workerID, self.visitKey, self.day, self.minutes, self.why) = (workerID, visitKey, day, minutes, why)
  }
}

/// One worker's pay for a run's days: what they worked, its lines, the minimum wage check, the visits.
public struct Payslip: Sendable, Hashable, Identifiable {
  public let id: UUID
  public let runID: UUID
  public let workerID: ID<Account>
  public let period: InvoicePeriod
  public let ranAt: Date
  public let basis: Engagement.Basis
  public let rates: PayRates
  public let worked: WorkedMinutes
  public let reckoning: PayReckoning
  public let visits: [PaidVisit]
  /// What it earned and paid, and the steady pay balance after it.
  public let payment: SteadyPayment

  public var pence: Int { reckoning.pence }
  /// The minimum wage applies to the co-op's employees, not to the self-employed.
  public var shortfallPence: Int { basis == .employed ? reckoning.shortfallPence : 0 }
}

/// A pay run as kept.
public struct PayRun: Sendable, Hashable, Identifiable {
  public let id: UUID
  public let period: InvoicePeriod
  public let ranAt: Date
  public let ranBy: ID<Account>
  public let table: PayTable
  public let minimumHourlyPence: Int
  public let payslips: [Payslip]
  public let unpaid: [UnpaidWork]
}

/// Pay: runs over some days issued by the finance hat from the workers' confirmed visits, each worker's visit
/// paid once (an index), never changed after (the database refuses).
extension Store {
  /// Every engagement of the co-op's workers (the pay run prices each worker's visits by theirs).
  public func engagementsForPay(permit: Permit) async throws -> [Engagement] {
    try Self.check(permit, .runPay)
    return try await EngagementRow.query(on: db).filter(\.$coopID == permit.coopID.rawValue).sort(\.$startedOn).all()
      .map { try $0.value }
  }

  /// The homes of these people (for the travel between visits).
  public func homes(permit: Permit, people: [ID<Person>]) async throws -> [ID<Person>: Home] {
    try Self.check(permit, .runPay)
    guard !people.isEmpty else { return [:] }
    let rows = try await HomeRow.query(on: db)
      .filter(\.$id ~~ Set(people.map(\.rawValue)).sorted { $0.uuidString < $1.uuidString }).all()
    return Dictionary(uniqueKeysWithValues: try rows.map { (CareCore.ID($0.id!), try $0.value()) })
  }

  /// The visits of these workers already paid by a run.
  public func paidVisitKeys(permit: Permit, workers: [ID<Account>]) async throws -> Set<String> {
    try Self.check(permit, .runPay)
    return try await Self.paidKeys(workers, on: db)
  }

  /// Issues a pay run: a payslip for each candidate with visits not paid before (those are dropped: a
  /// racing run paid them) or with a steady pay balance, priced by their rates and checked against the
  /// minimum wage in force, paying what their choice of plain or steady pay says (the whole balance too for
  /// those `leaving`, at the `yearEnd`, or when they asked); all in one transaction, the co-op's pay locked
  /// while it runs. With a key: the same key and request replays.
  public func issuePayRun(
    permit: Permit, period: InvoicePeriod, table: PayTable, minimumHourlyPence: Int, candidates: [PayCandidate],
    unpaid: [UnpaidWork], yearEnd: Bool = false, leaving: Set<ID<Account>> = [], key: IdempotencyKey?, env: Effects
  ) async throws -> (run: PayRun, replayed: Bool) {
    try Self.check(permit, .runPay)
    let coop = permit.coopID
    let actor = permit.requester.account.id
    let tableText = String(decoding: try Self.weekEncoder.encode(table), as: UTF8.self)
    let unpaidText = String(decoding: try Self.weekEncoder.encode(unpaid), as: UTF8.self)
    return try await whileBusy(
      keys: ["pay:\(coop)"], retrying: ["payslip_visits_paid_once", "payslips_one_a_run", "payslip_payments_in_order"],
      busy: CareError.conflict(FieldError("from", "Another pay run is under way: try again"))
    ) {
      try await self.write { db -> (run: PayRun, replayed: Bool)? in
        guard try await Dialect(db).tryLockKeys(["pay:\(coop)"]) else { return nil }
        if let key,
          let row = try await PayRunRow.query(on: db).filter(\.$ranBy == actor.rawValue)
            .filter(\.$idempotencyKey == key.key).first()
        {
          guard row.requestHash == key.requestHash else {
            throw CareError.invalid("Idempotency-Key", "This key was sent before with a different request")
          }
          return (try await Self.payRun(row, on: db), true)
        }
        let paid = try await Self.paidKeys(candidates.map(\.workerID), on: db)
        let positions = try await Self.positions(candidates.map(\.workerID), coop: coop, on: db)
        let run = PayRunRow()
        run.id = env.newID()
        (run.coopID, run.periodFrom, run.periodThrough, run.ranAt) = (
          coop.rawValue, period.from.iso, period.through.iso, env.now()
        )
        (run.ranBy, run.payTable, run.minimumPence, run.unpaid) = (
          actor.rawValue, tableText, minimumHourlyPence, unpaidText
        )
        (run.idempotencyKey, run.requestHash) = (key?.key, key?.requestHash)
        try await run.create(on: db)
        var total = 0
        var count = 0
        for candidate in candidates.sorted(by: { $0.workerID.description < $1.workerID.description }) {
          let visits = candidate.visits.filter { !paid.contains("\(candidate.workerID)|\($0.visitKey)") }
          let position = positions[candidate.workerID]!
          guard !visits.isEmpty || position.balancePence > 0 else { continue }
          let fresh = PayCandidate(
            workerID: candidate.workerID, basis: candidate.basis, rates: candidate.rates, visits: visits)
          let reckoning = PayReckoning(fresh.worked, rates: fresh.rates, minimumHourlyPence: minimumHourlyPence)
          let slip = PayslipRow()
          slip.id = env.newID()
          (slip.runID, slip.coopID, slip.workerID, slip.basis) = (
            run.id!, coop.rawValue, fresh.workerID.rawValue, fresh.basis.rawValue
          )
          (slip.hourlyPence, slip.unsocialPercent, slip.travelPercent) = (
            fresh.rates.hourlyPence, fresh.rates.unsocialPercent, fresh.rates.travelPercent
          )
          (slip.careMinutes, slip.unsocialMinutes, slip.travelMinutes) = (
            fresh.worked.care, fresh.worked.unsocial, fresh.worked.travel
          )
          (slip.pence, slip.shortfallPence) = (
            reckoning.pence, fresh.basis == .employed ? reckoning.shortfallPence : 0
          )
          try await slip.create(on: db)
          let payment = position.payment(
            earning: slip.pence + slip.shortfallPence,
            atLeast: fresh.basis == .employed ? reckoning.minimumPence : 0,
            settling: leaving.contains(fresh.workerID) ? .leaving : yearEnd ? .yearEnd : nil)
          let kept = PayslipPaymentRow()
          kept.id = env.newID()
          (kept.payslipID, kept.workerID, kept.seq, kept.periods) = (
            slip.id!, fresh.workerID.rawValue, position.payments + 1, payment.periods
          )
          (kept.earnedPence, kept.paidPence, kept.settledPence) = (
            payment.earnedPence, payment.paidPence, payment.settledPence
          )
          (kept.settled, kept.settlesRequest, kept.balancePence) = (
            payment.settled?.rawValue, position.openRequest, payment.balancePence
          )
          try await kept.create(on: db)
          for visit in visits {
            let v = PayslipVisitRow()
            v.id = env.newID()
            (v.payslipID, v.workerID, v.personID, v.visitKey) = (
              slip.id!, fresh.workerID.rawValue, visit.personID.rawValue, visit.visitKey
            )
            (v.day, v.startMinute, v.minutes) = (visit.day.iso, visit.start, visit.minutes)
            (v.unsocialMinutes, v.travelMinutes) = (visit.unsocialMinutes, visit.travelMinutes)
            try await v.create(on: db)
          }
          total += payment.paidPence
          count += 1
        }
        try await Self.append(
          .runPay, coop: coop, actor: actor,
          detail:
            "\(period.from.iso) to \(period.through.iso): \(count) payslips, \(Pence(total).formatted) paid in all"
            + (unpaid.isEmpty ? "" : "; \(unpaid.count) visits not paid"),
          env: env, on: db)
        return (try await Self.payRun(run, on: db), false)
      }
    }
  }

  /// The co-op's pay runs, newest first (the latest `limit`).
  public func payRuns(permit: Permit, limit: Int = 50) async throws -> [PayRun] {
    try Self.check(permit, .runPay)
    let rows = try await PayRunRow.query(on: db).filter(\.$coopID == permit.coopID.rawValue)
      .sort(\.$ranAt, .descending).sort(\.$id).range(..<limit).all()
    var runs: [PayRun] = []
    for row in rows { runs.append(try await Self.payRun(row, on: db)) }
    return runs
  }

  /// One pay run of the co-op's (nil: none such).
  public func payRun(_ id: UUID, permit: Permit) async throws -> PayRun? {
    try Self.check(permit, .runPay)
    guard let row = try await PayRunRow.find(id, on: db), row.coopID == permit.coopID.rawValue else { return nil }
    return try await Self.payRun(row, on: db)
  }

  /// A worker's payslips, newest first (the permit names the worker).
  public func payslips(permit: Permit) async throws -> [Payslip] {
    try Self.check(permit, .viewPay)
    guard let worker = permit.workerID else { throw CareError.forbidden }
    let rows = try await PayslipRow.query(on: db).filter(\.$workerID == worker.rawValue)
      .filter(\.$coopID == permit.coopID.rawValue).all()
    let runs = try await PayRunRow.query(on: db).filter(
      \.$id ~~ Set(rows.map(\.runID)).sorted { $0.uuidString < $1.uuidString }
    )
    .all()
    let byID = Dictionary(uniqueKeysWithValues: runs.map { ($0.id!, $0) })
    return try await Self.payslips(rows, runs: byID, on: db).sorted { $0.ranAt > $1.ranAt }
  }

  // MARK: - Reading

  static func paidKeys(_ workers: [ID<Account>], on db: any Database) async throws -> Set<String> {
    guard !workers.isEmpty else { return [] }
    let rows = try await PayslipVisitRow.query(on: db)
      .filter(\.$workerID ~~ Set(workers.map(\.rawValue)).sorted { $0.uuidString < $1.uuidString }).all()
    return Set(rows.map { "\(CareCore.ID<Account>($0.workerID))|\($0.visitKey)" })
  }

  static func payRun(_ row: PayRunRow, on db: any Database) async throws -> PayRun {
    let slips = try await PayslipRow.query(on: db).filter(\.$runID == row.id!).all()
    let table = try StoreError.decoded(PayTable.self, row.payTable, "pay_runs.pay_table")
    return PayRun(
      id: row.id!,
      period: InvoicePeriod(
        from: try StoreError.known(Day(iso: row.periodFrom), "pay_runs.period_from", row.periodFrom),
        through: try StoreError.known(Day(iso: row.periodThrough), "pay_runs.period_through", row.periodThrough)),
      ranAt: row.ranAt, ranBy: CareCore.ID(row.ranBy), table: table, minimumHourlyPence: row.minimumPence,
      payslips: try await payslips(slips, runs: [row.id!: row], on: db).sorted {
        $0.workerID.description < $1.workerID.description
      },
      unpaid: try StoreError.decoded([UnpaidWork].self, row.unpaid, "pay_runs.unpaid"))
  }

  static func payslips(_ rows: [PayslipRow], runs: [UUID: PayRunRow], on db: any Database) async throws -> [Payslip] {
    guard !rows.isEmpty else { return [] }
    let visits = try await PayslipVisitRow.query(on: db)
      .filter(\.$payslipID ~~ rows.compactMap(\.id).sorted { $0.uuidString < $1.uuidString }).all()
    let byPayslip = Dictionary(grouping: visits, by: \.payslipID)
    let payments = try await PayslipPaymentRow.query(on: db)
      .filter(\.$payslipID ~~ rows.compactMap(\.id).sorted { $0.uuidString < $1.uuidString }).all()
    let paymentBySlip = Dictionary(uniqueKeysWithValues: payments.map { ($0.payslipID, $0) })
    return try rows.map { row in
      guard let run = runs[row.runID] else { throw CareError.notFound }
      let rates = PayRates(
        hourlyPence: row.hourlyPence, unsocialPercent: row.unsocialPercent, travelPercent: row.travelPercent)
      let worked = WorkedMinutes(care: row.careMinutes, unsocial: row.unsocialMinutes, travel: row.travelMinutes)
      return Payslip(
        id: row.id!, runID: row.runID, workerID: CareCore.ID(row.workerID),
        period: InvoicePeriod(
          from: try StoreError.known(Day(iso: run.periodFrom), "pay_runs.period_from", run.periodFrom),
          through: try StoreError.known(Day(iso: run.periodThrough), "pay_runs.period_through", run.periodThrough)),
        ranAt: run.ranAt,
        basis: try StoreError.known(Engagement.Basis(rawValue: row.basis), "payslips.basis", row.basis), rates: rates,
        worked: worked, reckoning: PayReckoning(worked, rates: rates, minimumHourlyPence: run.minimumPence),
        visits: try (byPayslip[row.id!] ?? []).sorted { ($0.day, $0.startMinute) < ($1.day, $1.startMinute) }.map {
          PaidVisit(
            personID: CareCore.ID($0.personID), visitKey: $0.visitKey,
            day: try StoreError.known(Day(iso: $0.day), "payslip_visits.day", $0.day), start: $0.startMinute,
            minutes: $0.minutes, unsocialMinutes: $0.unsocialMinutes, travelMinutes: $0.travelMinutes)
        },
        // A payslip from before steady pay paid what it earned.
        payment: try paymentBySlip[row.id!]?.value
          ?? SteadyPayment(
            periods: 1, earnedPence: row.pence + row.shortfallPence, paidPence: row.pence + row.shortfallPence,
            settledPence: 0, settled: nil, balancePence: 0))
    }
  }
}
