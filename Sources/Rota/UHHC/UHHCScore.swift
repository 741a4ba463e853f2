/// Scores a UHHC plan from its times alone, the way the published validator does, and lists every hard
/// rule it breaks. The search never shares this code: tests hold the two to the same figures.
public struct UHHCScore: Sendable, Equatable, CustomStringConvertible {
  public var travel = 0
  public var tardiness = 0
  public var highestTardiness = 0
  public var waiting = 0
  public var extraTime = 0
  public var maxIdle = 0
  public var preferences = 0
  public var unscheduled = 0
  public var missedLunch = 0
  /// Each carer's idle minutes (waiting, and the shift's time before leaving and after coming back).
  public var idle: [Int] = []
  public var violations: [String] = []
  /// Required patients nobody sees: a plan with any is not valid (kept apart so a plan can be built up).
  public var unseenRequired: [String] = []
  /// Minutes late where the instance forbids lateness (its tardiness weight is "HARD").
  public var forbiddenLateness = 0
  public var isValid: Bool { violations.isEmpty && unseenRequired.isEmpty && forbiddenLateness == 0 }

  public func cost(_ w: UHHCInstance.Weights) -> Int {
    w.travel * travel + w.tardiness * tardiness + w.highestTardiness * highestTardiness + w.waiting * waiting
      + w.extraTime * extraTime + w.maxIdle * maxIdle + w.preferences * preferences + w.unscheduled * unscheduled
      + w.missedLunch * missedLunch
  }

  public var description: String {
    "travel \(travel), tardiness \(tardiness) (max \(highestTardiness)), waiting \(waiting), extra \(extraTime), "
      + "max idle \(maxIdle), preferences \(preferences), unscheduled \(unscheduled), missed lunch \(missedLunch)"
  }

  public init(_ instance: UHHCInstance, _ plan: UHHCPlan) {
    let visited = Set(plan.routes.joined().filter { $0.need != nil }.map(\.patient))
    var done: [Int: [(carer: Int, start: Int)]] = [:]  // patient * 2 + need
    for (c, route) in plan.routes.enumerated() {
      let carer = instance.carers[c]
      var idle = carer.shift.end - carer.shift.start
      defer {
        maxIdle = max(maxIdle, idle)
        self.idle.append(idle)
      }
      guard let first = route.first else { continue }
      let place = route.map {
        $0.need == nil && !visited.contains($0.patient) ? carer.startNode : instance.patients[$0.patient].node
      }
      let leave = first.start - instance.distances[carer.startNode][place[0]]
      if leave < carer.shift.start { violations.append("\(carer.id) leaves before their shift starts") }
      idle = max(0, leave - carer.shift.start)
      var at = carer.startNode
      var free = leave
      for (i, stop) in route.enumerated() {
        let leg = instance.distances[at][place[i]]
        travel += leg
        at = place[i]
        let arrival = free + leg
        if stop.start < arrival { violations.append("\(carer.id) cannot reach stop \(i) by \(stop.start)") }
        let wait = max(0, stop.start - arrival)
        idle += wait
        if !(i == 1 && route[0].need == nil) { waiting += wait }
        free = stop.end
        guard let need = stop.need else {
          let ok =
            stop.start >= instance.lunch.start && stop.end - stop.start >= instance.lunch.minutes
            && (instance.lateAtEnd ? stop.end : stop.start) <= instance.lunch.end
          if !ok { violations.append("\(carer.id)'s lunch break is outside the lunch window or too short") }
          if !carer.takesLunch { violations.append("\(carer.id) takes a lunch break they do not have") }
          continue
        }
        let patient = instance.patients[stop.patient]
        if stop.end - stop.start < patient.needs[need].duration {
          violations.append("\(patient.id)'s service is shorter than it needs")
        }
        if stop.start < patient.windows[0].start { violations.append("\(patient.id) is seen before their window") }
        if !instance.mayDo(c, patient: stop.patient, need: need) {
          violations.append("\(carer.id) may not do \(patient.needs[need].service) for \(patient.id)")
        }
        if let preferred = patient.preferred, !preferred.contains(c) { preferences += 1 }
        let late = instance.tardiness(of: stop.patient, start: stop.start, duration: stop.end - stop.start)
        if instance.weights.tardinessIsHard { forbiddenLateness += late }
        tardiness += late
        highestTardiness = max(highestTardiness, late)
        done[stop.patient * 2 + need, default: []].append((c, stop.start))
      }
      let home = instance.distances[at][carer.endNode]
      travel += home
      let back = free + home
      extraTime += max(0, back - carer.shift.end)
      idle += max(0, carer.shift.end - back)
      if carer.takesLunch && !route.contains(where: { $0.need == nil }) { missedLunch += 1 }
    }
    for c in plan.routes.indices where plan.routes[c].isEmpty && instance.carers[c].takesLunch { missedLunch += 1 }
    for (p, patient) in instance.patients.enumerated() {
      guard visited.contains(p) else {
        unscheduled += 1
        if !patient.optional { unseenRequired.append("\(patient.id) must be seen but is not") }
        continue
      }
      let visits = patient.needs.indices.map { done[p * 2 + $0] ?? [] }
      guard visits.allSatisfy({ $0.count == 1 }) else {
        violations.append("\(patient.id)'s services are not each done exactly once")
        continue
      }
      guard visits.count == 2, let sync = patient.sync, sync != .independent else { continue }
      let (a, b) = (visits[0][0], visits[1][0])
      if a.carer == b.carer { violations.append("\(patient.id)'s two services need two carers") }
      switch sync {
      case .simultaneous where a.start != b.start: violations.append("\(patient.id)'s services are not together")
      case .sequential(let low, let high) where !(low...high).contains(b.start - a.start):
        violations.append("\(patient.id)'s second service is outside its gap")
      default: break
      }
    }
  }
}
