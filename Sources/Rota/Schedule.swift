/// The cost parts of a plan, as the literature reports them.
public struct Cost: Sendable, Equatable, CustomStringConvertible {
  public var travel: Double
  public var totalTardiness: Double
  public var maxTardiness: Double
  /// Visits by carers the person did not choose, times the problem's preference weight.
  public var preference: Double = 0

  /// Mankowska et al.'s objective: the three parts weighted a third each; plus the preference cost,
  /// which is 0 on instances without people's wishes, so published figures compare as they are.
  public var objective: Double { (travel + totalTardiness + maxTardiness) / 3 + preference }

  public var description: String {
    func f(_ x: Double) -> String { String(Int((x * 100).rounded())).paddedCents }
    let prefs = preference > 0 ? ", preference \(f(preference))" : ""
    return
      "objective \(f(objective)) (travel \(f(travel)), tardiness \(f(totalTardiness)), max \(f(maxTardiness))\(prefs))"
  }
}

extension String {
  /// "21820" (hundredths) → "218.20"
  var paddedCents: String {
    let negative = hasPrefix("-")
    var digits = negative ? String(dropFirst()) : self
    while digits.count < 3 { digits = "0" + digits }
    return (negative ? "-" : "") + digits.dropLast(2) + "." + digits.suffix(2)
  }
}

/// Start times for given routes: as early as travel, windows and synchronisation allow.
public struct Schedule: Sendable {
  public let starts: [Double]
  public let cost: Cost

  static let epsilon = 1e-7

  /// Nil when the order of visits makes synchronisation impossible (two routes waiting on each other).
  /// The same computation the search uses, over every route at once.
  public static func compute(_ problem: RotaProblem, routes: [[Int]]) -> Schedule? {
    Timing.full(problem, routes: routes, partner: problem.partner).map { Schedule(starts: $0.starts, cost: $0.cost) }
  }
}
