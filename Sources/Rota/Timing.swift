/// Start times with their cost kept per route, so a move re-times only the routes it touches and
/// those tied to them by a pair of visits; every other route keeps its times and its share of the cost.
struct Timing {
  var starts: [Double]
  var travel: [Double]
  var lateSum: [Double]
  var lateMax: [Double]
  var preference: [Double]

  var cost: Cost {
    Cost(
      travel: travel.reduce(0, +), totalTardiness: lateSum.reduce(0, +), maxTardiness: lateMax.max() ?? 0,
      preference: preference.reduce(0, +))
  }

  static func full(_ problem: RotaProblem, routes: [[Int]], partner: [Int?]) -> Timing? {
    let empty = [Double](repeating: 0, count: problem.shifts.count)
    let blank = Timing(
      starts: [Double](repeating: 0, count: problem.services.count), travel: empty, lateSum: empty, lateMax: empty,
      preference: empty)
    var routeOf = [Int](repeating: -1, count: problem.services.count)
    for (c, route) in routes.enumerated() { for s in route { routeOf[s] = c } }
    return blank.updated(problem, routes: routes, routeOf: routeOf, changed: Array(routes.indices), partner: partner)
  }

  /// The timing after `changed` routes were edited (`routeOf` already says where each visit now is).
  func updated(_ problem: RotaProblem, routes: [[Int]], routeOf: [Int], changed: [Int], partner: [Int?]) -> Timing? {
    // Every route linked to a changed one through a pair must be re-timed too.
    var affected = [Bool](repeating: false, count: routes.count)
    var queue = changed
    for c in changed { affected[c] = true }
    while let c = queue.popLast() {
      for s in routes[c] {
        guard let p = partner[s] else { continue }
        let sync = problem.syncs[p]
        let other = routeOf[sync.first == s ? sync.second : sync.first]
        if other >= 0 && !affected[other] {
          affected[other] = true
          queue.append(other)
        }
      }
    }
    var next = self
    var lower = [Double](repeating: 0, count: problem.services.count)
    let services = problem.services
    for _ in 0...(problem.syncs.count * 2 + 2) {
      for c in routes.indices where affected[c] {
        var time = problem.rules.start[c]
        var at = problem.shifts[c].startNode
        for s in routes[c] {
          let service = services[s]
          let start = max(time + problem.travel[at][service.node], service.earliest, lower[s])
          next.starts[s] = start
          time = start + service.duration
          at = service.node
        }
      }
      var settled = true
      for sync in problem.syncs {
        let route = routeOf[sync.first]
        guard route >= 0, affected[route], routeOf[sync.second] >= 0 else { continue }
        let a = next.starts[sync.first]
        let b = next.starts[sync.second]
        if b < a + sync.minGap - Schedule.epsilon {
          lower[sync.second] = a + sync.minGap
          settled = false
        } else if b > a + sync.maxGap + Schedule.epsilon {
          lower[sync.first] = b - sync.maxGap
          settled = false
        }
      }
      if settled {
        for c in routes.indices where affected[c] {
          guard next.recost(problem, route: c, visits: routes[c]) else { return nil }
        }
        return next
      }
    }
    return nil
  }

  /// Sums the route's cost; false when it breaks a hard rule: a deadline, capacity, the end of the shift (or of
  /// the hours the carer agreed to), or a journey longer than they agreed to.
  private mutating func recost(_ problem: RotaProblem, route c: Int, visits: [Int]) -> Bool {
    var distance = 0.0
    var sum = 0.0
    var worst = 0.0
    var load = 0.0
    var prefer = 0.0
    let shift = problem.shifts[c]
    let rules = problem.rules
    let longest = rules.maxJourney[c] + Schedule.epsilon
    var at = shift.startNode
    for s in visits {
      let service = problem.services[s]
      let leg = problem.travel[at][service.node]
      guard leg <= longest else { return false }
      distance += leg
      at = service.node
      guard starts[s] <= service.deadline + Schedule.epsilon else { return false }
      let late = rules.lateness(s, carer: shift.carer, start: starts[s], latest: service.latest)
      sum += late
      worst = max(worst, late)
      load += service.demand
      prefer += rules.preference(s, carer: shift.carer)
    }
    if let last = visits.last {
      let home = problem.travel[at][shift.endNode]
      distance += home
      let back = starts[last] + problem.services[last].duration + home
      guard load <= shift.capacity + Schedule.epsilon, back <= rules.end[c] + Schedule.epsilon, home <= longest else {
        return false
      }
    }
    travel[c] = distance
    lateSum[c] = sum
    lateMax[c] = worst
    preference[c] = prefer
    return true
  }
}
