/// String removal and greedy insertion with blinks, after Christiaens and Vanden Berghe's SISR (2020), for
/// plans where `SlackRoute` applies (no pairs, windows that are hard): strings of neighbouring visits come
/// out of several routes around one visit, and go back one by one where they add least, each place passed
/// over now and then (a "blink") so the rebuild is not always the same. Checking a place costs a few sums,
/// so ruins can be a larger share of the moves there (15 % rather than 5 %; more was no better on Solomon).
extension Annealer {
  /// Whether the quick rebuild gives the same prices as timing the route: nothing paired, and a visit that
  /// keeps its deadline is never counted late.
  static func quickRecreateApplies(_ problem: RotaProblem) -> Bool {
    problem.syncs.isEmpty && problem.services.allSatisfy { $0.deadline <= $0.latest }
  }

  /// The plan after the move, its timing and the routes it changed; nil when a visit found no place.
  func stringRuinAndRecreate(
    _ routes: [[Int]], carerOf: [Int], timing: Timing, average: Double, longest: Int,
    continuity: ContinuityCounter? = nil, weight: Double = 0, rng: inout SeededRandom
  ) -> (routes: [[Int]], timing: Timing, changed: [Int])? {
    var next = routes
    var routeOf = carerOf
    var removed: [Int] = []
    var changed: [Int] = []
    let used = routes.reduce(0) { $0 + ($1.isEmpty ? 0 : 1) }
    let meanLength = Double(problem.services.count) / Double(max(1, used))
    let stringMax = max(1.0, min(Double(longest), meanLength))
    let stringsMax = 4 * average / (1 + stringMax) - 1
    let strings = Int(1 + rng.unit() * max(0, stringsMax))
    let seed = rng.below(problem.services.count)
    for s in [seed] + nearest[seed] where changed.count < strings {
      let r = routeOf[s]
      guard r >= 0, !changed.contains(r), let at = next[r].firstIndex(of: s) else { continue }
      let length = 1 + rng.below(Int(min(Double(next[r].count), stringMax)))
      let first = max(0, min(at - rng.below(length), next[r].count - length))
      for v in next[r][first..<(first + length)] { routeOf[v] = -1 }
      removed += next[r][first..<(first + length)]
      next[r].removeSubrange(first..<(first + length))
      changed.append(r)
    }
    order(&removed, rng: &rng)
    var slack = [SlackRoute?](repeating: nil, count: routes.count)
    for s in removed {
      let service = problem.services[s]
      var best: (delta: Double, route: Int, position: Int)?
      var emptyTried: [(SlackRoute.Limits, Double)] = []
      for c in shiftsByDay[service.day] where able(c, s) {
        if slack[c] == nil { slack[c] = SlackRoute(problem, shift: c, visits: next[c]) }
        let carer = problem.shifts[c].carer
        let prefer =
          problem.rules.preference(s, carer: carer)
          + (continuity?.newFace(service.person, carer, weight: weight) ?? 0)
        if next[c].isEmpty {
          // A fleet of alike vans has many empty routes; trying one of them is trying them all.
          let key = (slack[c]!.limits, prefer)
          if emptyTried.contains(where: { $0 == key }) { continue }
          emptyTried.append(key)
        }
        let bound = ((best?.delta ?? .infinity) - prefer) * 3
        guard let place = slack[c]!.cheapestPlace(problem, service, under: bound, rng: &rng) else { continue }
        best = (place.extra / 3 + prefer, c, place.position)
      }
      guard let best else { return nil }
      slack[best.route]!.insert(problem, s, at: best.position)
      next[best.route] = slack[best.route]!.visits
      routeOf[s] = best.route
      if !changed.contains(best.route) { changed.append(best.route) }
    }
    guard let t = timing.updated(problem, routes: next, routeOf: routeOf, changed: changed, partner: partner) else {
      return nil
    }
    return (next, t, changed)
  }

  /// The order visits go back in, as SISR draws it: at random, largest load first, farthest from base
  /// first, or nearest first (weights 4, 4, 2, 1).
  private func order(_ visits: inout [Int], rng: inout SeededRandom) {
    visits.shuffle(using: &rng)
    let base = problem.shifts.first?.startNode ?? 0
    func away(_ s: Int) -> Double { problem.travel[base][problem.services[s].node] }
    switch rng.below(11) {
    case 0..<4: break
    case 4..<8: visits.sort { problem.services[$0].demand > problem.services[$1].demand }
    case 8..<10: visits.sort { away($0) > away($1) }
    default: visits.sort { away($0) < away($1) }
    }
  }
}
