/// Re-plans after a carer becomes unavailable: only that carer's visits move; every other visit keeps
/// its carer and its place in the route. Each visit (a pair moves together) goes to the person's
/// backup if that works, else to someone in their team, else to whoever it costs least.
public enum Repair {
  public struct Change: Sendable, Equatable {
    public let service: Int
    public let from: Int
    public let to: Int
    public let oldStart: Double
    public let newStart: Double
  }

  public struct Result: Sendable {
    public let plan: Plan
    public let cost: Cost
    public let changes: [Change]
  }

  public enum Failure: Error, Equatable {
    /// Nobody else is qualified (or free of the pair's other half) for this visit.
    case noCarerFor(service: Int)
  }

  public static func withoutCarer(_ problem: RotaProblem, plan: Plan, carer gone: Int) throws -> Result {
    let partner = problem.partner
    var routes = plan.routes
    let orphans = routes[gone]
    routes[gone] = []
    var routeOf = [Int](repeating: -1, count: problem.services.count)
    for (c, route) in routes.enumerated() { for s in route { routeOf[s] = c } }
    guard var timing = Timing.full(problem, routes: routes, partner: partner) else {
      throw Failure.noCarerFor(service: orphans.first ?? 0)
    }
    // A pair whose other half stays put moves alone; both halves with the same carer cannot happen.
    for s in orphans.sorted(by: { plan.starts[$0] < plan.starts[$1] }) {
      let person = problem.services[s].person
      let mate = partner[s].map {
        let sync = problem.syncs[$0]
        return sync.first == s ? sync.second : sync.first
      }
      var best: (rank: Int, cost: Double, routes: [[Int]], timing: Timing, to: Int)?
      for c in problem.shifts.indices where c != gone && problem.canDo(c, s) && (mate.map { routeOf[$0] != c } ?? true)
      {
        let who = problem.shifts[c].carer
        let rank = problem.backup[person] == who ? 0 : (problem.team[person]?.contains(who) == true ? 1 : 2)
        if let best, rank > best.rank { continue }
        for position in 0...routes[c].count {
          var candidate = routes
          candidate[c].insert(s, at: position)
          var where_ = routeOf
          where_[s] = c
          guard let t = timing.updated(problem, routes: candidate, routeOf: where_, changed: [c], partner: partner)
          else { continue }
          let cost = t.cost.objective
          if best == nil || rank < best!.rank || (rank == best!.rank && cost < best!.cost - 1e-9) {
            best = (rank, cost, candidate, t, c)
          }
        }
      }
      guard let chosen = best else { throw Failure.noCarerFor(service: s) }
      routes = chosen.routes
      timing = chosen.timing
      routeOf[s] = chosen.to
    }
    return Result(
      plan: Plan(routes: routes, starts: timing.starts), cost: timing.cost,
      changes: changes(problem, from: plan, to: Plan(routes: routes, starts: timing.starts), routeOf: routeOf))
  }

  /// The carer is away for the rest of the horizon (from `day` on): each of their shifts is repaired in turn.
  public static func withoutCarer(_ problem: RotaProblem, plan: Plan, carer: Int, fromDay day: Int) throws -> Result {
    var current = plan
    var cost: Cost?
    for shift in problem.shifts.indices where problem.shifts[shift].carer == carer && problem.shifts[shift].day >= day {
      let step = try withoutCarer(problem, plan: current, carer: shift)
      current = step.plan
      cost = step.cost
    }
    // Only when the carer has no shift left to repair is the plan scored afresh.
    let scored = cost ?? Evaluator.evaluate(problem, plan).cost
    var routeOf = [Int](repeating: -1, count: problem.services.count)
    for (c, route) in current.routes.enumerated() { for s in route { routeOf[s] = c } }
    return Result(plan: current, cost: scored, changes: changes(problem, from: plan, to: current, routeOf: routeOf))
  }

  static func changes(_ problem: RotaProblem, from plan: Plan, to after: Plan, routeOf: [Int]) -> [Change] {
    problem.services.indices.compactMap { s -> Change? in
      let before = plan.routes.firstIndex { $0.contains(s) } ?? -1
      let moved = before != routeOf[s] || abs(plan.starts[s] - after.starts[s]) > 1e-6
      return moved
        ? Change(service: s, from: before, to: routeOf[s], oldStart: plan.starts[s], newStart: after.starts[s]) : nil
    }
  }
}

extension Repair {
  /// Someone who could take an uncovered visit: the carer, how close they are to the person (0 the named
  /// backup, 1 in the person's team, 2 anyone else allowed), when the visit would start with them, and
  /// what it adds to the plan's cost.
  public struct Candidate: Sendable, Equatable {
    public let carer: Int
    public let rank: Int
    public let start: Double
    public let addedCost: Double
  }

  /// For each uncovered service, everyone who could take it without breaking a hard rule — skills,
  /// consent, declined carers, the shift's hours and capacity, time windows, the other half of a pair —
  /// each at their cheapest place in their route of that day, closest first (backup, team, others), then
  /// cheapest. Every other visit keeps its carer and time; the uncovered visits are taken out of the plan
  /// first (so they never block each other), and each candidate is found as if they took only that one.
  /// Carers in `excluding` (the one who cannot come) are never offered anything.
  public static func candidates(
    _ problem: RotaProblem, plan: Plan, uncovered: [Int], excluding: Set<Int>
  ) -> [Int: [Candidate]] {
    let partner = problem.partner
    let out = Set(uncovered)
    var routes = plan.routes.map { $0.filter { !out.contains($0) } }
    var routeOf = [Int](repeating: -1, count: problem.services.count)
    for (c, route) in routes.enumerated() { for s in route { routeOf[s] = c } }
    guard let timing = Timing.full(problem, routes: routes, partner: partner) else { return [:] }
    let base = timing.cost.objective
    var found: [Int: [Candidate]] = [:]
    for s in uncovered {
      let person = problem.services[s].person
      let mate = partner[s].map {
        let sync = problem.syncs[$0]
        return sync.first == s ? sync.second : sync.first
      }
      // A cover visit keeps to the person's window (with their flexibility for a carer they chose).
      let wishes = problem.wishes[person]
      let latest = { (carer: Int) -> Double in
        problem.services[s].latest + (wishes?.preferred.contains(carer) == true ? wishes?.flexibility ?? 0 : 0)
      }
      var best: [Int: Candidate] = [:]
      for c in problem.shifts.indices {
        let who = problem.shifts[c].carer
        guard !excluding.contains(who), problem.canDo(c, s),
          mate.map({ routeOf[$0] == -1 || problem.shifts[routeOf[$0]].carer != who }) ?? true
        else { continue }
        let rank = problem.backup[person] == who ? 0 : (problem.team[person]?.contains(who) == true ? 1 : 2)
        for position in 0...routes[c].count {
          routes[c].insert(s, at: position)
          var where_ = routeOf
          where_[s] = c
          if let t = timing.updated(problem, routes: routes, routeOf: where_, changed: [c], partner: partner),
            t.starts[s] <= latest(who) + 1e-6
          {
            let added = t.cost.objective - base
            if best[who].map({ added < $0.addedCost - 1e-9 }) ?? true {
              best[who] = Candidate(carer: who, rank: rank, start: t.starts[s], addedCost: added)
            }
          }
          routes[c].remove(at: position)
        }
      }
      found[s] = best.values.sorted { ($0.rank, $0.addedCost, $0.carer) < ($1.rank, $1.addedCost, $1.carer) }
    }
    return found
  }
}
