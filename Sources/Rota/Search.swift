import Foundation

/// Options for one run: a seed, a budget of iterations and/or seconds, and who to tell about progress.
public struct SearchOptions: Sendable {
  public var seed: UInt64
  public var seconds: Double
  /// When set, the run stops after exactly this many moves: the same seed then gives the same plan
  /// on any machine. Without it the time budget ends the run.
  public var iterations: Int?
  public var progress: (@Sendable (SearchProgress) -> Void)?
  /// The first temperature as a share of the greedy plan's cost, and how far it falls by the end.
  public var startTemperature = 0.02
  public var coolingRatio = 2000.0

  public init(
    seed: UInt64 = 1, seconds: Double = 10, iterations: Int? = nil,
    progress: (@Sendable (SearchProgress) -> Void)? = nil
  ) {
    self.seed = seed
    self.seconds = seconds
    self.iterations = iterations
    self.progress = progress
  }
}

public struct SearchProgress: Sendable {
  public let iteration: Int
  public let seconds: Double
  public let best: Cost
  public let temperature: Double
}

public struct SearchResult: Sendable {
  public let plan: Plan
  public let cost: Cost
  public let iterations: Int
  public let seconds: Double
}

/// Simulated annealing over carers' routes: relocate a visit, swap two visits, or reverse part of a
/// route; the scheduler gives each candidate its exact cost. A first plan comes from greedy insertion.
public struct Annealer {
  let problem: RotaProblem
  let partner: [Int?]

  public init(_ problem: RotaProblem) {
    self.problem = problem
    partner = problem.partner
  }

  /// The other half of a pair, if the service is one.
  func mate(_ s: Int) -> Int? {
    partner[s].map {
      let sync = problem.syncs[$0]
      return sync.first == s ? sync.second : sync.first
    }
  }

  /// Visits in order of their window, each added to the end of the route where it costs least.
  public func greedy() -> [[Int]] {
    var routes = [[Int]](repeating: [], count: problem.carers.count)
    var carerOf = [Int](repeating: -1, count: problem.services.count)
    let order = problem.services.indices.sorted {
      (problem.services[$0].earliest, $0) < (problem.services[$1].earliest, $1)
    }
    for s in order {
      var best: (Double, Int)? = nil
      for c in problem.carers.indices where problem.canDo(c, s) && (mate(s).map { carerOf[$0] != c } ?? true) {
        routes[c].append(s)
        if let cost = Schedule.compute(problem, routes: routes)?.cost.objective, cost < (best?.0 ?? .infinity) {
          best = (cost, c)
        }
        routes[c].removeLast()
      }
      // Every service has a qualified carer (the readers check); a pair may force the other one.
      let c =
        best?.1 ?? problem.carers.indices.first { c in problem.canDo(c, s) && (mate(s).map { carerOf[$0] != c } ?? true)
        }!
      routes[c].append(s)
      carerOf[s] = c
    }
    return routes
  }

  public func solve(_ options: SearchOptions) -> SearchResult {
    let clock = ContinuousClock()
    let began = clock.now
    func elapsed() -> Double {
      let d = clock.now - began
      return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
    var rng = SeededRandom(seed: options.seed)
    var routes = greedy()
    var current = Timing.full(problem, routes: routes, partner: partner)!
    var currentCost = current.cost
    var best = (routes: routes, timing: current, cost: currentCost)
    var carerOf = [Int](repeating: 0, count: problem.services.count)
    for (c, route) in routes.enumerated() { for s in route { carerOf[s] = c } }

    let start = max(1, currentCost.objective * options.startTemperature)
    let end = start / options.coolingRatio
    var temperature = start
    var iteration = 0
    while true {
      if let limit = options.iterations {
        if iteration >= limit { break }
      } else if iteration % 256 == 0 && elapsed() >= options.seconds {
        break
      }
      let fraction = options.iterations.map { Double(iteration) / Double($0) } ?? min(1, elapsed() / options.seconds)
      if iteration % 256 == 0 {
        temperature = start * pow(end / start, fraction)
      }
      iteration += 1
      guard let (candidate, changed) = neighbour(routes, carerOf: carerOf, starts: current.starts, rng: &rng) else {
        continue
      }
      var routeOf = carerOf
      for c in changed { for s in candidate[c] { routeOf[s] = c } }
      guard
        let timing = current.updated(problem, routes: candidate, routeOf: routeOf, changed: changed, partner: partner)
      else { continue }
      let cost = timing.cost
      let delta = cost.objective - currentCost.objective
      if delta <= 0 || rng.unit() < exp(-delta / temperature) {
        routes = candidate
        current = timing
        currentCost = cost
        carerOf = routeOf
        if cost.objective < best.cost.objective - 1e-9 {
          best = (routes, current, cost)
        }
      }
      if iteration % 20_000 == 0 {
        options.progress?(
          SearchProgress(iteration: iteration, seconds: elapsed(), best: best.cost, temperature: temperature))
      }
    }
    return SearchResult(
      plan: Plan(routes: best.routes, starts: best.timing.starts), cost: best.cost, iterations: iteration,
      seconds: elapsed())
  }

  /// One random change that keeps every hard rule about who may do what; nil when the draw was unusable.
  func neighbour(_ routes: [[Int]], carerOf: [Int], starts: [Double], rng: inout SeededRandom) -> ([[Int]], [Int])? {
    var next = routes
    let s = rng.below(problem.services.count)
    let from = carerOf[s]
    let index = routes[from].firstIndex(of: s)!
    switch rng.below(5) {
    case 0:  // relocate, perhaps to the same route
      let to = rng.below(problem.carers.count)
      guard problem.canDo(to, s), mate(s).map({ carerOf[$0] != to }) ?? true else { return nil }
      next[from].remove(at: index)
      next[to].insert(s, at: slot(s, in: next[to], starts: starts, rng: &rng))
      return (next, from == to ? [from] : [from, to])
    case 1:  // swap with a visit on another route
      let t = rng.below(problem.services.count)
      let other = carerOf[t]
      guard other != from, problem.canDo(other, s), problem.canDo(from, t),
        mate(s).map({ $0 == t || carerOf[$0] != other }) ?? true,
        mate(t).map({ $0 == s || carerOf[$0] != from }) ?? true
      else { return nil }
      next[from][index] = t
      next[other][routes[other].firstIndex(of: t)!] = s
      return (next, [from, other])
    case 2:  // move both halves of a pair together: alone, either half drags the other's timing
      guard let m = mate(s) else { return nil }
      let (a, b) = (rng.below(problem.carers.count), rng.below(problem.carers.count))
      guard a != b, problem.canDo(a, s), problem.canDo(b, m) else { return nil }
      next[from].removeAll { $0 == s }
      next[carerOf[m]].removeAll { $0 == m }
      next[a].insert(s, at: slot(s, in: next[a], starts: starts, rng: &rng))
      next[b].insert(m, at: slot(m, in: next[b], starts: starts, rng: &rng))
      return (next, Array(Set([from, carerOf[m], a, b])))
    case 3:  // exchange the ends of two routes (2-opt*)
      let other = rng.below(problem.carers.count)
      guard other != from else { return nil }
      let cut = rng.below(routes[other].count + 1)
      let tailA = Array(routes[from][index...])
      let tailB = Array(routes[other][cut...])
      guard tailA.allSatisfy({ problem.canDo(other, $0) }), tailB.allSatisfy({ problem.canDo(from, $0) }) else {
        return nil
      }
      next[from] = Array(routes[from][..<index]) + tailB
      next[other] = Array(routes[other][..<cut]) + tailA
      for r in [from, other] {
        let here = Set(next[r])
        guard !next[r].contains(where: { mate($0).map(here.contains) ?? false }) else { return nil }
      }
      return (next, [from, other])
    default:  // reverse a stretch of the route
      guard routes[from].count > 2 else { return nil }
      let j = rng.below(routes[from].count)
      guard j != index else { return nil }
      next[from][min(index, j)...max(index, j)].reverse()
      return (next, [from])
    }
  }

  /// Where to put a visit in a route: half the time anywhere, half the time where it fits by its
  /// current start time (give or take one place), which is where a good plan usually has it.
  func slot(_ s: Int, in route: [Int], starts: [Double], rng: inout SeededRandom) -> Int {
    if rng.below(2) == 0 { return rng.below(route.count + 1) }
    let time = starts[s]
    let fit = route.firstIndex { starts[$0] > time } ?? route.count
    return min(route.count, max(0, fit + rng.below(3) - 1))
  }
}
