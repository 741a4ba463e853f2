import Foundation

/// Money in whole pence. Charges are worked out per line and rounded once, to the nearest penny (a half
/// penny up); a total is always the sum of its lines, so what a funder is asked for is what the lines say.
public enum Charge {
  /// What `minutes` cost at `hourlyPence` an hour, to the nearest penny (half up). Minutes and rate are
  /// not negative.
  public static func pence(minutes: Int, hourlyPence: Int) -> Int {
    precondition(minutes >= 0 && hourlyPence >= 0, "a charge is for minutes and a rate, neither below zero")
    return (minutes * hourlyPence + 30) / 60
  }
}

/// One line to bill: a confirmed visit's minutes at the rate of the agreement that paid for it.
public struct BillLine: Sendable, Hashable {
  /// The `use` entry of the hours ledger the line bills (each is billed once, until a credit note undoes it).
  public let entryID: UUID
  /// Who pays: the lines of one payer go on one invoice.
  public let payer: String
  public let minutes: Int
  public let hourlyPence: Int
  public var pence: Int { Charge.pence(minutes: minutes, hourlyPence: hourlyPence) }

  public init(entryID: UUID, payer: String, minutes: Int, hourlyPence: Int) {
    self.entryID = entryID
    self.payer = payer
    self.minutes = minutes
    self.hourlyPence = hourlyPence
  }
}

/// The lines one payer is asked for in a run, and their totals.
public struct Bill: Sendable, Hashable {
  public let payer: String
  public let lines: [BillLine]
  public var minutes: Int { lines.reduce(0) { $0 + $1.minutes } }
  public var pence: Int { lines.reduce(0) { $0 + $1.pence } }

  /// One bill a payer, payers in the order given, each payer's lines in the order given; lines of no
  /// minutes are left out (there is nothing to ask for).
  public static func group(_ lines: [BillLine]) -> [Bill] {
    var order: [String] = []
    var byPayer: [String: [BillLine]] = [:]
    for line in lines where line.minutes > 0 {
      if byPayer[line.payer] == nil { order.append(line.payer) }
      byPayer[line.payer, default: []].append(line)
    }
    return order.map { Bill(payer: $0, lines: byPayer[$0]!) }
  }
}

/// Steady pay (or steady payments): each period pays the average of the last `periods` periods' earnings
/// (this one included, in whole pence, rounded down), never more than has been earned and not yet paid;
/// the difference is kept in a smoothing balance that is the member's, settled on request, at the year's
/// end or on leaving. Nothing is lost: at every step what has been paid plus the balance is what has been
/// earned.
public struct SteadyPay: Sendable, Hashable {
  /// How many periods the average is over (at least 1; 1 is plain pay).
  public let periods: Int
  /// Each period's earnings so far, oldest first.
  public private(set) var earned: [Int] = []
  /// Each period's payment so far, oldest first (settlements included in the period they were made).
  public private(set) var paid: [Int] = []
  /// Earned and not yet paid: the member's, never below zero.
  public private(set) var balance = 0

  public init(periods: Int) {
    precondition(periods >= 1, "steady pay averages over at least one period")
    self.periods = periods
  }

  /// Steady pay over `periods` from here on, after a history kept elsewhere (each period's earnings and
  /// payment, oldest first, whatever rule paid them): the balance is what was earned and not paid.
  public init(periods: Int, earned: [Int], paid: [Int]) {
    precondition(earned.count == paid.count, "a payment for every period")
    self.init(periods: periods)
    self.earned = earned
    self.paid = paid
    balance = earned.reduce(0, +) - paid.reduce(0, +)
    precondition(balance >= 0, "never paid more than was earned")
  }

  /// What the next period would pay if `earnings` were earned in it: the average, but never less than
  /// `floor` (the least the law lets this period pay, e.g. the minimum wage for its working time) and never
  /// more than the balance and the earnings.
  public func payment(earning earnings: Int, atLeast floor: Int = 0) -> Int {
    let recent = Array((earned + [earnings]).suffix(periods))
    let average = recent.reduce(0, +) / recent.count
    return max(0, min(max(average, floor), balance + earnings))
  }

  /// Closes a period that earned `earnings` (not below zero): pays the steady amount (at least `floor`),
  /// keeps the rest. Returns what was paid.
  @discardableResult
  public mutating func close(earning earnings: Int, atLeast floor: Int = 0) -> Int {
    precondition(earnings >= 0, "a period's earnings are not below zero")
    let pay = payment(earning: earnings, atLeast: floor)
    earned.append(earnings)
    paid.append(pay)
    balance += earnings - pay
    return pay
  }

  /// Closes a period whose earnings went down by `amount` (not below zero: a credit note for an earlier
  /// period's invoice): the balance goes down first, and what it cannot cover is paid back (a payment below
  /// zero). Returns what is paid back. What has been paid plus the balance is still what has been earned.
  @discardableResult
  public mutating func close(returning amount: Int) -> Int {
    precondition(amount >= 0, "what is given back is not below zero")
    let fromBalance = min(balance, amount)
    earned.append(-amount)
    paid.append(fromBalance - amount)
    balance -= fromBalance
    return amount - fromBalance
  }

  /// Pays the whole balance now (on request, at the year's end, on leaving): added to the last period's
  /// payment. Returns what was paid.
  @discardableResult
  public mutating func settle() -> Int {
    let amount = balance
    guard amount > 0 else { return 0 }
    if paid.isEmpty {
      earned.append(0)
      paid.append(amount)
    } else {
      paid[paid.count - 1] += amount
    }
    balance = 0
    return amount
  }
}
