import Foundation

/// How a worker chose to be paid: each pay run what it earned (plain pay, 1), or steady pay — the average of
/// the last `periods` runs' earnings, the difference kept in a smoothing balance that is the worker's.
public struct PayChoice: Sendable, Hashable, Codable {
  /// The choices offered: plain pay, or steady over 2, 3, 4 or 6 pay runs.
  public static let offered = [1, 2, 3, 4, 6]
  public static let plain = PayChoice(periods: 1, chosenAt: nil)

  public let periods: Int
  /// When it was chosen (nil: never chosen, so plain pay).
  public let chosenAt: Date?

  public init(periods: Int, chosenAt: Date?) {
    (self.periods, self.chosenAt) = (periods, chosenAt)
  }

  public var isSteady: Bool { periods > 1 }

  /// The number of runs, checked against those offered.
  public static func validated(periods: Int?) throws -> Int {
    guard let periods, offered.contains(periods) else {
      throw CareError.invalid("periods", "Choose plain pay, or steady pay over 2, 3, 4 or 6 pay runs")
    }
    return periods
  }

  /// In words, for the worker's page.
  public var words: String {
    isSteady
      ? "Steady pay: each pay run pays the average of your last \(periods) pay runs' earnings"
      : "Plain pay: each pay run pays what you earned in it"
  }
}

/// Why a smoothing balance was paid out in full.
public enum Settlement: String, Sendable, Hashable, Codable, CaseIterable {
  /// The worker asked for it.
  case asked
  /// The finance hat's run at the tax year's end settles every balance.
  case yearEnd = "year-end"
  /// The worker's engagement with the co-op ended.
  case leaving
  /// The worker went back to plain pay.
  case plainPay = "plain-pay"

  public var words: String {
    switch self {
    case .asked: "you asked for your balance"
    case .yearEnd: "the tax year's end"
    case .leaving: "leaving the co-op"
    case .plainPay: "going back to plain pay"
    }
  }
}

/// What one payslip earned and paid, and the smoothing balance after it. Earned is the pay for the visits
/// and travel (with any top-up to the minimum wage); paid is what the worker receives; the balance is what
/// was earned and not yet paid. Paid + balance after = earned + balance before, to the penny.
public struct SteadyPayment: Sendable, Hashable, Codable {
  public let periods: Int
  public let earnedPence: Int
  public let paidPence: Int
  /// The part of `paidPence` that paid out the whole balance (0 unless settled).
  public let settledPence: Int
  public let settled: Settlement?
  public let balancePence: Int

  public init(
    periods: Int, earnedPence: Int, paidPence: Int, settledPence: Int, settled: Settlement?, balancePence: Int
  ) {
    (self.periods, self.earnedPence, self.paidPence) = (periods, earnedPence, paidPence)
    (self.settledPence, self.settled, self.balancePence) = (settledPence, settled, balancePence)
  }

  /// Paid to the worker beyond (positive) or held back from (negative) what this run earned.
  public var adjustmentPence: Int { paidPence - earnedPence }
}
