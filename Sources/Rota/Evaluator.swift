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
      let shift = problem.shifts[carer]
      let consent = problem.consent[shift.carer]
      let who = problem.carerName(ofShift: carer)
      let leaves = max(shift.start, consent?.from ?? 0)
      var free = leaves
      var at = shift.startNode
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
        violations += consentBroken(problem, service: s, shift: carer, who: who)
        let start = plan.starts[s]
        let journey = problem.travel[at][service.node]
        if let longest = consent?.maxJourney, journey > longest + tolerance {
          violations.append("\(who) travels \(journey) to service \(s); they agreed to at most \(longest)")
        }
        let arrival = free + journey
        if start < arrival - tolerance {
          violations.append("service \(s) starts at \(start) before arrival at \(arrival)")
        }
        if start > service.deadline + tolerance {
          violations.append("service \(s) starts at \(start), after its deadline \(service.deadline)")
        }
        if start < service.earliest - tolerance {
          violations.append("service \(s) starts at \(start) before its window opens at \(service.earliest)")
        }
        free = start + service.duration
        at = service.node
      }
      let load = route.reduce(0.0) { $0 + (problem.services.indices.contains($1) ? problem.services[$1].demand : 0) }
      if load > shift.capacity + tolerance {
        violations.append("route \(carer) carries \(load), over its capacity \(shift.capacity)")
      }
      let back = free + problem.travel[at][shift.endNode]
      if !route.isEmpty, back > shift.maxDuration + tolerance {
        violations.append("route \(carer) ends at \(back), after \(shift.maxDuration)")
      }
      if !route.isEmpty, let until = consent?.until, back > until + tolerance {
        violations.append("\(who) is back at \(back), after the \(until) they agreed to")
      }
      if !route.isEmpty, let longest = consent?.maxJourney, problem.travel[at][shift.endNode] > longest + tolerance {
        violations.append(
          "\(who) travels \(problem.travel[at][shift.endNode]) back to base; they agreed to at most \(longest)")
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
    // Lateness allows the person's flexibility when a carer they chose comes; other carers cost the weight.
    var lateness: [Double] = []
    var preference = 0.0
    for (s, service) in problem.services.enumerated() {
      let wishes = problem.wishes[service.person]
      let carer = carerOf[s].map { problem.shifts[$0].carer }
      let chosen =
        carer.map { (wishes?.preferred.contains($0) ?? false) || problem.backup[service.person] == $0 } ?? false
      lateness.append(max(0, plan.starts[s] - service.latest - (chosen ? wishes?.flexibility ?? 0 : 0)))
      if let wishes, !wishes.preferred.isEmpty, carer != nil, !chosen { preference += problem.preferenceWeight }
    }
    return Report(
      cost: Cost(
        travel: travel, totalTardiness: lateness.reduce(0, +), maxTardiness: lateness.max() ?? 0,
        preference: preference),
      violations: violations)
  }

  /// The person's "never" and the carer's zone of consent, checked from the wishes themselves.
  static func consentBroken(_ problem: RotaProblem, service s: Int, shift: Int, who: String) -> [String] {
    let service = problem.services[s]
    let carer = problem.shifts[shift].carer
    let person = problem.personIDs[service.person]
    var out: [String] = []
    if problem.wishes[service.person]?.declined.contains(carer) ?? false {
      out.append("person \(person) declined \(who), who is planned for service \(s)")
    }
    if let people = problem.consent[carer]?.people, !people.contains(service.person) {
      out.append("\(who) has not agreed to visit person \(person) (service \(s))")
    }
    if let tasks = problem.consent[carer]?.tasks, !tasks.contains(service.skill) {
      out.append("\(who) has not agreed to \(problem.skillIDs[service.skill]) (service \(s))")
    }
    return out
  }
}
