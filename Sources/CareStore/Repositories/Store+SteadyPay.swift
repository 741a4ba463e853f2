import CareCore
import CareLedger
import FluentKit
import Foundation

final class PayChoiceRow: Model, @unchecked Sendable {
  static let schema = "pay_choices"
  @IDProperty<PayChoiceRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "worker_id") var workerID: UUID
  @Field(key: "periods") var periods: Int
  @Field(key: "chosen_at") var chosenAt: Date
  init() {}
}

final class SettlementRequestRow: Model, @unchecked Sendable {
  static let schema = "settlement_requests"
  @IDProperty<SettlementRequestRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "worker_id") var workerID: UUID
  @Field(key: "asked_at") var askedAt: Date
  init() {}
}

final class PayslipPaymentRow: Model, @unchecked Sendable {
  static let schema = "payslip_payments"
  @IDProperty<PayslipPaymentRow, UUID>(key: .id) var id: UUID?
  @Field(key: "payslip_id") var payslipID: UUID
  @Field(key: "worker_id") var workerID: UUID
  @Field(key: "seq") var seq: Int
  @Field(key: "periods") var periods: Int
  @Field(key: "earned_pence") var earnedPence: Int
  @Field(key: "paid_pence") var paidPence: Int
  @Field(key: "settled_pence") var settledPence: Int
  @OptionalField(key: "settled") var settled: String?
  @OptionalField(key: "settles_request") var settlesRequest: UUID?
  @Field(key: "balance_pence") var balancePence: Int
  init() {}

  var value: SteadyPayment {
    get throws {
      SteadyPayment(
        periods: periods, earnedPence: earnedPence, paidPence: paidPence, settledPence: settledPence,
        settled: try settled.map { try StoreError.known(Settlement(rawValue: $0), "payslip_payments.settled", $0) },
        balancePence: balancePence)
    }
  }
}

/// Where a worker's pay stands: their choice in force, what each of their payslips earned and paid (oldest
/// first), and a request for their balance not yet paid.
public struct PayPosition: Sendable, Hashable {
  public let workerID: ID<Account>
  public let choice: PayChoice
  public let earned: [Int]
  public let paid: [Int]
  /// When they asked to be paid their balance, if no payslip has paid it yet.
  public let askedAt: Date?
  let openRequest: UUID?
  /// How many payments are kept (the next is numbered one more).
  let payments: Int

  /// Earned and not yet paid: the worker's.
  public var balancePence: Int { earned.reduce(0, +) - paid.reduce(0, +) }

  /// What a payslip earning `earned` (at least `floor` by law) pays, under the choice in force; the whole
  /// balance is paid out too when `settling` says why (or when the worker asked, or went back to plain pay
  /// with a balance left).
  func payment(earning earned: Int, atLeast floor: Int, settling: Settlement?) -> SteadyPayment {
    var steady = SteadyPay(periods: choice.periods, earned: self.earned, paid: paid)
    let paid = steady.close(earning: earned, atLeast: floor)
    let why = settling ?? (askedAt != nil ? .asked : (!choice.isSteady && steady.balance > 0 ? .plainPay : nil))
    let settled = why == nil ? 0 : steady.settle()
    return SteadyPayment(
      periods: choice.periods, earnedPence: earned, paidPence: paid + settled, settledPence: settled,
      settled: settled > 0 ? why : nil, balancePence: steady.balance)
  }
}

/// Steady pay: a worker's choice (append-only: the latest is in force), their request for the balance, and
/// every payslip's payment. A balance is the fold of the payments: never a counter.
extension Store {
  /// The requester's own position (the permit names the worker).
  public func payPosition(permit: Permit) async throws -> PayPosition {
    try Self.check(permit, anyOf: [.viewPay, .choosePay])
    guard let worker = permit.workerID else { throw CareError.forbidden }
    return try await Self.positions([worker], coop: permit.coopID, on: db)[worker]!
  }

  /// The positions of these workers and of every other worker of the co-op with a balance (a pay run pays
  /// them even without visits).
  public func payPositions(permit: Permit, workers: [ID<Account>]) async throws -> [ID<Account>: PayPosition] {
    try Self.check(permit, .runPay)
    return try await Self.positions(workers, coop: permit.coopID, on: db)
  }

  /// What a run would pay each worker who earned `earned` (at least `floor` by law) under their choice of
  /// plain or steady pay, the whole balance too for those `leaving` or at the `yearEnd` (nothing kept).
  public func steadyPayments(
    permit: Permit, earnings: [ID<Account>: (earned: Int, floor: Int)], yearEnd: Bool, leaving: Set<ID<Account>>
  ) async throws -> [ID<Account>: SteadyPayment] {
    try Self.check(permit, .runPay)
    let positions = try await Self.positions(Array(earnings.keys), coop: permit.coopID, on: db)
    var payments: [ID<Account>: SteadyPayment] = [:]
    for (worker, money) in earnings {
      payments[worker] = positions[worker]!.payment(
        earning: money.earned, atLeast: money.floor,
        settling: leaving.contains(worker) ? .leaving : yearEnd ? .yearEnd : nil)
    }
    return payments
  }

  /// Keeps the worker's choice of plain pay or steady pay over `periods` runs; from the next run on.
  public func choosePay(periods: Int, permit: Permit, env: Effects) async throws -> PayPosition {
    try Self.check(permit, .choosePay)
    guard let worker = permit.workerID else { throw CareError.forbidden }
    let coop = permit.coopID
    return try await write { db in
      let row = PayChoiceRow()
      row.id = env.newID()
      (row.coopID, row.workerID, row.periods, row.chosenAt) = (coop.rawValue, worker.rawValue, periods, env.now())
      try await row.create(on: db)
      let choice = PayChoice(periods: periods, chosenAt: row.chosenAt)
      try await Self.append(.choosePay, coop: coop, actor: worker, detail: choice.words, env: env, on: db)
      return try await Self.positions([worker], coop: coop, on: db)[worker]!
    }
  }

  /// Keeps the worker's request to be paid their whole balance by the next pay run. Refused when there is
  /// no balance, or when they have asked already and no run has paid it yet.
  public func askForBalance(permit: Permit, env: Effects) async throws -> PayPosition {
    try Self.check(permit, .choosePay)
    guard let worker = permit.workerID else { throw CareError.forbidden }
    let coop = permit.coopID
    return try await whileBusy(
      keys: ["pay:\(coop)"], retrying: [],
      busy: CareError.conflict(FieldError("balance", "A pay run is under way: try again"))
    ) {
      try await self.write { db -> PayPosition? in
        guard try await Dialect(db).tryLockKeys(["pay:\(coop)"]) else { return nil }
        let position = try await Self.positions([worker], coop: coop, on: db)[worker]!
        guard position.balancePence > 0 else {
          throw CareError.conflict(FieldError("balance", "You have no steady pay balance to be paid"))
        }
        guard position.askedAt == nil else {
          throw CareError.conflict(FieldError("balance", "You have asked already: the next pay run pays it"))
        }
        let row = SettlementRequestRow()
        row.id = env.newID()
        (row.coopID, row.workerID, row.askedAt) = (coop.rawValue, worker.rawValue, env.now())
        try await row.create(on: db)
        try await Self.append(
          .askForBalance, coop: coop, actor: worker, detail: "balance \(Pence(position.balancePence).formatted)",
          env: env, on: db)
        return try await Self.positions([worker], coop: coop, on: db)[worker]!
      }
    }
  }

  // MARK: - Reading

  /// The positions of `workers`, and of every other worker of the co-op whose balance is above zero.
  static func positions(_ workers: [ID<Account>], coop: ID<Coop>, on db: any Database) async throws
    -> [ID<Account>: PayPosition]
  {
    let payments = try await PayslipPaymentRow.query(on: db)
      .join(PayslipRow.self, on: \PayslipPaymentRow.$payslipID == \PayslipRow.$id)
      .filter(PayslipRow.self, \.$coopID == coop.rawValue).all()
    let slips = try await PayslipRow.query(on: db).filter(\.$coopID == coop.rawValue).all()
    let runs = try await PayRunRow.query(on: db).filter(\.$coopID == coop.rawValue).all()
    let ranAt = Dictionary(uniqueKeysWithValues: runs.map { ($0.id!, $0.ranAt) })
    let paymentBySlip = Dictionary(uniqueKeysWithValues: payments.map { ($0.payslipID, $0) })
    // A payslip from before steady pay paid what it earned and comes before every payment (in run order);
    // payments are in their numbered order.
    var history: [UUID: [(seq: Int, at: Date, id: UUID, earned: Int, paid: Int)]] = [:]
    for slip in slips {
      let payment = paymentBySlip[slip.id!]
      let earned = payment?.earnedPence ?? slip.pence + slip.shortfallPence
      history[slip.workerID, default: []].append(
        (payment?.seq ?? 0, ranAt[slip.runID] ?? .distantPast, slip.id!, earned, payment?.paidPence ?? earned))
    }
    let choices = try await PayChoiceRow.query(on: db).filter(\.$coopID == coop.rawValue)
      .sort(\.$chosenAt).sort(\.$id).all()
    let requests = try await SettlementRequestRow.query(on: db).filter(\.$coopID == coop.rawValue)
      .sort(\.$askedAt).all()
    let settledRequests = Set(payments.compactMap(\.settlesRequest))
    var ids = Set(workers.map(\.rawValue))
    for (worker, lines) in history where lines.reduce(0, { $0 + $1.earned - $1.paid }) > 0 { ids.insert(worker) }
    var positions: [ID<Account>: PayPosition] = [:]
    for id in ids {
      let lines = (history[id] ?? []).sorted {
        ($0.seq, $0.at, $0.id.uuidString) < ($1.seq, $1.at, $1.id.uuidString)
      }
      let choice = choices.last { $0.workerID == id }.map { PayChoice(periods: $0.periods, chosenAt: $0.chosenAt) }
      let open = requests.first { $0.workerID == id && !settledRequests.contains($0.id!) }
      positions[CareCore.ID(id)] = PayPosition(
        workerID: CareCore.ID(id), choice: choice ?? .plain, earned: lines.map(\.earned), paid: lines.map(\.paid),
        askedAt: open?.askedAt, openRequest: open?.id, payments: lines.filter { $0.seq > 0 }.count)
    }
    return positions
  }
}
