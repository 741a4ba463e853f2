/// Start times with their cost kept per route, so a move re-times only the routes it touches and, of
/// the routes tied to them by a pair of visits, only those whose times really change.
struct Timing {
  var starts: [Double]
  /// Each visit's start before its partner (if any) holds it back: what its own route allows. A route
  /// left alone keeps these, so a pair's other half can be re-timed without re-timing this route.
  var own: [Double]
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
    let none = [Double](repeating: 0, count: problem.services.count)
    let blank = Timing(starts: none, own: none, travel: empty, lateSum: empty, lateMax: empty, preference: empty)
    var routeOf = [Int](repeating: -1, count: problem.services.count)
    for (c, route) in routes.enumerated() { for s in route { routeOf[s] = c } }
    return blank.updated(problem, routes: routes, routeOf: routeOf, changed: Array(routes.indices), partner: partner)
  }

  /// The timing after `changed` routes were edited (`routeOf` already says where each visit now is).
  /// Starts are the earliest the rules allow (the least fixed point), the same as timing every route afresh:
  /// a partner's route joins the re-timed set only when its visit would start at another time.
  func updated(_ problem: RotaProblem, routes: [[Int]], routeOf: [Int], changed: [Int], partner: [Int?]) -> Timing? {
    var affected = [Bool](repeating: false, count: routes.count)
    for c in changed { affected[c] = true }
    var next = self
    var lower = [Double](repeating: 0, count: problem.services.count)
    // Each round either settles or adds a route, so there are at most as many rounds as routes.
    for _ in 0...routes.count {
      guard next.settle(problem, routes: routes, routeOf: routeOf, affected: affected, partner: partner, lower: &lower)
      else {
        return nil
      }
      var grew = false
      for c in routes.indices where affected[c] {
        for s in routes[c] {
          guard let p = partner[s] else { continue }
          let sync = problem.syncs[p]
          let m = sync.first == s ? sync.second : sync.first
          let r = routeOf[m]
          guard r >= 0, !affected[r] else { continue }
          let pushed = sync.first == s ? next.starts[s] + sync.minGap : next.starts[s] - sync.maxGap
          if abs(max(next.own[m], pushed) - next.starts[m]) > Schedule.epsilon {
            affected[r] = true
            grew = true
          }
        }
      }
      if !grew {
        for c in routes.indices where affected[c] {
          guard next.recost(problem, route: c, visits: routes[c]) else { return nil }
        }
        return next
      }
    }
    return nil
  }

  /// Times the affected routes from scratch, holding pairs together: a partner on a route left alone
  /// bounds its other half by what that partner's own route allows. False when two routes wait on each other.
  private mutating func settle(
    _ problem: RotaProblem, routes: [[Int]], routeOf: [Int], affected: [Bool], partner: [Int?], lower: inout [Double]
  ) -> Bool {
    let services = problem.services
    var pairs: [Int] = []  // syncs with both halves re-timed here
    for c in routes.indices where affected[c] {
      for s in routes[c] {
        lower[s] = 0
        guard let p = partner[s] else { continue }
        let sync = problem.syncs[p]
        let m = sync.first == s ? sync.second : sync.first
        let r = routeOf[m]
        if r < 0 { continue }
        if affected[r] {
          if sync.first == s { pairs.append(p) }
        } else {
          lower[s] = sync.first == s ? own[m] - sync.maxGap : own[m] + sync.minGap
        }
      }
    }
    for _ in 0...(pairs.count * 2 + 2) {
      for c in routes.indices where affected[c] {
        var time = problem.rules.start[c]
        var at = problem.shifts[c].startNode
        for s in routes[c] {
          let service = services[s]
          let mine = max(time + problem.travel[at][service.node], service.earliest)
          own[s] = mine
          let start = max(mine, lower[s])
          starts[s] = start
          time = start + service.duration
          at = service.node
        }
      }
      var settled = true
      for p in pairs {
        let sync = problem.syncs[p]
        let a = starts[sync.first]
        let b = starts[sync.second]
        if b < a + sync.minGap - Schedule.epsilon {
          lower[sync.second] = a + sync.minGap
          settled = false
        } else if b > a + sync.maxGap + Schedule.epsilon {
          lower[sync.first] = b - sync.maxGap
          settled = false
        }
      }
      if settled { return true }
    }
    return false
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
