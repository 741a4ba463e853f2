/// One route as the quick recreate sees it: when the carer leaves each visit, and the latest each visit may
/// start with every later visit still legal. With these a place for a new visit is checked in constant time
/// instead of by timing the route again. Only sound where no visit is paired (nothing outside the route moves
/// its times) and a visit on time by its deadline is never late (hard windows, as in Solomon's instances);
/// `Annealer.quickRecreate` says when. The rules are `Timing`'s: earliest starts, deadlines, journeys,
/// capacity, back by the end of the shift.
struct SlackRoute {
  let shift: Int
  private(set) var visits: [Int]
  private(set) var leave: [Double] = []
  private(set) var latest: [Double] = []
  private(set) var load = 0.0
  // The shift's own limits, read once: the checks below run a thousand times per rebuild.
  private let (startNode, endNode, begins, ends, longest, capacity): (Int, Int, Double, Double, Double, Double)

  /// Two empty routes with the same limits offer a visit the same places.
  struct Limits: Equatable {
    let startNode, endNode: Int
    let begins, ends, longest, capacity: Double
  }
  var limits: Limits {
    Limits(startNode: startNode, endNode: endNode, begins: begins, ends: ends, longest: longest, capacity: capacity)
  }

  // Borrowed: an initialiser otherwise takes its arguments owned, and the whole problem was copied each time.
  init(_ problem: borrowing RotaProblem, shift c: Int, visits: [Int]) {
    shift = c
    self.visits = visits
    let rules = problem.rules
    (startNode, endNode) = (problem.shifts[c].startNode, problem.shifts[c].endNode)
    (begins, ends, longest) = (rules.start[c], rules.end[c], rules.maxJourney[c] + Schedule.epsilon)
    capacity = problem.shifts[c].capacity + Schedule.epsilon
    retime(problem)
  }

  mutating func insert(_ problem: RotaProblem, _ s: Int, at position: Int) {
    visits.insert(s, at: position)
    retime(problem)
  }

  // Plain loops, not map and reduce: closures here made the optimiser copy the whole problem each call.
  private mutating func retime(_ problem: RotaProblem) {
    var time = begins
    var at = startNode
    load = 0
    // Room for a few insertions up front: growing by one each time reallocated on every insert.
    if leave.capacity < visits.count {
      leave.reserveCapacity(visits.count + 8)
      latest.reserveCapacity(visits.count + 8)
    }
    leave.removeAll(keepingCapacity: true)
    latest.removeAll(keepingCapacity: true)
    for s in visits {
      let service = problem.services[s]
      time = max(time + problem.travel[at][service.node], service.earliest) + service.duration
      at = service.node
      leave.append(time)
      latest.append(0)
      load += service.demand
    }
    var after = ends
    var next = endNode
    for k in visits.indices.reversed() {
      let service = problem.services[visits[k]]
      after = min(service.deadline, after - problem.travel[service.node][next] - service.duration)
      latest[k] = after
      next = service.node
    }
  }

  /// What putting `service` at `position` adds to the route's travel, when that is under `bound`; nil when
  /// it is not, or when a rule would break. Travel is summed first: most places fail on it alone.
  func extraTravel(_ problem: RotaProblem, _ service: RotaProblem.Service, at position: Int, under bound: Double)
    -> Double?
  {
    let before = position == 0 ? startNode : problem.services[visits[position - 1]].node
    let after = position == visits.count ? endNode : problem.services[visits[position]].node
    let there = problem.travel[before][service.node]
    let onward = problem.travel[service.node][after]
    let extra = visits.isEmpty ? there + onward : there + onward - problem.travel[before][after]
    guard extra < bound, there <= longest, onward <= longest else { return nil }
    let start = max((position == 0 ? begins : leave[position - 1]) + there, service.earliest)
    let nextLatest = position == visits.count ? ends : latest[position]
    guard start <= service.deadline + Schedule.epsilon,
      start + service.duration + onward <= nextLatest + Schedule.epsilon
    else { return nil }
    return extra
  }

  /// The place where `service` adds least travel, if under `bound`; each place is passed over one time in a
  /// hundred (SISR's blinks), so rebuilding the same ruin twice need not give the same plan.
  func cheapestPlace(
    _ problem: RotaProblem, _ service: RotaProblem.Service, under bound: Double,
    rng: inout SeededRandom
  ) -> (extra: Double, position: Int)? {
    guard fits(service) else { return nil }
    var best: (extra: Double, position: Int)?
    // Leaving times only grow along a route, and so do latest starts: past the first visit left after this
    // one's deadline nothing fits, and before the first that may start after this one ends nothing does.
    let done = service.earliest + service.duration - Schedule.epsilon
    for position in 0...visits.count {
      if position > 0 && leave[position - 1] > service.deadline + Schedule.epsilon { break }
      if position < visits.count && latest[position] < done { continue }
      guard rng.unit() >= 0.01 else { continue }
      guard let extra = extraTravel(problem, service, at: position, under: best?.extra ?? bound) else { continue }
      best = (extra, position)
    }
    return best
  }

  /// Whether the visit's load fits in what the carer can still take.
  func fits(_ service: RotaProblem.Service) -> Bool { load + service.demand <= capacity }
}
