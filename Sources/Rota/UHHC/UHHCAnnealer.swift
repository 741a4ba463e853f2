import Foundation

/// Simulated annealing for UHHC instances (tens of patients, a handful of carers): each move changes the
/// order of stops, the plan is timed afresh and scored by `UHHCScore`, so the search's figure is the
/// scorer's by construction. Moves: move or swap visits, reverse a stretch, add or drop an optional
/// patient, and add, move or drop a lunch break.
public struct UHHCAnnealer {
  let instance: UHHCInstance
  /// The longest shift, which scales the pull towards even idle times.
  let longestShift: Double

  public init(_ instance: UHHCInstance) {
    self.instance = instance
    longestShift = Double(max(1, instance.carers.map { $0.shift.end - $0.shift.start }.max() ?? 1))
  }

  /// One long anneal (from a hot start: `solve` starts at 0.1 unless told otherwise): on these small
  /// instances restarts from the best plan (the default elsewhere) settled in poorer valleys; tried on the
  /// five published instances at 5 s.
  public static func defaultOptions(seed: UInt64, seconds: Double, iterations: Int? = nil) -> SearchOptions {
    var options = SearchOptions(seed: seed, seconds: seconds, iterations: iterations)
    options.cycles = 1
    return options
  }

  public struct Result: Sendable {
    public let plan: UHHCPlan
    public let score: UHHCScore
    public let cost: Int
    public let iterations: Int
  }

  /// Every required patient, in window order, put where they add least to the cost (both halves of a
  /// pair tried together); nil when one fits nowhere without breaking a rule.
  func firstRoutes() -> [[Int]]? {
    var routes = [[Int]](repeating: [], count: instance.carers.count)
    let required = instance.patients.indices.filter { !instance.patients[$0].optional }
      .sorted { instance.patients[$0].windows[0].start < instance.patients[$1].windows[0].start }
    for p in required {
      var best: (cost: Int, routes: [[Int]])?
      func consider(_ trial: [[Int]]) {
        guard let plan = instance.schedule(trial) else { return }
        let score = UHHCScore(instance, plan)
        let cost = score.cost(instance.weights) + 10_000 * score.forbiddenLateness
        if score.violations.isEmpty && cost < (best?.cost ?? .max) { best = (cost, trial) }
      }
      for (c, i) in places(p * 2, routes: routes) {
        var trial = routes
        trial[c].insert(p * 2, at: i)
        guard instance.patients[p].needs.count == 2 else {
          consider(trial)
          continue
        }
        for (d, j) in places(p * 2 + 1, routes: trial) {
          var both = trial
          both[d].insert(p * 2 + 1, at: j)
          consider(both)
        }
      }
      guard let chosen = best else { return nil }
      routes = chosen.routes
    }
    return routes
  }

  /// Every (carer, position) the visit may go.
  func places(_ item: Int, routes: [[Int]]) -> [(Int, Int)] {
    routes.indices.filter { allowed(item, on: $0, routes: routes) }.flatMap { c in
      (0...routes[c].count).map { (c, $0) }
    }
  }

  /// Puts each need of the patient with a carer allowed to do it (two carers for a paired visit).
  func place(_ p: Int, in routes: inout [[Int]], rng: inout SeededRandom) -> Bool {
    var used: Int?
    for need in instance.patients[p].needs.indices {
      let separate = instance.patients[p].sync.map { $0 != .independent } ?? false
      let carers = instance.carers.indices.filter {
        instance.mayDo($0, patient: p, need: need) && !(separate && $0 == used)
      }
      guard !carers.isEmpty else { return false }
      let c = carers[rng.below(carers.count)]
      routes[c].insert(p * 2 + need, at: rng.below(routes[c].count + 1))
      used = c
    }
    return true
  }

  func cost(_ routes: [[Int]]) -> (UHHCPlan, UHHCScore, Int)? {
    guard let plan = instance.schedule(routes) else { return nil }
    let score = UHHCScore(instance, plan)
    guard score.violations.isEmpty && score.unseenRequired.isEmpty else { return nil }
    return (plan, score, score.cost(instance.weights))
  }

  /// What the search minimises: the cost, plus a small pull towards even idle times. Only the largest idle
  /// time costs, so a move that shortens anyone else's looks worthless; squares give those moves a slope.
  func guided(_ score: UHHCScore, cost: Int) -> Double {
    let spread =
      score.idle.reduce(0.0) { $0 + Double($1 * $1) } / (Double(max(1, score.idle.count)) * longestShift)
    // Lateness where it is forbidden is searched away at a price no other part can outweigh.
    return Double(cost) + 0.5 * Double(instance.weights.maxIdle) * spread + 1e4 * Double(score.forbiddenLateness)
  }

  public func solve(_ options: SearchOptions) -> Result? {
    var rng = SeededRandom(seed: options.seed)
    guard var routes = firstRoutes(), var current = cost(routes) else { return nil }
    var best = (routes: routes, plan: current.0, score: current.1, cost: current.2)
    var schedule = AnnealSchedule(options, firstCost: Double(current.2), startTemperature: 0.1)
    var iteration = 0
    search: while true {
      switch schedule.step(iteration) {
      case .stop: break search
      case .carryOn: break
      case .restartFromBest:
        routes = best.routes
        current = (best.plan, best.score, best.cost)
      }
      iteration += 1
      guard let candidate = neighbour(routes, rng: &rng), let scored = cost(candidate) else { continue }
      let delta = guided(scored.1, cost: scored.2) - guided(current.1, cost: current.2)
      if delta <= 0 || rng.unit() < exp(-delta / schedule.temperature) {
        routes = candidate
        current = scored
        if (scored.1.forbiddenLateness, scored.2) < (best.score.forbiddenLateness, best.cost) {
          best = (candidate, scored.0, scored.1, scored.2)
        }
      }
    }
    return Result(plan: best.plan, score: best.score, cost: best.cost, iterations: iteration)
  }
}
