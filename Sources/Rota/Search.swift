import Foundation

/// Why no plan could be made at all.
public enum PlanningError: Error, Equatable, CustomStringConvertible {
  /// No carer can fit the visit in: the ones who may do it are out of hours, too far, or paired already.
  case noRouteFor(service: Int, person: String, skill: String)

  public var description: String {
    switch self {
    case .noRouteFor(let s, let person, let skill):
      "no carer can fit in visit \(s) (person \(person), \(skill)) within the hours and journeys they agreed to"
    }
  }
}

/// Simulated annealing over carers' routes: relocate a visit, swap two, move a pair together,
/// exchange route tails, reverse a stretch, or (when continuity counts) give a visit to a carer the
/// person already sees. Timing re-times only what a move touches. A first plan comes from greedy insertion.
public struct Annealer {
  let problem: RotaProblem
  let partner: [Int?]
  let shiftsByDay: [[Int]]
  let servicesByDay: [[Int]]
  let servicesByPerson: [[Int]]
  /// shiftOf[carer][day]: the carer's route that day, if they work.
  let shiftOf: [[Int?]]
  /// Per visit, the closest other visits the same day (by travel), nearest first: what a ruin takes out.
  let nearest: [[Int]]
  /// mayDo[shift * services + visit]: `RotaProblem.canDo`, read from a table because moves ask it constantly.
  let mayDo: [Bool]
  /// Whether ruins can be rebuilt with `SlackRoute`'s constant-time checks (no pairs, hard windows).
  let quick: Bool

  public init(_ problem: RotaProblem) {
    self.problem = problem
    partner = problem.partner
    quick = Self.quickRecreateApplies(problem)
    mayDo = problem.shifts.indices.flatMap { c in problem.services.indices.map { problem.canDo(c, $0) } }
    let days = (problem.services.map(\.day) + problem.shifts.map(\.day)).max().map { $0 + 1 } ?? 1
    var byDay = [[Int]](repeating: [], count: days)
    var shiftOf = [[Int?]](repeating: [Int?](repeating: nil, count: days), count: problem.carers.count)
    for (i, shift) in problem.shifts.enumerated() {
      byDay[shift.day].append(i)
      shiftOf[shift.carer][shift.day] = i
    }
    shiftsByDay = byDay
    self.shiftOf = shiftOf
    var services = [[Int]](repeating: [], count: days)
    for (i, service) in problem.services.enumerated() { services[service.day].append(i) }
    servicesByDay = services
    var people = [[Int]](repeating: [], count: problem.personIDs.count)
    for (i, service) in problem.services.enumerated() { people[service.person].append(i) }
    servicesByPerson = people
    nearest = problem.services.indices.map { s in
      let here = problem.services[s].node
      let others = services[problem.services[s].day].filter { $0 != s }
      return Array(
        others.sorted {
          problem.travel[here][problem.services[$0].node] < problem.travel[here][problem.services[$1].node]
        }.prefix(40))
    }
  }

  /// The other half of a pair, if the service is one.
  func mate(_ s: Int) -> Int? {
    partner[s].map {
      let sync = problem.syncs[$0]
      return sync.first == s ? sync.second : sync.first
    }
  }

  func able(_ shift: Int, _ s: Int) -> Bool { mayDo[shift * problem.services.count + s] }

  func allowed(_ shift: Int, _ s: Int, routeOf: [Int]) -> Bool {
    able(shift, s) && (mate(s).map { routeOf[$0] != shift } ?? true)
  }

  /// Defaults for what `SearchOptions` leaves unset. Where string ruins apply (Solomon-like instances) they
  /// are cheap, so more of them, a hotter start and moves steered by neighbours; chosen on Solomon's 56 at
  /// 10 s (more ruins alone: 0.28 % mean gap; all three: 0.19 % and 0.25 % with seeds 1 and 2). Elsewhere the settings Mankowska's sets were run with.
  var defaults: (startTemperature: Double, ruinShare: Double, nearShare: Double) {
    quick ? (0.05, 0.15, 0.5) : (0.02, 0.05, 0)
  }

  public func solve(_ options: SearchOptions) throws(PlanningError) -> SearchResult {
    var rng = SeededRandom(seed: options.seed)
    let weight = options.continuityWeight
    var routes = try greedy(continuityWeight: weight)
    var current = Timing.full(problem, routes: routes, partner: partner)!
    var continuity = ContinuityCounter(problem, routes: routes)
    var currentCost = current.cost
    var currentValue = currentCost.objective + weight * Double(continuity.total)
    var best = (routes: routes, timing: current, cost: currentCost, value: currentValue, distinct: continuity.total)
    var carerOf = [Int](repeating: 0, count: problem.services.count)
    for (c, route) in routes.enumerated() { for s in route { carerOf[s] = c } }

    let defaults = self.defaults
    // Read once here, not on every move.
    let (ruinShare, nearShare) = (options.ruinShare ?? defaults.ruinShare, options.nearShare ?? defaults.nearShare)
    var schedule = AnnealSchedule(
      options, firstCost: currentCost.objective, startTemperature: defaults.startTemperature)
    var iteration = 0
    // With no visits there is nothing to move (and a random pick among none would divide by zero).
    search: while !problem.services.isEmpty {
      switch schedule.step(iteration) {
      case .stop: break search
      case .carryOn: break
      case .restartFromBest:
        // Start again from the best plan so far (rebuilding the continuity count to match).
        routes = best.routes
        current = best.timing
        currentCost = best.cost
        currentValue = best.value
        for (c, route) in routes.enumerated() { for s in route { carerOf[s] = c } }
        continuity = ContinuityCounter(problem, routes: routes)
      }
      iteration += 1
      let candidate: [[Int]]
      let changed: [Int]
      let timing: Timing
      var routeOf = carerOf
      if rng.unit() < ruinShare {
        guard
          let move = quick
            ? stringRuinAndRecreate(
              routes, carerOf: carerOf, timing: current, average: options.ruinAverage, longest: options.ruinLongest,
              continuity: weight > 0 ? continuity : nil, weight: weight, rng: &rng)
            : ruinAndRecreate(
              routes, carerOf: carerOf, timing: current, continuity: weight > 0 ? continuity : nil, weight: weight,
              rng: &rng)
        else { continue }
        (candidate, timing, changed) = move
        for c in changed { for s in candidate[c] { routeOf[s] = c } }
      } else {
        guard
          let move = neighbour(
            routes, carerOf: carerOf, starts: current.starts, weight: weight,
            near: nearShare, rng: &rng)
        else { continue }
        (candidate, changed) = move
        for c in changed { for s in candidate[c] { routeOf[s] = c } }
        guard
          let t = current.updated(problem, routes: candidate, routeOf: routeOf, changed: changed, partner: partner)
        else { continue }
        timing = t
      }
      // Visits that changed carer, for the continuity count (applied now, undone if rejected).
      var moved: [(person: Int, from: Int, to: Int)] = []
      if weight > 0 {
        for c in changed {
          for s in candidate[c] where problem.shifts[carerOf[s]].carer != problem.shifts[c].carer {
            moved.append((problem.services[s].person, problem.shifts[carerOf[s]].carer, problem.shifts[c].carer))
          }
        }
        for m in moved {
          continuity.add(m.person, m.from, -1)
          continuity.add(m.person, m.to, 1)
        }
      }
      let cost = timing.cost
      let value = cost.objective + weight * Double(continuity.total)
      let delta = value - currentValue
      if delta <= 0 || rng.unit() < exp(-delta / schedule.temperature) {
        routes = candidate
        current = timing
        currentCost = cost
        currentValue = value
        carerOf = routeOf
        if value < best.value - 1e-9 {
          best = (routes, current, cost, value, continuity.total)
        }
      } else {
        for m in moved {
          continuity.add(m.person, m.to, -1)
          continuity.add(m.person, m.from, 1)
        }
      }
      if iteration % max(1, options.progressEvery) == 0 {
        options.progress?(
          SearchProgress(
            iteration: iteration, seconds: schedule.elapsed, best: best.cost, temperature: schedule.temperature))
      }
    }
    return SearchResult(
      plan: Plan(routes: best.routes, starts: best.timing.starts), cost: best.cost, iterations: iteration,
      seconds: schedule.elapsed, distinctCarers: best.distinct)
  }
}
