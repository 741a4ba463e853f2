/// The first plan the search starts from.
extension Annealer {
  /// Visits in order of their window, each added to the end of the route where it costs least (with
  /// continuity, a carer new to the person costs the continuity weight more).
  public func greedy(continuityWeight: Double = 0) throws(PlanningError) -> [[Int]] {
    var routes = [[Int]](repeating: [], count: problem.shifts.count)
    var routeOf = [Int](repeating: -1, count: problem.services.count)
    var timing = Timing.full(problem, routes: routes, partner: partner)!
    var seen = Set<Int>()  // person * carers + carer
    let order = problem.services.indices.sorted {
      (problem.services[$0].day, problem.services[$0].earliest, $0) < (
        problem.services[$1].day, problem.services[$1].earliest, $1
      )
    }
    for s in order {
      let person = problem.services[s].person
      var best: (cost: Double, shift: Int, timing: Timing)?
      for c in shiftsByDay[problem.services[s].day] where allowed(c, s, routeOf: routeOf) {
        routes[c].append(s)
        routeOf[s] = c
        if let t = timing.updated(problem, routes: routes, routeOf: routeOf, changed: [c], partner: partner) {
          let isNew = !seen.contains(person * problem.carers.count + problem.shifts[c].carer)
          let cost = t.cost.objective + (isNew ? continuityWeight : 0)
          if cost < (best?.cost ?? .infinity) { best = (cost, c, t) }
        }
        routes[c].removeLast()
        routeOf[s] = -1
      }
      // Readers check every visit has a carer who may do it; hours, journeys or pairs can still leave none.
      guard let chosen = best else {
        throw .noRouteFor(
          service: s, person: problem.personIDs[person], skill: problem.skillIDs[problem.services[s].skill])
      }
      routes[chosen.shift].append(s)
      routeOf[s] = chosen.shift
      timing = chosen.timing
      seen.insert(person * problem.carers.count + problem.shifts[chosen.shift].carer)
    }
    return routes
  }
}
