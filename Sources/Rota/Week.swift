/// Builds a horizon of several days from a one-day instance: each person's visits every day, each
/// carer working every day. The plan for the whole week is then made at once, so continuity can count.
public enum Week {
  public static func repeating(_ day: RotaProblem, days: Int) -> RotaProblem {
    let n = day.services.count
    var services: [RotaProblem.Service] = []
    var syncs: [RotaProblem.Sync] = []
    for d in 0..<days {
      for var service in day.services {
        service.day = d
        services.append(service)
      }
      syncs += day.syncs.map {
        .init(first: $0.first + d * n, second: $0.second + d * n, minGap: $0.minGap, maxGap: $0.maxGap)
      }
    }
    var week = RotaProblem(
      name: "\(day.name) × \(days) days", services: services, carers: day.carers, travel: day.travel, syncs: syncs,
      personIDs: day.personIDs, skillIDs: day.skillIDs)
    week.shifts = (0..<days).flatMap { d in
      day.carers.indices.map {
        .init(carer: $0, day: d, startNode: day.carers[$0].startNode, endNode: day.carers[$0].endNode)
      }
    }
    week.carry(from: day)
    return week
  }

  /// The same week planned one day at a time, each day on its own: what a rota without continuity does.
  public static func dayByDay(_ week: RotaProblem, days: Int, options: SearchOptions) throws(PlanningError) -> Plan {
    var routes = [[Int]](repeating: [], count: week.shifts.count)
    var starts = [Double](repeating: 0, count: week.services.count)
    for d in 0..<days {
      let keep = week.services.indices.filter { week.services[$0].day == d }
      let shiftIndices = week.shifts.indices.filter { week.shifts[$0].day == d }
      var local = [Int: Int]()
      for (i, s) in keep.enumerated() { local[s] = i }
      var single = RotaProblem(
        name: week.name,
        services: keep.map {
          var s = week.services[$0]
          s.day = 0
          return s
        }, carers: week.carers,
        travel: week.travel,
        syncs: week.syncs.filter { local[$0.first] != nil }.map {
          .init(first: local[$0.first]!, second: local[$0.second]!, minGap: $0.minGap, maxGap: $0.maxGap)
        }, personIDs: week.personIDs, skillIDs: week.skillIDs)
      single.shifts = shiftIndices.map {
        let s = week.shifts[$0]
        return .init(
          carer: s.carer, day: 0, startNode: s.startNode, endNode: s.endNode, capacity: s.capacity,
          maxDuration: s.maxDuration, start: s.start)
      }
      single.carry(from: week)
      var dayOptions = options
      dayOptions.seed = options.seed &+ UInt64(d)
      dayOptions.seconds = options.seconds / Double(days)
      dayOptions.iterations = options.iterations.map { $0 / days }
      let result = try Annealer(single).solve(dayOptions)
      for (r, route) in result.plan.routes.enumerated() {
        routes[shiftIndices[r]] = route.map { keep[$0] }
      }
      for (i, s) in keep.enumerated() { starts[s] = result.plan.starts[i] }
    }
    return Plan(routes: routes, starts: starts)
  }
}

extension RotaProblem {
  /// People's choices and carers' consent are by person and carer, so they hold on every day.
  mutating func carry(from other: RotaProblem) {
    backup = other.backup
    team = other.team
    wishes = other.wishes
    consent = other.consent
    preferenceWeight = other.preferenceWeight
  }
}
