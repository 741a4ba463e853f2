import Foundation

/// The National Living Wage (the National Minimum Wage for workers aged 21 and over), by the day each rate
/// came into force (GOV.UK, "National Minimum Wage and National Living Wage rates"). Data, not code: a new
/// rate is a new line. Age bands below 21 are not held (the register does not keep dates of birth yet): the
/// check uses the 21-and-over rate.
public enum MinimumWage {
  public static let rates: [(from: Day, hourlyPence: Int)] = [
    (Day(year: 2023, month: 4, day: 1)!, 1_042),
    (Day(year: 2024, month: 4, day: 1)!, 1_144),
    (Day(year: 2025, month: 4, day: 1)!, 1_221),
    (Day(year: 2026, month: 4, day: 1)!, 1_271),
  ]

  /// The rate in force on a day (the pay reference period's first day decides the rate for the period).
  public static func hourlyPence(on day: Day) -> Int {
    rates.last { $0.from <= day }?.hourlyPence ?? rates[0].hourlyPence
  }
}

/// The co-op's pay table: what unsocial hours add, when they are, and what travel between visits is paid.
/// A worker's hourly pay is their engagement's. Members will change the table by vote (issue 16).
public struct PayTable: Sendable, Hashable, Codable {
  /// The extra for minutes at visits in unsocial hours, in percent of hourly pay.
  public var unsocialPercent: Int
  /// Weekday evenings from this minute after midnight…
  public var eveningFrom: Int
  /// …to this minute the next morning.
  public var morningUntil: Int
  /// Saturdays and Sundays are unsocial all day.
  public var weekends: Bool
  /// Travel between visits is paid at this percent of hourly pay.
  public var travelPercent: Int

  public init(unsocialPercent: Int, eveningFrom: Int, morningUntil: Int, weekends: Bool, travelPercent: Int) {
    (self.unsocialPercent, self.eveningFrom, self.morningUntil) = (unsocialPercent, eveningFrom, morningUntil)
    (self.weekends, self.travelPercent) = (weekends, travelPercent)
  }

  /// Until members decide otherwise: 20 % extra from 8 pm to 7 am and at weekends; travel at full pay.
  public static let standard = PayTable(
    unsocialPercent: 20, eveningFrom: 20 * 60, morningUntil: 7 * 60, weekends: true, travelPercent: 100)

  /// In words, for the pay page.
  public var words: String {
    "Time at visits is paid at each worker's hourly pay, with \(unsocialPercent)% more from "
      + "\(CoopCalendar.clockText(eveningFrom)) to \(CoopCalendar.clockText(morningUntil))"
      + (weekends ? " and all day at weekends" : "")
      + ". Travel between visits is paid at \(travelPercent)% of hourly pay."
  }
}
