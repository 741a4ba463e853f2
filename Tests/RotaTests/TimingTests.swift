import Testing

@testable import Rota

/// The search re-times only the routes a move touches (and partners whose times really change). A
/// plan's times and cost must be exactly what timing every route afresh gives, or the search would
/// chase a score the evaluator does not agree with.
@Suite("Incremental timing")
struct TimingTests {
  @Test(arguments: ["InstanzCPLEX_HCSRP_25_1.txt", "InstanzCPLEX_HCSRP_50_3.txt", "InstanzVNS_HCSRP_100_1.txt"])
  func reTimingOnlyWhatChangedEqualsTimingEverything(name: String) throws {
    let problem = try SearchTests.problem(name)
    #expect(!problem.syncs.isEmpty, "the instance must have pairs, or the test proves little")
    let annealer = Annealer(problem)
    var routes = try annealer.greedy()
    var carerOf = [Int](repeating: 0, count: problem.services.count)
    for (c, route) in routes.enumerated() { for s in route { carerOf[s] = c } }
    var current = try #require(Timing.full(problem, routes: routes, partner: problem.partner))
    var rng = SeededRandom(seed: 5)
    var checked = 0
    for step in 0..<3_000 {
      guard
        let (candidate, changed) = annealer.neighbour(
          routes, carerOf: carerOf, starts: current.starts, weight: 0, rng: &rng)
      else { continue }
      var routeOf = carerOf
      for c in changed { for s in candidate[c] { routeOf[s] = c } }
      let quick = current.updated(
        problem, routes: candidate, routeOf: routeOf, changed: changed, partner: problem.partner)
      let afresh = Timing.full(problem, routes: candidate, partner: problem.partner)
      #expect((quick == nil) == (afresh == nil), "step \(step)")
      guard let quick, let afresh else { continue }
      checked += 1
      #expect(zip(quick.starts, afresh.starts).allSatisfy { abs($0 - $1) < 1e-6 }, "step \(step)")
      #expect(abs(quick.cost.objective - afresh.cost.objective) < 1e-6, "step \(step)")
      // Keep every other feasible move, worse or not, so the plan wanders far from the greedy start.
      if step % 2 == 0 {
        routes = candidate
        carerOf = routeOf
        current = quick
      }
    }
    #expect(checked > 500)
  }

  /// Ruin and recreate prices each place a visit could go by timing that one route alone. Every price
  /// must be what timing the whole plan gives, and a place it calls impossible must be impossible.
  /// Mankowska's pairs and Solomon's hard deadlines and capacity.
  @Test(arguments: ["InstanzCPLEX_HCSRP_25_1.txt", "InstanzCPLEX_HCSRP_50_3.txt", "R101.txt"])
  func pricingOneRouteEqualsTimingThePlan(name: String) throws {
    let problem = try name.hasPrefix("R") ? SolomonTests.load(name) : SearchTests.problem(name)
    let annealer = Annealer(problem)
    let routes = try annealer.solve(SearchOptions(seed: 2, iterations: 5_000)).plan.routes
    var compared = (cost: 0, broken: 0)
    for s in stride(from: 0, to: problem.services.count, by: 2) {
      var without = routes
      var routeOf = [Int](repeating: -1, count: problem.services.count)
      for (c, route) in routes.enumerated() { for v in route { routeOf[v] = c } }
      without[routeOf[s]].removeAll { $0 == s }
      routeOf[s] = -1
      let timing = try #require(Timing.full(problem, routes: without, partner: problem.partner))
      for c in without.indices where annealer.allowed(c, s, routeOf: routeOf) {
        for position in 0...without[c].count {
          var with = without
          with[c].insert(s, at: position)
          var placed = routeOf
          placed[s] = c
          let full = Timing.full(problem, routes: with, partner: problem.partner)
          switch annealer.routeWith(s, at: position, route: c, routes: without, routeOf: routeOf, timing: timing) {
          case .broken:
            #expect(full == nil, "visit \(s) route \(c) position \(position)")
            compared.broken += 1
          case .cost(let travel, let lateSum, _, _):
            let full = try #require(full)
            #expect(abs(full.travel[c] - travel) < 1e-6 && abs(full.lateSum[c] - lateSum) < 1e-6)
            compared.cost += 1
          case .movesAPartner: break
          }
        }
      }
    }
    #expect(compared.cost > 30)
    if name.hasPrefix("R") { #expect(compared.broken > 100) }
  }
}
