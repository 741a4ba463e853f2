/// A plan as it is written out: each carer's visits in order, with their start times.
public struct Plan: Sendable {
  public var routes: [[Int]]
  public var starts: [Double]

  public init(routes: [[Int]], starts: [Double]) {
    self.routes = routes
    self.starts = starts
  }
}

/// Re-scores any plan from scratch and lists every hard constraint it breaks. It shares no code with
/// the search's scheduler on purpose: it checks the times it is given rather than computing them.
public enum Evaluator {
  public struct Report: Sendable {
    public let cost: Cost
    public let violations: [String]
    public var isFeasible: Bool { violations.isEmpty }
  }

  public static func evaluate(_ problem: RotaProblem, _ plan: Plan, tolerance: Double = 1e-5) -> Report {
    var violations: [String] = []
    var carerOf = [Int?](repeating: nil, count: problem.services.count)
    guard plan.routes.count == problem.shifts.count else {
      return Report(
        cost: Cost(travel: 0, totalTardiness: 0, maxTardiness: 0),
        violations: ["expected \(problem.shifts.count) routes, found \(plan.routes.count)"])
    }
    for (carer, route) in plan.routes.enumerated() {
      var free = 0.0
      var at = problem.shifts[carer].startNode
      for s in route {
        guard problem.services.indices.contains(s) else {
          violations.append("route \(carer) names service \(s), which does not exist")
          continue
        }
        let service = problem.services[s]
        if carerOf[s] != nil { violations.append("service \(s) is planned twice") }
        carerOf[s] = carer
        if problem.shifts[carer].day != service.day {
          violations.append("service \(s) is on day \(service.day) but planned on day \(problem.shifts[carer].day)")
        }
        if !problem.carers[problem.shifts[carer].carer].skills.contains(service.skill) {
          violations.append(
            "carer \(problem.carerName(ofShift: carer)) lacks skill \(problem.skillIDs[service.skill]) for service \(s)"
          )
        }
        let start = plan.starts[s]
        let arrival = free + problem.travel[at][service.node]
        if start < arrival - tolerance {
          violations.append("service \(s) starts at \(start) before arrival at \(arrival)")
        }
        if start < service.earliest - tolerance {
          violations.append("service \(s) starts at \(start) before its window opens at \(service.earliest)")
        }
        free = start + service.duration
        at = service.node
      }
      let shift = problem.shifts[carer]
      let load = route.reduce(0.0) { $0 + (problem.services.indices.contains($1) ? problem.services[$1].demand : 0) }
      if load > shift.capacity + tolerance {
        violations.append("route \(carer) carries \(load), over its capacity \(shift.capacity)")
      }
      if !route.isEmpty, free + problem.travel[at][shift.endNode] > shift.maxDuration + tolerance {
        violations.append(
          "route \(carer) ends at \(free + problem.travel[at][shift.endNode]), after \(shift.maxDuration)")
      }
    }
    for (s, carer) in carerOf.enumerated() where carer == nil { violations.append("service \(s) is not planned") }
    for sync in problem.syncs {
      if let a = carerOf[sync.first], a == carerOf[sync.second] {
        violations.append("services \(sync.first) and \(sync.second) need two carers but both go to carer \(a)")
      }
      let gap = plan.starts[sync.second] - plan.starts[sync.first]
      if gap < sync.minGap - tolerance || gap > sync.maxGap + tolerance {
        violations.append(
          "services \(sync.first) and \(sync.second) are \(gap) apart; allowed \(sync.minGap)…\(sync.maxGap)")
      }
    }
    var travel = 0.0
    for (carer, route) in plan.routes.enumerated() where !route.isEmpty {
      let nodes =
        [problem.shifts[carer].startNode] + route.map { problem.services[$0].node } + [problem.shifts[carer].endNode]
      for (from, to) in zip(nodes, nodes.dropFirst()) { travel += problem.travel[from][to] }
    }
    let lateness = problem.services.indices.map { max(0, plan.starts[$0] - problem.services[$0].latest) }
    return Report(
      cost: Cost(travel: travel, totalTardiness: lateness.reduce(0, +), maxTardiness: lateness.max() ?? 0),
      violations: violations)
  }
}
