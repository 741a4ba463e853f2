/// The cost parts of a plan, as the literature reports them.
public struct Cost: Sendable, Equatable, CustomStringConvertible {
  public var travel: Double
  public var totalTardiness: Double
  public var maxTardiness: Double

  /// Mankowska et al.'s objective: the three parts weighted a third each.
  public var objective: Double { (travel + totalTardiness + maxTardiness) / 3 }

  public var description: String {
    func f(_ x: Double) -> String { String(Int((x * 100).rounded())).paddedCents }
    return "objective \(f(objective)) (travel \(f(travel)), tardiness \(f(totalTardiness)), max \(f(maxTardiness)))"
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
  public static func compute(_ problem: RotaProblem, routes: [[Int]]) -> Schedule? {
    let services = problem.services
    var lower = [Double](repeating: 0, count: services.count)
    var starts = [Double](repeating: 0, count: services.count)
    // While a plan is being built, half of a pair may not be placed yet: its link is not checked.
    var planned = [Bool](repeating: false, count: services.count)
    for route in routes { for s in route { planned[s] = true } }
    // Each pass settles at least one link of a chain of waits; more passes than links means a cycle.
    for _ in 0...(problem.syncs.count * 2 + 2) {
      for (carer, route) in routes.enumerated() {
        var time = 0.0
        var at = problem.shifts[carer].startNode
        for s in route {
          let service = services[s]
          let start = max(time + problem.travel[at][service.node], service.earliest, lower[s])
          starts[s] = start
          time = start + service.duration
          at = service.node
        }
      }
      var settled = true
      for sync in problem.syncs where planned[sync.first] && planned[sync.second] {
        let a = starts[sync.first]
        let b = starts[sync.second]
        if b < a + sync.minGap - epsilon {
          lower[sync.second] = a + sync.minGap
          settled = false
        } else if b > a + sync.maxGap + epsilon {
          lower[sync.first] = b - sync.maxGap
          settled = false
        }
      }
      if settled {
        return Schedule(starts: starts, cost: cost(problem, routes: routes, starts: starts, planned: planned))
      }
    }
    return nil
  }

  static func cost(_ problem: RotaProblem, routes: [[Int]], starts: [Double], planned: [Bool]) -> Cost {
    var travel = 0.0
    for (carer, route) in routes.enumerated() where !route.isEmpty {
      var at = problem.shifts[carer].startNode
      for s in route {
        travel += problem.travel[at][problem.services[s].node]
        at = problem.services[s].node
      }
      travel += problem.travel[at][problem.shifts[carer].endNode]
    }
    var total = 0.0
    var maximum = 0.0
    for (s, service) in problem.services.enumerated() where planned[s] {
      let late = max(0, starts[s] - service.latest)
      total += late
      maximum = max(maximum, late)
    }
    return Cost(travel: travel, totalTardiness: total, maxTardiness: maximum)
  }
}
