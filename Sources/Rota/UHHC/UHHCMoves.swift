/// The UHHC search's moves. Each keeps who-may-do-what: skills, incompatible carers, two carers for a
/// paired visit, lunch only for carers who take it and at most once, required patients always seen.
extension UHHCAnnealer {
  func neighbour(_ routes: [[Int]], rng: inout SeededRandom) -> [[Int]]? {
    var next = routes
    let visits = routes.indices.flatMap { c in routes[c].indices.compactMap { routes[c][$0] >= 0 ? (c, $0) : nil } }
    switch rng.below(7) {
    case 0:  // move a visit to any carer who may do it, anywhere in their day
      guard let (c, i) = visits.randomElement(using: &rng) else { return nil }
      let item = next[c].remove(at: i)
      let to = rng.below(next.count)
      guard allowed(item, on: to, routes: next) else { return nil }
      next[to].insert(item, at: rng.below(next[to].count + 1))
    case 1:  // swap two visits between carers
      guard let (a, i) = visits.randomElement(using: &rng), let (b, j) = visits.randomElement(using: &rng), a != b
      else { return nil }
      let (x, y) = (next[a][i], next[b][j])
      next[a][i] = y
      next[b][j] = x
      guard allowed(x, on: b, routes: next, ignoring: x), allowed(y, on: a, routes: next, ignoring: y) else {
        return nil
      }
    case 2:  // reverse a stretch of one carer's day
      let c = rng.below(next.count)
      guard next[c].count > 2 else { return nil }
      let (i, j) = (rng.below(next[c].count), rng.below(next[c].count))
      next[c][min(i, j)...max(i, j)].reverse()
    case 3:  // see an optional patient who is not seen, or stop seeing one who is
      let optional = instance.patients.indices.filter { instance.patients[$0].optional }
      guard let p = optional.randomElement(using: &rng) else { return nil }
      let seen = next.contains { $0.contains(p * 2) }
      if seen {
        for c in next.indices { next[c].removeAll { $0 / 2 == p && $0 >= 0 } }
      } else {
        return bestOf(8, placing: p, in: next, rng: &rng)
      }
    case 4:  // take a patient's visits out and put them back in the best of a few random places
      guard let (c, i) = visits.randomElement(using: &rng) else { return nil }
      let p = next[c][i] / 2
      for r in next.indices { next[r].removeAll { $0 / 2 == p && $0 >= 0 } }
      return bestOf(8, placing: p, in: next, rng: &rng)
    default:  // add, move or drop a lunch break
      let takers = instance.carers.indices.filter { instance.carers[$0].takesLunch && !routes[$0].isEmpty }
      guard let c = takers.randomElement(using: &rng) else { return nil }
      let had = next[c].contains(UHHCInstance.lunch)
      next[c].removeAll { $0 == UHHCInstance.lunch }
      if !had || rng.below(3) > 0 {
        next[c].insert(UHHCInstance.lunch, at: rng.below(next[c].count + 1))
      }
    }
    return next
  }

  /// The cheapest of `tries` random placements of the patient's visits (both halves of a pair together).
  func bestOf(_ tries: Int, placing p: Int, in routes: [[Int]], rng: inout SeededRandom) -> [[Int]]? {
    var best: (cost: Int, routes: [[Int]])?
    for _ in 0..<tries {
      var trial = routes
      guard place(p, in: &trial, rng: &rng) else { return nil }
      if let (_, score, cost) = cost(trial) {
        let priced = cost + 10_000 * score.forbiddenLateness
        if priced < (best?.cost ?? .max) { best = (priced, trial) }
      }
    }
    return best?.routes
  }

  /// Whether the carer may take this visit: skill, not incompatible, and not already doing the other half
  /// of a pair that needs two carers.
  func allowed(_ item: Int, on c: Int, routes: [[Int]], ignoring: Int? = nil) -> Bool {
    let (p, need) = (item / 2, item % 2)
    guard instance.mayDo(c, patient: p, need: need) else { return false }
    guard let sync = instance.patients[p].sync, sync != .independent else { return true }
    let mate = p * 2 + 1 - need
    return !routes[c].contains(mate)
  }
}
