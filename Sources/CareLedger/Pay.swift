import Foundation

/// Pay arithmetic: a worker's paid time in a period (visits, some of their minutes in unsocial hours, travel
/// between visits), priced by the pay table, and the National Minimum Wage check on all working time.
public enum PayItem: String, Sendable, Hashable, Codable, CaseIterable {
  /// Every minute at visits, at the worker's hourly pay.
  case care
  /// The extra for minutes at visits in unsocial hours (evenings, nights, weekends).
  case unsocial
  /// Travel between one visit and the next on a day.
  case travel
}

/// What the pay table says a worker's minutes are worth: their hourly pay, the unsocial hours extra and the
/// share of hourly pay travel is paid at (both in whole percent).
public struct PayRates: Sendable, Hashable, Codable {
  public let hourlyPence: Int
  public let unsocialPercent: Int
  public let travelPercent: Int

  public init(hourlyPence: Int, unsocialPercent: Int, travelPercent: Int) {
    precondition(hourlyPence >= 0 && unsocialPercent >= 0 && travelPercent >= 0, "pay rates are not below zero")
    (self.hourlyPence, self.unsocialPercent, self.travelPercent) = (hourlyPence, unsocialPercent, travelPercent)
  }

  /// The hourly rate of an item, to the nearest penny (a half up).
  public func hourlyPence(_ item: PayItem) -> Int {
    switch item {
    case .care: hourlyPence
    case .unsocial: (hourlyPence * unsocialPercent + 50) / 100
    case .travel: (hourlyPence * travelPercent + 50) / 100
    }
  }
}

/// Minutes of a period's work, by item.
public struct WorkedMinutes: Sendable, Hashable, Codable {
  public var care = 0
  public var unsocial = 0
  public var travel = 0
  public init(care: Int = 0, unsocial: Int = 0, travel: Int = 0) {
    (self.care, self.unsocial, self.travel) = (care, unsocial, travel)
  }

  public func minutes(_ item: PayItem) -> Int {
    switch item {
    case .care: care
    case .unsocial: unsocial
    case .travel: travel
    }
  }

  /// Working time for the minimum wage: time at visits and travelling between them (the unsocial minutes are
  /// among the visits' minutes, not more of them).
  public var working: Int { care + travel }

  public static func + (a: WorkedMinutes, b: WorkedMinutes) -> WorkedMinutes {
    WorkedMinutes(care: a.care + b.care, unsocial: a.unsocial + b.unsocial, travel: a.travel + b.travel)
  }
}

/// One line of a payslip: an item's minutes at its rate.
public struct PayLine: Sendable, Hashable, Codable {
  public let item: PayItem
  public let minutes: Int
  public let hourlyPence: Int
  public let pence: Int
}

/// A period's pay: a line an item (each rounded once), the total (the lines' sum), and the minimum wage
/// check on all working time.
public struct PayReckoning: Sendable, Hashable, Codable {
  public let lines: [PayLine]
  public let workingMinutes: Int
  /// The minimum hourly pay in force for the period (pence).
  public let minimumHourlyPence: Int

  public init(_ worked: WorkedMinutes, rates: PayRates, minimumHourlyPence: Int) {
    lines = PayItem.allCases.map { item in
      let rate = rates.hourlyPence(item)
      let minutes = worked.minutes(item)
      return PayLine(
        item: item, minutes: minutes, hourlyPence: rate, pence: Charge.pence(minutes: minutes, hourlyPence: rate))
    }
    workingMinutes = worked.working
    self.minimumHourlyPence = minimumHourlyPence
  }

  public var pence: Int { lines.reduce(0) { $0 + $1.pence } }

  /// What the pay falls short of the minimum wage for all working time (0: it reaches it): pay ÷ hours must
  /// reach the rate, so pay must be at least minutes × rate ÷ 60, rounded up to the penny.
  public var shortfallPence: Int { max(0, minimumPence - pence) }

  /// The least the law lets all the working time be paid: minutes × rate ÷ 60, rounded up to the penny.
  public var minimumPence: Int { (workingMinutes * minimumHourlyPence + 59) / 60 }
}

/// The unsocial part of a visit: all of it at a weekend; otherwise the minutes before `morning` or from
/// `evening` on (minutes after midnight). A visit ends on the day it starts.
public func unsocialMinutes(start: Int, minutes: Int, weekend: Bool, evening: Int, morning: Int) -> Int {
  guard minutes > 0 else { return 0 }
  if weekend { return minutes }
  let end = start + minutes
  func overlap(_ a: Int, _ b: Int) -> Int { max(0, min(end, b) - max(start, a)) }
  return overlap(0, morning) + overlap(evening, max(evening, end))
}
