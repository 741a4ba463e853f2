/// The moves of the search. Each keeps every hard rule about who may do what and says which routes
/// it changed, so only those (and routes paired with them) are re-timed.
extension Annealer {
  /// One random change that keeps every hard rule about who may do what; nil when the draw was unusable.
  /// With chance `near`, a relocate, swap or tail exchange is steered by one of the visit's nearest
  /// neighbours (put it beside that visit, swap with it, join the two routes at it), as granular local
  /// searches do: most random pairings of far-apart visits are hopeless.
  func neighbour(
    _ routes: [[Int]], carerOf: [Int], starts: [Double], weight: Double, near: Double = 0, rng: inout SeededRandom
  ) -> ([[Int]], [Int])? {
    var next = routes
    let s = rng.below(problem.services.count)
    let from = carerOf[s]
    let index = routes[from].firstIndex(of: s)!
    let sameDay = shiftsByDay[problem.services[s].day]
    // No draw at all when unsteered, so runs without steering repeat the plans they gave before it existed.
    let steered = near > 0 && !nearest[s].isEmpty && rng.unit() < near
    let close = steered ? nearest[s][rng.below(min(10, nearest[s].count))] : nil
    switch rng.below(weight > 0 ? 6 : 5) {
    case 0:  // relocate, perhaps to the same route
      let to = close.map { carerOf[$0] } ?? sameDay[rng.below(sameDay.count)]
      guard allowed(to, s, routeOf: carerOf) else { return nil }
      next[from].remove(at: index)
      let position =
        close.map { next[to].firstIndex(of: $0)! + rng.below(2) } ?? slot(s, in: next[to], starts: starts, rng: &rng)
      next[to].insert(s, at: position)
      return (next, from == to ? [from] : [from, to])
    case 1:  // swap with a visit on another route the same day
      let day = servicesByDay[problem.services[s].day]
      let t = close ?? day[rng.below(day.count)]
      let other = carerOf[t]
      guard other != from, able(other, s), able(from, t),
        mate(s).map({ $0 == t || carerOf[$0] != other }) ?? true,
        mate(t).map({ $0 == s || carerOf[$0] != from }) ?? true
      else { return nil }
      next[from][index] = t
      next[other][routes[other].firstIndex(of: t)!] = s
      return (next, [from, other])
    case 2:  // move both halves of a pair together: alone, either half drags the other's timing
      guard let m = mate(s) else { return nil }
      let (a, b) = (sameDay[rng.below(sameDay.count)], sameDay[rng.below(sameDay.count)])
      guard a != b, able(a, s), able(b, m) else { return nil }
      next[from].removeAll { $0 == s }
      next[carerOf[m]].removeAll { $0 == m }
      next[a].insert(s, at: slot(s, in: next[a], starts: starts, rng: &rng))
      next[b].insert(m, at: slot(m, in: next[b], starts: starts, rng: &rng))
      return (next, Array(Set([from, carerOf[m], a, b])))
    case 3:  // exchange the ends of two routes of the same day (2-opt*)
      let other = close.map { carerOf[$0] } ?? sameDay[rng.below(sameDay.count)]
      guard other != from else { return nil }
      // Steered: the nearby visit comes just before this one once the tails are swapped.
      let cut = close.map { routes[other].firstIndex(of: $0)! + 1 } ?? rng.below(routes[other].count + 1)
      let tailA = Array(routes[from][index...])
      let tailB = Array(routes[other][cut...])
      guard tailA.allSatisfy({ able(other, $0) }), tailB.allSatisfy({ able(from, $0) }) else {
        return nil
      }
      next[from] = Array(routes[from][..<index]) + tailB
      next[other] = Array(routes[other][..<cut]) + tailA
      for r in [from, other] {
        let here = Set(next[r])
        guard !next[r].contains(where: { mate($0).map(here.contains) ?? false }) else { return nil }
      }
      return (next, [from, other])
    case 4:  // reverse a stretch of the route
      guard routes[from].count > 2 else { return nil }
      let j = rng.below(routes[from].count)
      guard j != index else { return nil }
      next[from][min(index, j)...max(index, j)].reverse()
      return (next, [from])
    default:  // give the visit to a carer who already sees this person on another day
      let visits = servicesByPerson[problem.services[s].person]
      let known = visits[rng.below(visits.count)]
      guard let to = shiftOf[problem.shifts[carerOf[known]].carer][problem.services[s].day], to != from,
        allowed(to, s, routeOf: carerOf)
      else { return nil }
      next[from].remove(at: index)
      next[to].insert(s, at: slot(s, in: next[to], starts: starts, rng: &rng))
      return (next, [from, to])
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
