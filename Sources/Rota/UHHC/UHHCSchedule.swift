/// Turns each carer's order of stops into times. A stop is a need of a patient (`patient * 2 + need`) or
/// the carer's lunch (`lunch`), held at the home they were just at (or, first thing, the next one).
extension UHHCInstance {
  static let lunch = -1

  /// Times for this order, or nil when it cannot be kept: a lunch outside its window, or two paired visits
  /// that keep pushing each other.
  func schedule(_ routes: [[Int]]) -> UHHCPlan? {
    var lower = [Int](repeating: 0, count: patients.count * 2)
    var start = [Int?](repeating: nil, count: patients.count * 2)
    let paired = patients.indices.filter { patients[$0].sync != nil && patients[$0].sync != .independent }
    for _ in 0..<(2 * paired.count + 3) {
      var plan = UHHCPlan(routes: [])
      for (c, route) in routes.enumerated() {
        guard let stops = times(c, route, lower: lower) else { return nil }
        for stop in stops { if let need = stop.need { start[stop.patient * 2 + need] = stop.start } }
        plan.routes.append(stops)
      }
      var settled = true
      for p in paired {
        guard let a = start[p * 2], let b = start[p * 2 + 1] else { continue }
        switch patients[p].sync {
        case .simultaneous where a != b:
          lower[p * 2] = max(a, b)
          lower[p * 2 + 1] = max(a, b)
          settled = false
        case .sequential(let low, let high):
          if b < a + low {
            lower[p * 2 + 1] = a + low
            settled = false
          } else if b > a + high {
            lower[p * 2] = b - high
            settled = false
          }
        default: break
        }
      }
      if settled { return plan }
    }
    return nil
  }

  /// One carer's stops, each as early as travel, its window and `lower` (from its pair) allow.
  func times(_ c: Int, _ route: [Int], lower: [Int]) -> [UHHCPlan.Stop]? {
    let carer = carers[c]
    var stops: [UHHCPlan.Stop] = []
    var at = carer.startNode
    var free = carer.shift.start
    var home = -1  // the patient whose home the carer is at
    for (i, item) in route.enumerated() {
      if item == Self.lunch {
        if home < 0 {  // lunch first: at the first patient's home, before their visit
          guard let next = route[(i + 1)...].first(where: { $0 != Self.lunch }) else { return nil }
          home = next / 2
          free += distances[at][patients[home].node]
          at = patients[home].node
        }
        let begin = max(free, lunch.start)
        let end = begin + lunch.minutes
        guard (lateAtEnd ? end : begin) <= lunch.end else { return nil }
        stops.append(.init(patient: home, need: nil, start: begin, end: end))
        free = end
        continue
      }
      let (p, need) = (item / 2, item % 2)
      let duration = patients[p].needs[need].duration
      let arrival = free + distances[at][patients[p].node]
      let begin = startTime(p, duration: duration, from: max(arrival, lower[item]))
      stops.append(.init(patient: p, need: need, start: begin, end: begin + duration))
      free = begin + duration
      at = patients[p].node
      home = p
    }
    return stops
  }

  /// The start for a visit that could begin at `t`: no earlier than the first window; when `t` falls late
  /// for one window and before the next opens, waiting for the next is chosen if it costs less (or if
  /// lateness is forbidden; where it cannot be avoided, the scorer reports it and the search pays dearly).
  func startTime(_ p: Int, duration: Int, from t: Int) -> Int {
    let windows = patients[p].windows
    let t = max(t, windows[0].start)
    let k = windows.lastIndex { $0.start <= t } ?? 0
    let late = tardiness(of: p, start: t, duration: duration)
    guard late > 0 else { return t }
    if k + 1 < windows.count {
      let next = windows[k + 1].start
      if weights.tardinessIsHard || weights.waiting * (next - t) < weights.tardiness * late {
        return next
      }
    }
    return t
  }
}
