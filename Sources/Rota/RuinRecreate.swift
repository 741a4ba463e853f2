/// Ruin and recreate: take out a cluster of nearby visits (short strings of several routes around one
/// visit, and the other half of any pair among them) and put each back where it costs least. One visit
/// at a time cannot empty a crowded stretch of road; this move can, which is what long routes need.
extension Annealer {
  /// The plan after the move, its timing and the routes it changed; nil when a visit found no place.
  func ruinAndRecreate(
    _ routes: [[Int]], carerOf: [Int], timing: Timing, continuity: ContinuityCounter? = nil, weight: Double = 0,
    rng: inout SeededRandom
  ) -> (routes: [[Int]], timing: Timing, changed: [Int])? {
    var next = routes
    var routeOf = carerOf
    var removed: [Int] = []
    var changed = Set<Int>()
    let seed = rng.below(problem.services.count)
    let target = 1 + rng.below(min(12, max(1, problem.services.count / 5)))
    let longest = 1 + rng.below(4)
    func take(_ s: Int) {
      let r = routeOf[s]
      guard r >= 0, let at = next[r].firstIndex(of: s) else { return }
      next[r].remove(at: at)
      routeOf[s] = -1
      removed.append(s)
      changed.insert(r)
    }
    for s in [seed] + nearest[seed] where removed.count < target {
      let r = routeOf[s]
      guard r >= 0, !changed.contains(r), let at = next[r].firstIndex(of: s) else { continue }
      // A string of up to `longest` visits around this one.
      let length = min(next[r].count, longest)
      let first = max(0, min(at - rng.below(length), next[r].count - length))
      for v in Array(next[r][first..<(first + length)]) { take(v) }
    }
    for s in removed { if let m = mate(s) { take(m) } }
    guard
      var current = timing.updated(problem, routes: next, routeOf: routeOf, changed: Array(changed), partner: partner)
    else { return nil }
    if rng.below(2) == 0 {
      removed.shuffle(using: &rng)
    } else {
      removed.sort { problem.services[$0].earliest < problem.services[$1].earliest }
    }
    for s in removed {
      guard
        let (r, position) = cheapestPlace(
          s, routes: next, routeOf: routeOf, timing: current, continuity: continuity, weight: weight)
      else { return nil }
      next[r].insert(s, at: position)
      routeOf[s] = r
      changed.insert(r)
      guard let t = current.updated(problem, routes: next, routeOf: routeOf, changed: [r], partner: partner) else {
        return nil
      }
      current = t
    }
    return (next, current, Array(changed))
  }

  /// The route and position where the visit adds least to the objective (travel, lateness, preference).
  func cheapestPlace(
    _ s: Int, routes: [[Int]], routeOf: [Int], timing: Timing, continuity: ContinuityCounter? = nil, weight: Double = 0
  ) -> (Int, Int)? {
    let service = problem.services[s]
    // The largest lateness on any route but one, for the maximum-lateness part of the objective.
    var top = (value: -1.0, route: -1)
    var second = -1.0
    for (r, late) in timing.lateMax.enumerated() {
      if late > top.value {
        second = top.value
        top = (late, r)
      } else if late > second {
        second = late
      }
    }
    let worst = max(0, top.value)
    var best: (delta: Double, route: Int, position: Int)?
    for c in shiftsByDay[service.day] where allowed(c, s, routeOf: routeOf) {
      let route = routes[c]
      let otherMax = max(0, top.route == c ? second : top.value)
      let ownPreference = problem.rules.preference(s, carer: problem.shifts[c].carer)
      let face = continuity?.newFace(service.person, problem.shifts[c].carer, weight: weight) ?? 0
      for position in 0...route.count {
        let before = position == 0 ? problem.shifts[c].startNode : problem.services[route[position - 1]].node
        let after =
          position == route.count ? problem.shifts[c].endNode : problem.services[route[position]].node
        let detour = problem.travel[before][service.node] + problem.travel[service.node][after]
        let extra = route.isEmpty ? detour : detour - problem.travel[before][after]
        // Lateness only grows when a visit goes in, so travel and preference alone bound the cost from below.
        guard extra / 3 + ownPreference + face < (best?.delta ?? .infinity) else { continue }
        let delta: Double?
        switch routeWith(s, at: position, route: c, routes: routes, routeOf: routeOf, timing: timing) {
        case .broken: delta = nil
        case .cost(let travel, let lateSum, let lateMax, let prefer):
          delta =
            (travel - timing.travel[c] + lateSum - timing.lateSum[c] + max(otherMax, lateMax) - worst) / 3 + prefer
            - timing.preference[c] + face
        case .movesAPartner:
          var trial = routes
          trial[c].insert(s, at: position)
          var placed = routeOf
          placed[s] = c
          delta = timing.updated(problem, routes: trial, routeOf: placed, changed: [c], partner: partner).map {
            $0.cost.objective - timing.cost.objective + face
          }
        }
        if let delta, delta < (best?.delta ?? .infinity) { best = (delta, c, position) }
      }
    }
    return best.map { ($0.route, $0.position) }
  }

  enum RouteCost {
    case broken
    case cost(travel: Double, lateSum: Double, lateMax: Double, preference: Double)
    /// A visit's partner on another route would have to start at another time: time the whole plan.
    case movesAPartner
  }

  /// Times one route with a visit put in, holding paired visits on other routes where they are. The same
  /// rules as `Timing`: earliest starts, deadlines, journeys, capacity, and back by the end of the day.
  func routeWith(_ s: Int, at position: Int, route c: Int, routes: [[Int]], routeOf: [Int], timing: Timing)
    -> RouteCost
  {
    let route = routes[c]
    let shift = problem.shifts[c]
    let rules = problem.rules
    let longest = rules.maxJourney[c] + Schedule.epsilon
    var time = rules.start[c]
    var at = shift.startNode
    var (distance, sum, worst, load, prefer) = (0.0, 0.0, 0.0, 0.0, 0.0)
    for k in 0...route.count {
      let v = k < position ? route[k] : (k == position ? s : route[k - 1])
      let service = problem.services[v]
      let leg = problem.travel[at][service.node]
      guard leg <= longest else { return .broken }
      var start = max(time + leg, service.earliest)
      if let p = partner[v] {
        let sync = problem.syncs[p]
        let m = sync.first == v ? sync.second : sync.first
        if routeOf[m] >= 0 {
          start = max(start, sync.first == v ? timing.own[m] - sync.maxGap : timing.own[m] + sync.minGap)
          let pushed = sync.first == v ? start + sync.minGap : start - sync.maxGap
          if abs(max(timing.own[m], pushed) - timing.starts[m]) > Schedule.epsilon { return .movesAPartner }
        }
      }
      guard start <= service.deadline + Schedule.epsilon else { return .broken }
      let late = rules.lateness(v, carer: shift.carer, start: start, latest: service.latest)
      distance += leg
      sum += late
      worst = max(worst, late)
      load += service.demand
      prefer += rules.preference(v, carer: shift.carer)
      time = start + service.duration
      at = service.node
    }
    let home = problem.travel[at][shift.endNode]
    guard home <= longest, load <= shift.capacity + Schedule.epsilon, time + home <= rules.end[c] + Schedule.epsilon
    else { return .broken }
    return .cost(travel: distance + home, lateSum: sum, lateMax: worst, preference: prefer)
  }
}
